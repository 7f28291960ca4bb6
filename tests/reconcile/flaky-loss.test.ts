import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

const purchase = (vendor: string, id: string): VendorEvent => ({ vendor, eventName: 'purchase', kind: 'purchase', transactionId: id, value: 10, currency: 'EUR', params: {} });

/** Repeat r of the purchase journey, its order DS-r; ga4 fired only on the repeats in `ga4Fired`. */
function repeats(count: number, ga4Fired: (r: number) => boolean, scenario = () => 'purchase'): JourneyRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const r = i + 1;
    const events = [purchase('meta', `DS-${r}`), ...(ga4Fired(r) ? [purchase('ga4', `DS-${r}`)] : [])];
    return {
      journeyId: `baseline.purchase.r${r}`,
      scenario: scenario(),
      condition: 'baseline',
      repeat: r,
      status: 'passed',
      orderId: `DS-${r}`,
      consents: [],
      networkHosts: {},
      hits: events.map((e) => ({ hit: { type: 'hit', time: '2026-11-26T04:00:01Z', journeyId: `baseline.purchase.r${r}`, url: 'https://x.example/', method: 'GET', status: 'captured' }, events: [e] })),
    } as JourneyRecord;
  });
}

function run(journeys: JourneyRecord[]) {
  const orders = journeys.map((j) => ({ id: j.orderId!, total: 10, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' }));
  return reconcile({ journeys, orders: { ok: true, orders }, expectations: { ga4: { requireTransactionId: true }, meta: { requireTransactionId: true } }, maxLossRate: () => 0, conditions: ['baseline'] });
}

describe('flaky loss', () => {
  it('some repeats lost, others tracked: flaky-loss with the repeats and the Wilson interval', () => {
    const result = run(repeats(5, (r) => r % 2 === 1));
    const flaky = result.findings.filter((f) => f.kind === 'flaky-loss');
    expect(flaky).toHaveLength(1);
    expect(flaky[0]).toMatchObject({ vendor: 'ga4', condition: 'baseline', severity: 'warning' });
    expect(flaky[0]!.evidence).toMatchObject({ lostRepeats: [2, 4], trackedRepeats: [1, 3, 5], lostOrders: ['DS-2', 'DS-4'], lossRate: 0.4 });
    const row = result.loss.find((r) => r.vendor === 'ga4')!;
    // Wilson 95% for 2/5: centre (0.4 + 1.96²/10) / (1 + 1.96²/5) ≈ 0.4740, half-width ≈ 0.3563.
    expect(row.ci95![0]).toBeCloseTo(0.1176, 3);
    expect(row.ci95![1]).toBeCloseTo(0.7693, 3);
    expect(flaky[0]!.message).toContain('95% interval 12% to 77%');
    // The loss itself still fails the run: flaky is an explanation, not an excuse.
    expect(result.status).toBe('fail');
  });

  it('every repeat lost is a broken tag, not a flaky one; none lost is nothing', () => {
    expect(run(repeats(5, () => false)).findings.some((f) => f.kind === 'flaky-loss')).toBe(false);
    expect(run(repeats(5, () => true)).findings.some((f) => f.kind === 'flaky-loss')).toBe(false);
  });

  it('a loss in one scenario and tracking in another is not intermittence', () => {
    let n = 0;
    const journeys = repeats(2, (r) => r === 1, () => (n++ === 0 ? 'purchase' : 'return-purchase'));
    expect(run(journeys).findings.some((f) => f.kind === 'flaky-loss')).toBe(false);
  });

  it('the tracked repeats sent the purchase late: the race is named, a late tag lost by the repeats that left sooner', () => {
    // Confirmation page loaded at 04:00:00, order read at 04:00:00.3; the tracked repeats' ga4 purchase left 1.5 s and 1.6 s after.
    const journeys = repeats(4, (r) => r <= 2).map((j, i) => ({
      ...j,
      pageLoads: [{ url: `http://shop.test/order/${j.orderId}`, time: '2026-11-26T04:00:00.000Z' }],
      orderPlacedAt: '2026-11-26T04:00:00.300Z',
      hits: j.hits.map((h) => (h.events[0]!.vendor === 'ga4' ? { ...h, hit: { ...h.hit, time: `2026-11-26T04:00:01.${i === 0 ? '5' : '6'}00Z` } } : { ...h, hit: { ...h.hit, time: '2026-11-26T04:00:00.200Z' } })),
    }));
    const flaky = run(journeys).findings.find((f) => f.kind === 'flaky-loss')!;
    expect(flaky.message).toBe(
      'ga4 lost 2 of 4 orders under baseline intermittently (repeats 3, 4 lost, 1, 2 tracked): loss 50%, 95% interval 15% to 85%. ' +
        'The tracked repeats sent it 1.5 to 1.6 s after the confirmation page loaded (late-hit): repeats that leave sooner lose it',
    );
    expect(flaky.evidence).toMatchObject({ trackedDelaysMs: [1500, 1600], lateHitMs: 1000 });
  });
});

