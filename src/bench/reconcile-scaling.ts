import type { Order } from '../model/order.ts';
import type { HitEvent } from '../model/run-event.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import { reconcile } from '../reconcile/reconcile.ts';

const VENDORS = ['ga4', 'meta'] as const;

/**
 * `orders` journeys of the shape a real audit produces, `eventsPerOrder` decoded events each:
 * the two expected purchases plus page views and other events; one order in 50 lost by ga4 so
 * the loss path is measured too.
 */
function syntheticRun(orders: number, eventsPerOrder: number): { journeys: JourneyRecord[]; backend: Order[] } {
  const journeys: JourneyRecord[] = [];
  const backend: Order[] = [];
  const time = '2026-11-26T04:00:00.000Z';
  for (let i = 0; i < orders; i++) {
    const orderId = String(100000 + i);
    const journeyId = `baseline-purchase-${i}`;
    backend.push({ id: orderId, total: 64.8, currency: 'EUR', createdAt: time, stamp: `tagwatch+RUN-${i}@example.com` });
    const hits: JourneyRecord['hits'] = [];
    for (let e = 0; e < eventsPerOrder; e++) {
      const vendor = VENDORS[e % VENDORS.length]!;
      const purchase = e < VENDORS.length && !(vendor === 'ga4' && i % 50 === 0);
      const event: VendorEvent = purchase
        ? { vendor, eventName: vendor === 'ga4' ? 'purchase' : 'Purchase', kind: 'purchase', transactionId: orderId, value: 64.8, currency: 'EUR', eventId: orderId, params: {} }
        : { vendor, eventName: e % 3 ? 'page_view' : 'view_item', kind: e % 3 ? 'pageview' : 'other', params: {} };
      const hit: HitEvent = { type: 'hit', time, journeyId, url: `https://collect.example/${vendor}`, method: 'GET', status: 'captured' };
      hits.push({ hit, events: [event] });
    }
    journeys.push({ journeyId, scenario: 'purchase', condition: 'baseline', repeat: i, status: 'passed', orderId, stamp: `tagwatch+RUN-${i}@example.com`, consents: [], networkHosts: {}, hits, dataLayer: [] } as JourneyRecord);
  }
  return { journeys, backend };
}

export interface ReconcileTiming {
  orders: number;
  events: number;
  seconds: number;
}

/** Seconds to reconcile `orders` orders against `orders * eventsPerOrder` events (generation not counted). */
export function timeReconcile(orders: number, eventsPerOrder = 10): ReconcileTiming {
  const { journeys, backend } = syntheticRun(orders, eventsPerOrder);
  const start = performance.now();
  reconcile({
    journeys,
    orders: { ok: true, orders: backend },
    expectations: { ga4: { requireTransactionId: true }, meta: { requireTransactionId: true } },
    maxLossRate: () => 0,
    conditions: ['baseline'],
  });
  return { orders, events: orders * eventsPerOrder, seconds: (performance.now() - start) / 1000 };
}
