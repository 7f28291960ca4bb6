import { beforeAll, describe, expect, it } from 'vitest';
import { loadVendors, type VendorDefinition } from '../../src/catalog/index.ts';
import { createCatalog, decodeRunLog } from '../../src/catalog/index.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import type { Order } from '../../src/model/order.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

const RUN = 'TW20260101T040000Z';
const STAMP = `tagwatch+${RUN}-abc123@example.com`;
let vendors: VendorDefinition[];
beforeAll(async () => {
  vendors = (await loadVendors()).vendors;
});

let clock = Date.parse('2026-01-01T04:00:00Z');
const at = () => new Date((clock += 1000)).toISOString();

/** The run log lines of one attempt, as the fixtures write them. */
function attempt(journeyId: string, outcome: { status: 'passed' | 'failed'; error?: string; orderId?: string; ga4Purchase?: boolean }): RunEvent[] {
  const events: RunEvent[] = [{ type: 'journey-start', time: at(), journeyId, scenario: 'purchase', condition: 'baseline', repeat: 1 }];
  if (outcome.orderId) {
    events.push({ type: 'order-placed', time: at(), journeyId, orderId: outcome.orderId, stamp: STAMP });
    if (outcome.ga4Purchase) {
      const url = `https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO&en=purchase&ep.transaction_id=${outcome.orderId}&epn.value=64.8&cu=EUR`;
      events.push({ type: 'hit', time: at(), journeyId, url, method: 'POST', status: 'captured' });
    }
  }
  events.push({ type: 'journey-end', time: at(), journeyId, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), networkHosts: {} });
  return events;
}

const order = (id: string): Order => ({ id, total: 64.8, currency: 'EUR', createdAt: '2026-01-01T04:00:05Z', stamp: STAMP, email: STAMP });

function judge(events: RunEvent[], orders: Order[]) {
  const diagnostics: string[] = [];
  const journeys = decodeRunLog(events, createCatalog(vendors), diagnostics);
  const result = reconcile({ journeys, orders: { ok: true, orders }, expectations: { ga4: { eventName: 'purchase', requireTransactionId: true } }, maxLossRate: () => 0, conditions: ['baseline'] });
  return { journeys, result, diagnostics };
}

describe('a journey retried after failing (run-log-shaped input)', () => {
  it('failed after placing its order, passed on retry: the retry is measured, the first order is an orphan, not a loss', () => {
    const events = [
      ...attempt('baseline.purchase.r1', { status: 'failed', error: 'Timeout 15000ms exceeded waiting for "Continue shopping"', orderId: 'DS-1' }),
      ...attempt('baseline.purchase.r1.retry1', { status: 'passed', orderId: 'DS-2', ga4Purchase: true }),
    ];
    const { journeys, result } = judge(events, [order('DS-1'), order('DS-2')]);
    expect(journeys.map((j) => [j.journeyId, j.attempt, j.supersededBy])).toEqual([
      ['baseline.purchase.r1', 1, 'baseline.purchase.r1.retry1'],
      ['baseline.purchase.r1.retry1', 2, undefined],
    ]);
    expect(result.status).toBe('pass');
    expect(result.loss).toEqual([expect.objectContaining({ vendor: 'ga4', condition: 'baseline', orders: 1, tracked: 1, lost: 0, lossRate: 0 })]);
    // Both attempts are in the verdict; the failed one says what replaced it and has no vendor outcome.
    expect(result.journeys.map((j) => [j.journeyId, j.status, j.attempt, j.supersededBy ?? null, j.vendors])).toEqual([
      ['baseline.purchase.r1', 'failed', 1, 'baseline.purchase.r1.retry1', {}],
      ['baseline.purchase.r1.retry1', 'passed', 2, null, { ga4: 'tracked' }],
    ]);
    const retried = result.findings.find((f) => f.kind === 'journey-retried')!;
    expect(retried).toMatchObject({ severity: 'warning', journeyId: 'baseline.purchase.r1', condition: 'baseline' });
    expect(retried.message).toBe(
      'Journey baseline.purchase.r1 failed on attempt 1 (failed: Timeout 15000ms exceeded waiting for "Continue shopping"), passed on retry (baseline.purchase.r1.retry1): the site is flaky, not the tags; the retry is what was measured',
    );
    const orphan = result.findings.filter((f) => f.kind === 'orphan-test-order');
    expect(orphan).toEqual([expect.objectContaining({ severity: 'info', orderId: 'DS-1', journeyId: 'baseline.purchase.r1' })]);
    expect(orphan[0]!.message).toContain('placed by attempt 1 of journey baseline.purchase.r1');
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('failed before reading the order number: its order in the backend is an orphan too', () => {
    const events = [
      ...attempt('baseline.purchase.r1', { status: 'failed', error: 'expect(locator).toBeVisible() failed' }),
      ...attempt('baseline.purchase.r1.retry1', { status: 'passed', orderId: 'DS-2', ga4Purchase: true }),
    ];
    const { result } = judge(events, [order('DS-1'), order('DS-2')]);
    expect(result.status).toBe('pass');
    const orphan = result.findings.find((f) => f.kind === 'orphan-test-order')!;
    expect(orphan).toMatchObject({ orderId: 'DS-1' });
    expect(orphan.message).toContain('failed before it read the order number');
  });

  it('the tags lost the retry\'s purchase: that is the loss, counted once, from the last attempt', () => {
    const events = [
      ...attempt('baseline.purchase.r1', { status: 'failed', error: 'net flake', orderId: 'DS-1', ga4Purchase: true }),
      ...attempt('baseline.purchase.r1.retry1', { status: 'passed', orderId: 'DS-2', ga4Purchase: false }),
    ];
    const { result } = judge(events, [order('DS-1'), order('DS-2')]);
    expect(result.status).toBe('fail');
    expect(result.loss[0]).toMatchObject({ orders: 1, tracked: 0, lost: 1 });
    expect(result.findings.find((f) => f.kind === 'tag-missing')?.evidence).toMatchObject({ lostOrders: ['DS-2'] });
  });

  it('failed again on retry: the last attempt decides (inconclusive), and the finding says the failure is consistent', () => {
    const events = [
      ...attempt('baseline.purchase.r1', { status: 'failed', error: 'checkout answered 503' }),
      ...attempt('baseline.purchase.r1.retry1', { status: 'failed', error: 'checkout answered 503' }),
    ];
    const { result } = judge(events, []);
    expect(result.status).toBe('inconclusive');
    expect(result.findings.find((f) => f.kind === 'journey-retried')?.message).toContain('failed again on retry (baseline.purchase.r1.retry1, failed: checkout answered 503): the failure is consistent');
    // One journey-failed, for the measured (last) attempt only.
    expect(result.findings.filter((f) => f.kind === 'journey-failed').map((f) => f.journeyId)).toEqual(['baseline.purchase.r1.retry1']);
  });

  it('a journey that ran once has no attempt number and no retry finding', () => {
    const { journeys, result } = judge(attempt('baseline.purchase.r1', { status: 'passed', orderId: 'DS-1', ga4Purchase: true }), [order('DS-1')]);
    expect(journeys[0]!.attempt).toBeUndefined();
    expect(result.journeys[0]).not.toHaveProperty('attempt');
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
  });

  it('an attempt that failed because tagwatch could not answer the consent banner: tagwatch\'s problem, never "the site is flaky"', () => {
    const error = 'tagwatch could not answer the consent banner (tarteaucitron): "Accept all" could not be clicked: Timeout 1500ms';
    const events = [
      ...attempt('baseline.purchase.r1', { status: 'failed', error }),
      ...attempt('baseline.purchase.r1.retry1', { status: 'passed', orderId: 'DS-2', ga4Purchase: true }),
    ];
    const { result } = judge(events, [order('DS-2')]);
    const retried = result.findings.find((f) => f.kind === 'journey-retried')!;
    expect(retried.message).toBe(
      `Journey baseline.purchase.r1 failed on attempt 1 (failed: ${error}), passed on retry (baseline.purchase.r1.retry1): tagwatch could not answer the consent banner, a problem of tagwatch, not of the site or its tags; the retry is what was measured`,
    );
    expect(retried.message).not.toContain('flaky');
    expect(retried.evidence).toMatchObject({ failedBy: 'tagwatch' });
    expect(result.status).toBe('pass');
  });

  it('the banner could not be answered on either attempt: still tagwatch\'s problem', () => {
    const error = 'tagwatch could not answer the consent banner: no button to click';
    const events = [...attempt('baseline.purchase.r1', { status: 'failed', error }), ...attempt('baseline.purchase.r1.retry1', { status: 'failed', error })];
    const message = judge(events, []).result.findings.find((f) => f.kind === 'journey-retried')!.message;
    expect(message).toMatch(/: tagwatch could not answer the consent banner on any attempt, a problem of tagwatch, not of the site or its tags$/);
    expect(message).not.toContain('not a flaky site');
  });
});

