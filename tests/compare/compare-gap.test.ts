import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient, PlatformReport } from '../../src/compare/model.ts';
import { runCompare } from '../../src/compare/run-compare.ts';
import { openHistory } from '../../src/storage/history.ts';
import { reportRecorded } from '../judge/recorded-run.ts';
import { generateShop } from '../support/generated-orders.ts';

/**
 * The gap explained by the latest audit: a recorded audit of the demo shop measured GA4 losing
 * every purchase under the adblock condition and none at baseline. A comparison whose GA4 ratio
 * is what the audience's ad-block share predicts passes; one far below it leaves a part no
 * measured cause explains, and fails past the monitor's threshold.
 */
const shop = generateShop({ firstDay: '2026-11-01', days: 14, brokenDay: 'never', brokenPayment: 'none', steadyLoss: 0 });
let project: string;

/** A GA4 stand-in reporting `share` of each day's real orders (the platform clients have their own tests against API servers). */
function ga4Reporting(share: number): PlatformClient {
  return {
    id: 'ga4',
    label: 'GA4 (test)',
    permission: 'none',
    validateSettings: () => [],
    credentialProblems: () => [],
    async report(): Promise<PlatformReport> {
      const days = new Map<string, number>();
      for (const order of shop.orders) days.set(order.createdAt.slice(0, 10), (days.get(order.createdAt.slice(0, 10)) ?? 0) + 1);
      return { platform: 'ga4', source: 'test', days: [...days].map(([date, count]) => ({ date, conversions: Math.round(count * share), value: 0, provisional: false })) };
    },
  };
}

beforeAll(async () => {
  const audit = await reportRecorded('adblock-observed');
  project = mkdtempSync(join(tmpdir(), 'tagwatch-compare-gap-'));
  const history = await openHistory(join(project, 'reports', 'history.json'));
  await history.appendRun(audit.verdict);
  mkdirSync(join(project, 'plugins'));
  // The shop's own order source (a plugin, as a team with its own backend writes one): it lists a period.
  writeFileSync(
    join(project, 'plugins', 'shop-db.ts'),
    `const orders = ${JSON.stringify(shop.orders)};\nexport default { id: 'shop-db', description: 'the shop database', fetchOrders: async () => [], fetchPeriodOrders: async (q) => orders.filter((o) => Date.parse(o.createdAt) >= q.from.getTime() && Date.parse(o.createdAt) < q.to.getTime()) };\n`,
  );
  // No scenarios in this project: a monitor used only to compare needs none.
  const monitor = { name: audit.verdict.monitor, site: { baseUrl: 'https://shop.example' }, expect: { ga4: {} }, orders: { source: 'shop-db' }, plugins: { orderSources: ['plugins/shop-db.ts'] }, compare: { platforms: { ga4: {} }, alerts: { maxUnexplained: 0.1 } } };
  writeFileSync(join(project, 'shop.monitor.ts'), `export default ${JSON.stringify(monitor)};\n`);
}, 60_000);

async function compareWith(share: number) {
  let output = '';
  const result = await runCompare({ monitorFile: join(project, 'shop.monitor.ts'), from: '2026-11-01', to: '2026-11-14', outDir: join(project, 'reports'), notify: false, env: { TAGWATCH_HISTORY_FILE: '' }, clients: { ga4: ga4Reporting(share) }, write: (text) => (output += text) });
  return { ...result, output };
}

describe('the gap between GA4 and the real orders, explained by the latest audit', () => {
  it('GA4 reporting what ad blockers leave is explained: pass, the audit named', async () => {
    const first = await compareWith(1);
    const expected = first.verdict.gap!.vendors.find((v) => v.vendor === 'ga4')!.expectedShare!;
    expect(expected).toBeGreaterThan(0.5);
    expect(expected).toBeLessThan(1);
    const { verdict, exitCode } = await compareWith(expected);
    const ga4 = verdict.gap!.vendors.find((v) => v.vendor === 'ga4')!;
    expect(verdict.auditRunId).toBeDefined();
    expect(Math.abs(ga4.unexplained!)).toBeLessThan(0.02);
    expect(ga4.causes.find((c) => c.cause === 'adblock')).toMatchObject({ measured: true, excessLoss: 1 });
    expect(verdict.findings.filter((f) => f.kind === 'reported-gap-unexplained')).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('GA4 far below it leaves a part no measured cause explains: fail past the threshold, with the figures', async () => {
    const { verdict, exitCode, output } = await compareWith(0.4);
    const finding = verdict.findings.find((f) => f.kind === 'reported-gap-unexplained')!;
    expect(finding).toMatchObject({ severity: 'error', vendor: 'ga4' });
    expect(finding.evidence!.unexplained as number).toBeGreaterThan(0.1);
    expect(output).toContain('beyond what the measured causes explain (threshold 10.0%)');
    expect(exitCode).toBe(1);
  });
});
