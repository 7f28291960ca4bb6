import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/reconcile/wilson.ts';
import { reportRecorded } from './recorded-run.ts';

/**
 * The backend side of a recorded audit: five orders as fetched, GA4's purchase lost on the even
 * order numbers only (demo fault ga4-purchase-intermittent; tests/fixtures/runs/ga4-intermittent).
 * Was the repeat-5 audit of tests/e2e/audit-backend.test.ts, which keeps the real cleanup audit.
 */
describe('orders as fetched, judged again', () => {
  it('repeat 5 with a ga4 purchase lost on some orders only: flaky-loss, loss rate with its Wilson interval', async () => {
    const { verdict, exitCode, output } = await reportRecorded('ga4-intermittent');
    const ga4 = verdict.loss.find((r) => r.vendor === 'ga4')!;
    // Even order numbers lose it: 2 or 3 of 5 consecutive numbers, never 0 or 5.
    expect(ga4.orders).toBe(5);
    expect([2, 3]).toContain(ga4.lost);
    expect(ga4.ci95).toEqual(wilsonInterval(ga4.lost!, 5));
    const flaky = verdict.findings.find((f) => f.kind === 'flaky-loss');
    expect(flaky).toMatchObject({ vendor: 'ga4', condition: 'baseline' });
    const lostOrders = (flaky!.evidence as { lostOrders: string[] }).lostOrders;
    expect(lostOrders.every((id) => Number(id.replace(/\D/g, '')) % 2 === 0)).toBe(true);
    expect(verdict.loss.find((r) => r.vendor === 'meta')!.lost).toBe(0);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/flaky-loss: ga4 lost \d of 5 orders under baseline intermittently/);
  });

  it('a run without orders.cleanup asks the backend nothing after the verdict and reports no cleanup', async () => {
    const { verdict, output } = await reportRecorded('ga4-intermittent');
    expect(verdict.cleanup).toBeUndefined();
    expect(output).not.toContain('Cleanup:');
  });
});
