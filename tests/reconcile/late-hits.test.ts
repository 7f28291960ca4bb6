import { describe, expect, it } from 'vitest';
import type { HitEvent } from '../../src/model/run-event.ts';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import { confirmationPageLoad, hitTiming } from '../../src/reconcile/hit-timing.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

// Journeys as collectJourneys builds them from page-load, order-placed and hit run events.
const T0 = Date.parse('2026-11-26T04:00:00.000Z');
const t = (ms: number) => new Date(T0 + ms).toISOString();

function purchase(vendor: string, eventName: string, orderId: string): VendorEvent {
  return { vendor, eventName, kind: 'purchase', transactionId: orderId, value: 64.8, currency: 'EUR', params: {} };
}

function journey(n: number, sent: { vendor: string; eventName: string; at: number; status?: HitEvent['status'] }[], patch: Partial<JourneyRecord> = {}): JourneyRecord {
  const journeyId = `baseline.purchase.r${n}`;
  const orderId = `DS-${n}`;
  return {
    journeyId,
    scenario: 'purchase',
    condition: 'baseline',
    repeat: n,
    status: 'passed',
    orderId,
    // The checkout page, then the confirmation page (loaded at 0), whose order number is read at 300 ms.
    pageLoads: [{ url: 'http://shop.test/checkout', time: t(-4000) }, { url: `http://shop.test/order/${orderId}`, time: t(0) }],
    orderPlacedAt: t(300),
    consents: [],
    networkHosts: {},
    hits: sent.map((s) => ({
      hit: { type: 'hit', time: t(s.at), journeyId, url: `https://${s.vendor}.example/collect?o=${orderId}`, method: 'GET', status: s.status ?? 'captured' },
      events: [purchase(s.vendor, s.eventName, orderId)],
    })),
    ...patch,
  };
}

const order = (n: number) => ({ id: `DS-${n}`, total: 64.8, currency: 'EUR', createdAt: t(0) });
const expectations = { ga4: { eventName: 'purchase', requireTransactionId: true }, tiktok: { eventName: 'CompletePayment', requireTransactionId: true } };

function run(journeys: JourneyRecord[], lateHitSeconds?: number) {
  return reconcile({
    journeys,
    orders: { ok: true, orders: journeys.map((_, i) => order(i + 1)) },
    expectations,
    maxLossRate: () => 0,
    conditions: ['baseline'],
    ...(lateHitSeconds !== undefined ? { lateHitSeconds } : {}),
  });
}

describe('timing of purchase hits', () => {
  it('the confirmation page is the last page load at or before the order was placed; each purchase hit gets its delays in results', () => {
    const j = journey(1, [{ vendor: 'ga4', eventName: 'purchase', at: 250 }, { vendor: 'tiktok', eventName: 'CompletePayment', at: 1600 }]);
    expect(confirmationPageLoad(j)).toEqual({ url: 'http://shop.test/order/DS-1', time: t(0) });
    expect(hitTiming(j, t(1600))).toEqual({ afterConfirmationLoadMs: 1600, afterOrderMs: 1300 });
    const result = run([j]);
    expect(result.journeys[0]!.hits.map((h) => [h.vendor, h.afterConfirmationLoadMs, h.afterOrderMs])).toEqual([
      ['ga4', 250, -50],
      ['tiktok', 1600, 1300],
    ]);
  });

  it('a purchase hit 1.6 s after the confirmation page loaded is a late-hit warning; the prompt one is not', () => {
    const result = run([journey(1, [{ vendor: 'ga4', eventName: 'purchase', at: 250 }, { vendor: 'tiktok', eventName: 'CompletePayment', at: 1600 }])]);
    const late = result.findings.filter((f) => f.kind === 'late-hit');
    expect(late).toEqual([
      {
        severity: 'warning',
        kind: 'late-hit',
        vendor: 'tiktok',
        condition: 'baseline',
        journeyId: 'baseline.purchase.r1',
        orderId: 'DS-1',
        message: 'tiktok CompletePayment sent 1.6 s after the confirmation page loaded: visitors who leave sooner lose it (1 of 1 journey under baseline; threshold 1 s)',
        evidence: { delayMs: 1600, thresholdMs: 1000, journeys: [{ journeyId: 'baseline.purchase.r1', orderId: 'DS-1', delayMs: 1600, afterOrderMs: 1300, url: 'https://tiktok.example/collect' }] },
      },
    ]);
    // A warning: the purchase was tracked, the run passes, and the summary says it came late.
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('ga4, tiktok tracked all 1 test order under baseline; tiktok sent the purchase late, after the confirmation page loaded (late-hit).');
  });

  it('one finding per vendor and condition, with the range of delays and the journeys; the monitor sets the threshold', () => {
    const journeys = [
      journey(1, [{ vendor: 'tiktok', eventName: 'CompletePayment', at: 1500 }]),
      journey(2, [{ vendor: 'tiktok', eventName: 'CompletePayment', at: 1720 }]),
      journey(3, [{ vendor: 'tiktok', eventName: 'CompletePayment', at: 400 }]),
    ];
    const late = run(journeys).findings.filter((f) => f.kind === 'late-hit');
    expect(late.map((f) => f.message)).toEqual([
      'tiktok CompletePayment sent 1.5 to 1.7 s after the confirmation page loaded: visitors who leave sooner lose it (2 of 3 journeys under baseline; threshold 1 s)',
    ]);
    expect(late[0]!.evidence).toMatchObject({ delayMs: 1720, thresholdMs: 1000, journeys: [{ journeyId: 'baseline.purchase.r1' }, { journeyId: 'baseline.purchase.r2' }] });
    expect(run(journeys, 2).findings.filter((f) => f.kind === 'late-hit')).toEqual([]);
  });

  it('blocked hits and journeys without page-load events (older run logs) get no timing and no late-hit', () => {
    const blocked = run([journey(1, [{ vendor: 'tiktok', eventName: 'CompletePayment', at: 3000, status: 'blocked' }])]);
    expect(blocked.findings.filter((f) => f.kind === 'late-hit')).toEqual([]);
    const older = run([journey(1, [{ vendor: 'tiktok', eventName: 'CompletePayment', at: 3000 }], { pageLoads: undefined })]);
    expect(older.findings.filter((f) => f.kind === 'late-hit')).toEqual([]);
    expect(older.journeys[0]!.hits[0]).not.toHaveProperty('afterConfirmationLoadMs');
    expect(older.journeys[0]!.hits[0]).not.toHaveProperty('afterOrderMs');
  });
});
