import type { Order } from '../model/order.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import type { Finding, VendorOutcome } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';
import { isConsentModePing } from './consent-mode.ts';

/** What the monitor expects a vendor to send for each order. */
export interface VendorExpectation {
  eventName?: string;
  requireTransactionId: boolean;
}

export interface PurchaseMatch {
  outcome: VendorOutcome;
  /** When lost, why, if the hits tell: the blocking rule, or a consent-mode ping only. */
  lossCause?: string;
  /** Lost, but the vendor got a cookieless consent-mode ping of the purchase. */
  consentPing?: boolean;
  /** The purchase events that matched the order (0 when lost). */
  matched: VendorEvent[];
  findings: Finding[];
}

/** Money is compared to the cent: tags round, backends store cents. */
const VALUE_TOLERANCE = 0.005;

export function isExpectedPurchase(event: VendorEvent, vendor: string, expectation: VendorExpectation): boolean {
  if (event.vendor !== vendor) return false;
  return expectation.eventName ? event.eventName === expectation.eventName : event.kind === 'purchase';
}

/**
 * Matches one backend order with one vendor's purchase events of the journey that placed it,
 * by transaction id. Exactly one match is "tracked"; none is "lost"; more is "duplicated"
 * (revenue counted twice); a match with another value or currency says so.
 */
export function matchPurchase(journey: JourneyRecord, order: Order, vendor: string, expectation: VendorExpectation): PurchaseMatch {
  const forOrder = (e: VendorEvent) => isExpectedPurchase(e, vendor, expectation) && (e.transactionId === order.id || (!expectation.requireTransactionId && e.transactionId === undefined));
  // A blocked hit never reached the vendor: it is evidence of why the order was lost, not tracking.
  const delivered = journey.hits.filter((h) => h.hit.status !== 'blocked');
  const candidates = delivered.flatMap((h) => h.events).filter(forOrder);
  // A cookieless consent-mode ping reached Google but cannot attribute the order.
  const matched = candidates.filter((e) => !isConsentModePing(e));
  const base = { vendor, condition: journey.condition, journeyId: journey.journeyId, orderId: order.id };
  if (matched.length === 0) {
    const ping = candidates.find(isConsentModePing);
    if (ping) return { outcome: 'lost', lossCause: `consent-mode ping only (gcs=${ping.consent?.gcs ?? '?'})`, consentPing: true, matched, findings: [] };
    const blocked = journey.hits.find((h) => h.hit.status === 'blocked' && h.events.some(forOrder))?.hit;
    const lossCause = blocked ? `blocked by ${blocked.filterList ? `${blocked.filterList} ` : ''}rule ${blocked.rule}` : undefined;
    return { outcome: 'lost', lossCause, matched, findings: [] };
  }
  const findings: Finding[] = [];
  if (matched.length > 1) {
    findings.push({
      ...base,
      severity: 'error',
      kind: 'duplicate-hit',
      message: `${vendor} sent ${matched.length} ${matched[0]?.eventName} events for order ${order.id} under ${journey.condition}: revenue counted ${matched.length} times`,
      evidence: { eventIds: matched.map((e) => e.eventId ?? null), count: matched.length },
    });
  }
  const first = matched[0]!;
  const valueOff = first.value === undefined || Math.abs(first.value - order.total) > VALUE_TOLERANCE;
  if (valueOff) {
    findings.push({
      ...base,
      severity: 'error',
      kind: 'value-mismatch',
      message: `${vendor} ${first.eventName} for order ${order.id} reports value ${first.value ?? '(none)'} but the backend order total is ${order.total} ${order.currency}`,
      evidence: { tagValue: first.value ?? null, orderTotal: order.total },
    });
  }
  const currencyOff = first.currency?.toUpperCase() !== order.currency.toUpperCase();
  if (currencyOff) {
    findings.push({
      ...base,
      severity: 'error',
      kind: 'currency-mismatch',
      message: `${vendor} ${first.eventName} for order ${order.id} reports currency ${first.currency ?? '(none)'} but the order is in ${order.currency}`,
      evidence: { tagCurrency: first.currency ?? null, orderCurrency: order.currency },
    });
  }
  const outcome: VendorOutcome = matched.length > 1 ? 'duplicated' : valueOff ? 'value-mismatch' : currencyOff ? 'currency-mismatch' : 'tracked';
  return { outcome, matched, findings };
}
