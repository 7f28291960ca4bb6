import type { Order } from '../model/order.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import type { Finding, VendorOutcome } from '../model/verdict.ts';
import type { HitEvent } from '../model/run-event.ts';
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
  /** What lossCause was read from: the blocked hit and its rule, the ping's consent signal. */
  lossEvidence?: Record<string, unknown>;
  /** The matched purchase carried no order id parameter: its event id is the order number. */
  orderIdFrom?: 'eventId';
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
 * by transaction id first. Exactly one match is "tracked"; none is "lost"; more is "duplicated"
 * (revenue counted twice); a match with another value or currency says so. A purchase that
 * carries no order id, or another one, still reached the vendor: it is matched to its journey
 * and reported (`transaction-id-missing`, `id-inconsistent`), not counted as lost. One whose event
 * id is the order number carries the order that way (`orderIdFrom: 'eventId'` on the match and in
 * its findings' evidence). Companion events never count twice: they stand in for a missing primary.
 */
export function matchPurchase(journey: JourneyRecord, order: Order, vendor: string, expectation: VendorExpectation): PurchaseMatch {
  // One pass, plain loops: reconciling 100k orders against 1M events must stay under 3 s.
  // Companions (a follow-on of the conversion, a revenue event beside the order event) are kept
  // apart: they stand for the purchase only when the vendor sent no primary one.
  const primary = new Candidates();
  let companions: Candidates | undefined;
  let ping: VendorEvent | undefined;
  let blocked: HitEvent | undefined;
  // Lines of batched requests, for the few events a finding names.
  const lines = new Map<VendorEvent, number>();
  for (const { hit, events } of journey.hits) {
    for (const event of events) {
      if (!isExpectedPurchase(event, vendor, expectation)) continue;
      const line = batchLine(event, events);
      if (line !== undefined) lines.set(event, line);
      // A blocked hit never reached the vendor: it is evidence of why the order was lost, not tracking.
      if (hit.status === 'blocked') {
        blocked ??= hit;
        continue;
      }
      // A cookieless consent-mode ping reached Google but cannot attribute the order.
      if (isConsentModePing(event)) {
        ping ??= event;
        continue;
      }
      if (event.companion) (companions ??= new Candidates()).add(event, order.id);
      else primary.add(event, order.id);
    }
  }
  const standing = primary.any() || !companions ? primary : companions;
  // A companion is one purchase however many follow-ons the vendor sent.
  if (standing === companions) for (const list of [companions.byId, companions.byEventId, companions.withoutId, companions.otherId]) list.splice(1);
  const { byId, byEventId, withoutId, otherId } = standing;
  const base = { vendor, condition: journey.condition, journeyId: journey.journeyId, orderId: order.id };
  const findings: Finding[] = [];
  let matched = byId;
  let orderIdFrom: 'eventId' | undefined;
  if (matched.length === 0 && byEventId.length > 0) {
    // No order id parameter, but the event id is the order number: it carries the order (Meta's
    // eid, TikTok's event_id), so it is matched as by id and nothing is missing.
    matched = byEventId;
    orderIdFrom = 'eventId';
  } else if (matched.length === 0 && withoutId.length > 0) {
    matched = withoutId;
    if (expectation.requireTransactionId) {
      findings.push({
        ...base,
        severity: 'error',
        kind: 'transaction-id-missing',
        message: `${vendor} ${eventText(withoutId[0]!, lines.get(withoutId[0]!))} of order ${order.id} carries no order id: matched to its journey, but ${vendor} cannot deduplicate it or join it to the order (set requireTransactionId: false if this is intended)`,
        evidence: { url: hitUrlOf(journey, withoutId[0]!), ...lineOf(lines.get(withoutId[0]!)), ...(withoutId[0]!.eventId !== undefined ? { eventId: withoutId[0]!.eventId } : {}) },
      });
    }
  } else if (matched.length === 0 && otherId.length > 0) {
    matched = otherId;
    findings.push({
      ...base,
      severity: 'error',
      kind: 'id-inconsistent',
      message: `${vendor} ${eventText(otherId[0]!, lines.get(otherId[0]!))} of order ${order.id} reports order id ${otherId[0]!.transactionId}: the platform's conversions cannot be joined to the backend's orders`,
      evidence: { tagTransactionId: otherId[0]!.transactionId, orderId: order.id, ...lineOf(lines.get(otherId[0]!)) },
    });
  }
  if (matched.length === 0) {
    if (ping) return { outcome: 'lost', lossCause: `consent-mode ping only (gcs=${ping.consent?.gcs ?? '?'})`, lossEvidence: { consentModePing: { gcs: ping.consent?.gcs ?? null, gcd: ping.consent?.gcd ?? null, ...lineOf(lines.get(ping)) } }, consentPing: true, matched, findings: [] };
    if (blocked) return { outcome: 'lost', lossCause: blockedCause(blocked), lossEvidence: { blocked: blockedEvidence(blocked) }, matched, findings: [] };
    return { outcome: 'lost', matched, findings: [] };
  }
  const from = orderIdFrom ? { orderIdFrom } : {};
  const dedupKey = matched[0]!.eventId;
  if (dedupKey !== undefined && !dedupKey.includes(order.id)) {
    // Meta and TikTok deduplicate browser and server (Conversions API) events on this key; shops
    // use the order id so both sides agree. Another key is legal, hence a warning, not an error.
    findings.push({
      ...base,
      severity: 'warning',
      kind: 'id-inconsistent',
      message: `${vendor} ${eventText(matched[0]!, lines.get(matched[0]!))} of order ${order.id} has event id ${dedupKey}, not the order id: a server-side copy of the conversion must send the same event id or it is counted twice`,
      evidence: { eventId: dedupKey, orderId: order.id, ...lineOf(lines.get(matched[0]!)) },
    });
  }
  if (matched.length > 1) {
    const batched = matched.some((e) => lines.has(e)) ? { lines: matched.map((e) => lines.get(e) ?? null) } : {};
    findings.push({
      ...base,
      severity: 'error',
      kind: 'duplicate-hit',
      message: `${vendor} sent ${matched.length} ${matched[0]?.eventName} events for order ${order.id} under ${journey.condition}: revenue counted ${matched.length} times`,
      evidence: { eventIds: matched.map((e) => e.eventId ?? null), count: matched.length, ...batched, ...from },
    });
  }
  const first = matched[0]!;
  const valueOff = first.value === undefined || Math.abs(first.value - order.total) > VALUE_TOLERANCE;
  if (valueOff) {
    findings.push({
      ...base,
      severity: 'error',
      kind: 'value-mismatch',
      message: `${vendor} ${eventText(first, lines.get(first))} for order ${order.id} reports value ${first.value ?? '(none)'} but the backend order total is ${order.total} ${order.currency}`,
      evidence: { tagValue: first.value ?? null, orderTotal: order.total, ...lineOf(lines.get(first)), ...from },
    });
  }
  const currencyOff = first.currency?.toUpperCase() !== order.currency.toUpperCase();
  if (currencyOff) {
    findings.push({
      ...base,
      severity: 'error',
      kind: 'currency-mismatch',
      message: `${vendor} ${eventText(first, lines.get(first))} for order ${order.id} reports currency ${first.currency ?? '(none)'} but the order is in ${order.currency}`,
      evidence: { tagCurrency: first.currency ?? null, orderCurrency: order.currency, ...lineOf(lines.get(first)), ...from },
    });
  }
  const outcome: VendorOutcome = matched.length > 1 ? 'duplicated' : valueOff ? 'value-mismatch' : currencyOff ? 'currency-mismatch' : 'tracked';
  return { outcome, matched, findings, ...from };
}

/** A vendor's purchase events of one journey, sorted by what they say about the order. */
class Candidates {
  readonly byId: VendorEvent[] = [];
  /** No order id parameter, but the event id names the order. */
  readonly byEventId: VendorEvent[] = [];
  readonly withoutId: VendorEvent[] = [];
  readonly otherId: VendorEvent[] = [];

  add(event: VendorEvent, orderId: string): void {
    if (event.transactionId === orderId) this.byId.push(event);
    else if (event.transactionId === undefined) (eventIdCarriesOrder(event.eventId, orderId) ? this.byEventId : this.withoutId).push(event);
    else this.otherId.push(event);
  }

  any(): boolean {
    return this.byId.length + this.byEventId.length + this.withoutId.length + this.otherId.length > 0;
  }
}

/**
 * Whether a purchase's event id (Meta eid, TikTok event_id) is the order number: equal once
 * trimmed, or the order number as one whole token beside a word, joined by _ - : . | or /
 * (`purchase_1234`, `order-1234`, `1234.purchase`), the forms tag managers' templates build.
 * Nothing looser: a number beside it (`1234-2`) could be another order, so it is not read.
 */
export function eventIdCarriesOrder(eventId: string | undefined, orderId: string): boolean {
  if (eventId === undefined) return false;
  const id = eventId.trim();
  const order = orderId.trim();
  if (!order) return false;
  if (id === order) return true;
  const word = /^[A-Za-z]+$/;
  const separators = ['_', '-', ':', '.', '|', '/'];
  for (const sep of separators) {
    if (id.endsWith(`${sep}${order}`) && word.test(id.slice(0, id.length - order.length - 1))) return true;
    if (id.startsWith(`${order}${sep}`) && word.test(id.slice(order.length + 1))) return true;
  }
  return false;
}

/**
 * Why a blocked purchase was lost, as the list says it: "blocked by EasyPrivacy line 1234:
 * ||facebook.com/tr^" when the rule's line is known, else the rule as the engine gave it.
 */
export function blockedCause(hit: Pick<HitEvent, 'rule' | 'filterList' | 'filterLine'>): string {
  if (hit.filterLine !== undefined) return `blocked by ${hit.filterList ?? 'its filter list'} line ${hit.filterLine}: ${hit.rule ?? '(rule not recorded)'}`;
  return `blocked by ${hit.filterList ? `${hit.filterList} ` : ''}rule ${hit.rule}`;
}

function blockedEvidence(hit: HitEvent): Record<string, unknown> {
  return {
    url: hit.url.split('?')[0],
    rule: hit.rule ?? null,
    ...(hit.filterList ? { filterList: hit.filterList } : {}),
    ...(hit.filterLine !== undefined ? { filterLine: hit.filterLine } : {}),
  };
}

/**
 * The line of a batched request an event came from: set only when the request carried several
 * events (a single-event body is no batch, whatever line number its decoder gave it).
 */
export function batchLine(event: Pick<VendorEvent, 'line'>, hitEvents: readonly unknown[]): number | undefined {
  return event.line !== undefined && hitEvents.length > 1 ? event.line : undefined;
}

/** The event as a finding names it: its name, and its line when the request batched several. */
export function eventText(event: Pick<VendorEvent, 'eventName'>, line: number | undefined): string {
  return line !== undefined ? `${event.eventName} (line ${line} of a batched request)` : event.eventName;
}

/** The batched line as evidence; nothing for a single-event request. */
export function lineOf(line: number | undefined): { line?: number } {
  return line !== undefined ? { line } : {};
}

function hitUrlOf(journey: JourneyRecord, event: VendorEvent): string | undefined {
  return journey.hits.find((h) => h.events.includes(event))?.hit.url;
}
