import { expect, it } from 'vitest';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

const order = { id: 'DS-1', total: 10, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' };
const purchase = (vendor: string, patch: Partial<VendorEvent>): VendorEvent => ({ vendor, eventName: 'purchase', kind: 'purchase', transactionId: 'DS-1', value: 10, currency: 'EUR', params: {}, ...patch });

function journey(events: VendorEvent[], adClickIds?: Record<string, string>): JourneyRecord {
  return {
    journeyId: 'cross-device.purchase.r1', scenario: 'purchase', condition: 'cross-device', repeat: 1, status: 'passed', orderId: 'DS-1', consents: [], networkHosts: {}, adClickIds,
    hits: events.map((e) => ({ hit: { type: 'hit', time: '2026-11-26T04:00:01Z', journeyId: 'j', url: 'https://x/', method: 'GET', status: 'captured' }, events: [e] })),
  };
}

const run = (j: JourneyRecord) =>
  reconcile({
    journeys: [j],
    orders: { ok: true, orders: [order] },
    expectations: { 'google-ads': { requireTransactionId: true }, meta: { requireTransactionId: true }, ga4: { requireTransactionId: true } },
    maxLossRate: () => 0,
    expectedLossConditions: ['cross-device'],
    conditions: ['cross-device'],
  });

it('a conversion that kept the ad click is attributable; one that lost it is attribution-lost, naming any fallback', () => {
  const result = run(
    journey(
      [
        { vendor: 'ga4', eventName: 'page_view', kind: 'pageview', consent: { analyticsStorage: 'granted' }, params: { cid: 'C1', dl: 'https://shop.example/?gclid=G1' } },
        purchase('google-ads', { clickIds: { gclaw: 'G1' } }),
        purchase('meta', { clickIds: { fbc: 'fb.1.1700.OTHER' }, userIds: { email: 'abc' } }),
        purchase('ga4', { params: { cid: 'C1' } }),
      ],
      { gclid: 'G1', fbclid: 'F1' },
    ),
  );
  expect(result.loss.map((r) => [r.vendor, r.tracked, r.attributable])).toEqual([
    ['google-ads', 1, 1],
    ['meta', 1, 0],
    ['ga4', 1, 1],
  ]);
  const finding = result.findings.find((f) => f.kind === 'attribution-lost')!;
  expect(finding).toMatchObject({ vendor: 'meta', severity: 'info', orderId: 'DS-1' });
  expect(finding.message).toMatch(/lacks the ad click's fbclid \(fbc\).*carries email/);
  expect(result.findings.filter((f) => f.kind === 'attribution-lost')).toHaveLength(1);
});

it('no ad click: attribution is not measured (null), never a false attribution-lost', () => {
  const result = run(journey([purchase('google-ads', {}), purchase('meta', {}), purchase('ga4', {})]));
  expect(result.loss.every((r) => r.attributable === null)).toBe(true);
  expect(result.findings).toEqual([]);
});

it('GA4 without a client id on the ad landing cannot attribute the purchase to the ad', () => {
  const result = run(journey([purchase('ga4', { params: { cid: 'C2' } })], { gclid: 'G1' }));
  expect(result.loss.find((r) => r.vendor === 'ga4')?.attributable).toBe(0);
  expect(result.findings.find((f) => f.vendor === 'ga4')?.message).toMatch(/got no client id during it/);
});
