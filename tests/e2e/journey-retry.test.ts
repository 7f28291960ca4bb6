import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFlakyConfirmationShop } from '../fixtures/flaky-confirmation-shop.ts';
import { auditDemo } from '../support/audit.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';

let shop: Awaited<ReturnType<typeof startFlakyConfirmationShop>>;
beforeAll(async () => {
  shop = await startFlakyConfirmationShop();
});
beforeEach(() => shop.reset());
afterAll(async () => {
  await shop?.close();
});

/** A monitor of the shop whose first order confirmation fails once. */
function monitorFile(rerunFailedJourneys: boolean): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tagwatch-flaky-')), 'flaky.monitor.ts');
  const monitor = {
    name: 'flaky-confirmation',
    site: { baseUrl: shop.url },
    scenariosDir: DEMO_SCENARIOS_DIR,
    conditions: ['baseline'],
    repeat: 1,
    expect: { ga4: { eventName: 'purchase' } },
    orders: { source: 'demo', url: shop.ordersUrl, waitSeconds: 2 },
    alerts: { rerunFailedJourneys },
  };
  writeFileSync(file, `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return file;
}

describe('failed journeys are run again once before the verdict (real Chromium, demo shop behind a flaky proxy)', () => {
  it('failed on attempt 1 after its order went through, passed on retry: measured from the retry, flaky site reported, first order an orphan', { timeout: 300_000 }, async () => {
    const { verdict, runDir, runLog, output } = await auditDemo({ monitorFile: monitorFile(true) });
    // Progress counts the journey once: the failed attempt is a retry, not a second journey.
    expect(output).toMatch(/\[1\/1\] RETRY baseline › /);
    expect(output).toMatch(/\[1\/1\] ok   baseline › /);
    expect(output).not.toContain('[2/1]');
    expect(shop.failedOrders).toHaveLength(1);
    const orphanOrder = shop.failedOrders[0]!;

    // Two attempts in the run log, each a journey of its own.
    const starts = runLog.flatMap((e) => (e.type === 'journey-start' ? [e.journeyId] : []));
    expect(starts).toEqual(['baseline.purchase.r1', 'baseline.purchase.r1.retry1']);
    expect(runLog.filter((e) => e.type === 'order-placed').map((e) => e.journeyId)).toEqual(['baseline.purchase.r1.retry1']);

    expect(verdict.status).toBe('pass');
    expect(verdict.journeys.map((j) => [j.journeyId, j.status, j.attempt, j.supersededBy ?? null])).toEqual([
      ['baseline.purchase.r1', 'failed', 1, 'baseline.purchase.r1.retry1'],
      ['baseline.purchase.r1.retry1', 'passed', 2, null],
    ]);
    expect(verdict.loss).toEqual([expect.objectContaining({ vendor: 'ga4', condition: 'baseline', orders: 1, tracked: 1, lost: 0 })]);
    const retried = verdict.findings.filter((f) => f.kind === 'journey-retried');
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatchObject({ severity: 'warning', journeyId: 'baseline.purchase.r1' });
    expect(retried[0]!.message).toMatch(/^Journey baseline\.purchase\.r1 failed on attempt 1 \(failed: .+\), passed on retry \(baseline\.purchase\.r1\.retry1\): the site is flaky/);
    expect(verdict.findings.filter((f) => f.kind === 'orphan-test-order')).toEqual([expect.objectContaining({ severity: 'info', orderId: orphanOrder })]);
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);

    // The failed attempt keeps its screenshot and HAR (a trace is recorded on the last attempt
    // only, Playwright's on-first-retry: tracing every journey cost a third of its time); the
    // passed retry keeps nothing.
    const failed = verdict.journeys[0]!;
    expect(failed.artifacts).toEqual({ screenshot: 'artifacts/baseline.purchase.r1/screenshot.png', har: 'artifacts/baseline.purchase.r1/journey.har' });
    expect(existsSync(join(runDir, failed.artifacts!.screenshot!))).toBe(true);
    expect(existsSync(join(runDir, failed.artifacts!.har!))).toBe(true);
    expect(existsSync(join(runDir, 'artifacts/baseline.purchase.r1.retry1'))).toBe(false);
  });

  it('alerts.rerunFailedJourneys false: one attempt, the failure stands (inconclusive)', { timeout: 300_000 }, async () => {
    const { verdict, runLog } = await auditDemo({ monitorFile: monitorFile(false) });
    expect(runLog.filter((e) => e.type === 'journey-start')).toHaveLength(1);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.journeys.map((j) => [j.journeyId, j.status, j.attempt ?? null])).toEqual([['baseline.purchase.r1', 'failed', null]]);
    expect(verdict.findings.map((f) => f.kind)).not.toContain('journey-retried');
    // Its order is in the backend all the same: an orphan, never a loss.
    expect(verdict.findings.filter((f) => f.kind === 'orphan-test-order').map((f) => f.orderId)).toEqual(shop.failedOrders.slice(-1));
    expect(verdict.loss[0]).toMatchObject({ orders: 0, lost: 0 });
  });
});
