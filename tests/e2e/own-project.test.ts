import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { tempProject } from '../support/monitors.ts';
import { basketMonitor, basketScenario, collectorVendor } from '../support/shop-team-files.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * A shop team's repository: its monitor, its own purchase scenario reading a variant, and its own
 * vendor plugin for a first-party collector on the shop's origin (/collect/v1), which the team's
 * site calls only for one-item carts: a collector broken for bigger carts.
 */
function shopProject(): string {
  const tagwatch = `${SRC}/index.ts`;
  return tempProject({
    'monitors/shop.monitor.ts': basketMonitor(tagwatch, 'own-shop', "\n  browser: { workers: 1 },\n  alerts: { rerunFailedJourneys: false },"),
    'scenarios/basket.scenario.ts': basketScenario(tagwatch, { collectorBrokenAbove: 1 }),
    'plugins/vendors/shop-collector.ts': collectorVendor(tagwatch),
  });
}

describe("a shop team's own project (own scenario with variants, own vendor plugin)", () => {
  it('runs the project scenario once per variant and decodes the first-party collector; the loss names its variant', { timeout: 300_000 }, async () => {
    const project = shopProject();
    let output = '';
    const { verdict, exitCode, runDir } = await runAudit({ monitorFile: join(project, 'monitors/shop.monitor.ts'), outDir: join(project, 'reports'), write: (t) => (output += t) });
    expect(output).toMatch(/ok {3}baseline\[items=1\] › basket #1/);
    expect(output).toMatch(/ok {3}baseline\[items=2\] › basket #1/);
    expect(verdict.journeys.map((j) => [j.journeyId, j.variant])).toEqual(
      expect.arrayContaining([
        ['baseline.basket[items=1].r1', { items: 1 }],
        ['baseline.basket[items=2].r1', { items: 2 }],
      ]),
    );
    expect(verdict.journeys).toHaveLength(2);
    const byItems = (items: number) => verdict.journeys.find((j) => j.variant?.items === items)!;
    expect(byItems(1).vendors).toEqual({ ga4: 'tracked', 'shop-collector': 'tracked' });
    expect(byItems(2).vendors).toEqual({ ga4: 'tracked', 'shop-collector': 'lost' });
    const missing = verdict.findings.find((f) => f.kind === 'tag-missing' && f.vendor === 'shop-collector');
    expect(missing?.message).toMatch(/^shop-collector missed 1 of 2 orders under baseline .* on variant items=2/);
    expect(missing?.evidence).toMatchObject({ lostJourneys: ['baseline.basket[items=2].r1'], variants: ['items=2'] });
    expect(verdict.status).toBe('fail');
    expect(exitCode).toBe(1);
    // The record of the run says which project, scenarios and plugins it used.
    const settings = JSON.parse(readFileSync(join(runDir, 'run-settings.json'), 'utf8')) as { projectDir: string; plan: unknown; monitor: { plugins: { vendors: string[] } } };
    expect(settings.projectDir).toBe(project);
    expect(settings.plan).toEqual([{ condition: 'baseline', scenarios: [{ name: 'basket', file: join(project, 'scenarios/basket.scenario.ts') }] }]);
    expect(settings.monitor.plugins.vendors).toEqual([join(project, 'plugins/vendors')]);
    const stored = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
    expect(stored.journeys.map((j) => j.variant)).toEqual(expect.arrayContaining([{ items: 1 }, { items: 2 }]));
  });
});
