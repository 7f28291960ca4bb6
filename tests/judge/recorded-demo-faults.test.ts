import { describe, expect, it } from 'vitest';
import { reportRecorded } from './recorded-run.ts';

/**
 * Recorded audits of the demo shop with its fault switches (tests/fixtures/runs, recorded by
 * record-runs.ts) judged again: each fault's verdict, findings and exit code. Were four audits in
 * tests/e2e/audit-demo.test.ts.
 */
describe('the demo shop\'s faults, judged from recorded runs', () => {
  it('ga4-purchase-missing and meta-purchase-double: exit 1, tag-missing for ga4 (loss 1), a duplicate-hit for meta, the others fine', async () => {
    const { verdict, exitCode } = await reportRecorded('ga4-missing-meta-double');
    expect(exitCode).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'tag-missing', vendor: 'ga4', severity: 'error' }));
    expect(verdict.loss.find((r) => r.vendor === 'ga4')?.lossRate).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'duplicate-hit', vendor: 'meta' }));
    expect(verdict.loss.find((r) => r.vendor === 'meta')).toMatchObject({ lost: 0, duplicated: 1 });
    expect(verdict.loss.filter((r) => r.vendor === 'google-ads' || r.vendor === 'tiktok').map((r) => r.lossRate)).toEqual([0, 0]);
    expect(verdict.findings.filter((f) => f.vendor === 'google-ads' || f.vendor === 'tiktok').filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('ga4-value-mismatch: a value-mismatch finding for ga4 with both values', async () => {
    const { verdict } = await reportRecorded('ga4-value-mismatch');
    const finding = verdict.findings.find((f) => f.kind === 'value-mismatch');
    expect(finding).toMatchObject({ vendor: 'ga4' });
    const evidence = finding!.evidence as { tagValue: number; orderTotal: number };
    expect(evidence.orderTotal - evidence.tagValue).toBeCloseTo(4.9, 2);
  });

  it('order-not-saved: the unsaved order is order-not-in-backend, not vendor loss; the saved one is measured', async () => {
    const { verdict, exitCode } = await reportRecorded('order-not-saved');
    expect(verdict.findings.map((f) => [f.kind, f.orderId])).toEqual([['order-not-in-backend', 'DS-100001']]);
    expect(verdict.findings.some((f) => f.kind === 'tag-missing')).toBe(false);
    expect(verdict.loss.every((r) => r.orders === 1 && r.lost === 0)).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('no order of the run nor of its window in the answer: inconclusive, exit 2, the source named as the first suspect', async () => {
    const { verdict, exitCode, output } = await reportRecorded('orders-none-found');
    expect(exitCode).toBe(2);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['orders-not-found']);
    expect(verdict.findings[0]!.message).toMatch(/None of the run's 1 confirmed order \(DS-100001\) is in what order source demo returned for .* \(no order at all\)/);
    expect(verdict.alert?.alert).toBeUndefined();
    expect(output).not.toContain('the shop lost it');
  });

  it('orders API stopped during the audit: inconclusive, exit 2, no loss claimed', async () => {
    const { verdict, exitCode } = await reportRecorded('orders-api-down');
    expect(exitCode).toBe(2);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['backend-unreachable']);
    expect(verdict.loss.every((r) => r.lossRate === null)).toBe(true);
  });
});
