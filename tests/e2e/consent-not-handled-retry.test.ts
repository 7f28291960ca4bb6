import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsentHandled } from '../../src/model/run-event.ts';
import { auditDemo } from '../support/audit.ts';
import { DEMO_SCENARIOS_DIR, demoShopFields, tempProject } from '../support/monitors.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * The demo shop's purchase, except that on its first attempt the banner's buttons carry labels no
 * consent manager uses (tagwatch cannot answer it: not-handled), and the scenario swallows
 * journey.consent()'s error and stops, as a scenario written to "carry on whatever the banner
 * does" would. Before issue 17 such a journey printed `ok` and was never retried.
 */
const scenario = `import { test } from ${JSON.stringify(`${SRC}/index.ts`)};
import { fillCart } from ${JSON.stringify(`${DEMO_SCENARIOS_DIR}/steps/add-to-cart.ts`)};
import { checkOut } from ${JSON.stringify(`${DEMO_SCENARIOS_DIR}/steps/checkout.ts`)};

test('banner-once', async ({ page, journey }, testInfo) => {
  if (testInfo.retry === 0) {
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const button of document.querySelectorAll('#consent-banner button')) button.textContent = button.getAttribute('data-consent-choice') === 'granted' ? '\u2713' : '\u2717';
      });
    });
  }
  await page.goto('/');
  if (testInfo.retry === 0) {
    await journey.consent(page).catch(() => undefined);
    return;
  }
  await journey.consent(page);
  await fillCart(page, 1);
  await checkOut(page, journey);
});
`;

function project(): string {
  const monitor = {
    name: 'consent-once',
    ...demoShopFields(),
    scenariosDir: 'scenarios',
    scenarios: ['banner-once'],
    conditions: ['baseline'],
    repeat: 1,
    expect: { ga4: { eventName: 'purchase' } },
    browser: { workers: 1 },
  };
  return tempProject({ 'monitors/consent-once.monitor.ts': `export default ${JSON.stringify(monitor, null, 2)};\n`, 'scenarios/banner-once.scenario.ts': scenario });
}

describe('a banner tagwatch could not answer fails its journey, which is run again (real Chromium, demo shop)', () => {
  it('not answered on attempt 1 (its error swallowed by the scenario): RETRY on the console, the retry measured, the failed attempt never counted as loss', { timeout: 300_000 }, async () => {
    const dir = project();
    const { verdict, runLog, output } = await auditDemo({ monitorFile: join(dir, 'monitors/consent-once.monitor.ts') });

    expect(output).toMatch(/\[1\/1\] RETRY baseline › banner-once #1 \([\d.]+s\) {2}tagwatch could not answer the consent banner/);
    expect(output).toMatch(/\[1\/1\] ok {3}baseline › banner-once #1/);

    const consents = runLog.filter((e): e is ConsentHandled => e.type === 'consent');
    expect(consents.map((c) => [c.journeyId, c.outcome])).toEqual([
      ['baseline.banner-once.r1', 'not-handled'],
      ['baseline.banner-once.r1.retry1', 'accepted'],
    ]);
    expect(consents[0]!.detail).toMatch(/^tagwatch could not answer the consent banner/);
    expect(consents[0]!.method).toBeDefined();

    expect(verdict.status).toBe('pass');
    expect(verdict.journeys.map((j) => [j.journeyId, j.status, j.consent, j.supersededBy ?? null])).toEqual([
      ['baseline.banner-once.r1', 'failed', 'not-handled', 'baseline.banner-once.r1.retry1'],
      ['baseline.banner-once.r1.retry1', 'passed', 'accepted', null],
    ]);
    // The failed attempt's error is the banner's detail (with the consent manager and method when known).
    expect(verdict.journeys[0]!.error!.startsWith(consents[0]!.detail!.split('\n')[0]!)).toBe(true);
    expect(verdict.loss).toEqual([expect.objectContaining({ vendor: 'ga4', condition: 'baseline', orders: 1, tracked: 1, lost: 0 })]);
    const retried = verdict.findings.filter((f) => f.kind === 'journey-retried');
    expect(retried).toEqual([expect.objectContaining({ severity: 'warning', journeyId: 'baseline.banner-once.r1', evidence: expect.objectContaining({ failedBy: 'tagwatch' }) })]);
    expect(retried[0]!.message).toContain('tagwatch could not answer the consent banner, a problem of tagwatch, not of the site or its tags; the retry is what was measured');
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
