import type { DataLayerPush } from '../model/run-event.ts';
import type { Finding } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';

/** How the site pushed its purchase: each shape is one generation of ecommerce tagging. */
export type PurchasePushShape = 'ga4' | 'universal-analytics' | 'legacy' | 'gtag';

/** A purchase the site pushed into the dataLayer, read from one run-log `datalayer` event. */
export interface DataLayerPurchase {
  shape: PurchasePushShape;
  /** The push as a developer would recognise it: "`purchase`", "gtag('event', 'purchase')", ... */
  label: string;
  /** Always a string: sites push order ids as numbers as often as strings. */
  transactionId?: string;
  value?: number;
  currency?: string;
  pageUrl: string;
  time: string;
}

/**
 * What a lost purchase says about the dataLayer: a tag-manager problem, a site problem, or
 * nothing to compare with (a site without an ecommerce dataLayer: a cause, no finding).
 */
export interface LostPurchaseDiagnosis {
  kind: 'tag-not-triggered' | 'datalayer-missing' | 'no-ecommerce-datalayer';
  /** Short and free of order ids, for the journey's lossCauses: identical causes group in the loss finding. */
  cause: string;
  /** What the cause was read from: every cause a loss finding states carries it. */
  evidence: Record<string, unknown>;
  finding?: Finding;
}

/** The cause of a lost purchase on a site that pushes no ecommerce into its dataLayer. */
export const NO_ECOMMERCE_DATALAYER_CAUSE = 'no purchase hit; the site has no ecommerce dataLayer to compare with';

/** GA4's recommended ecommerce events: pushed by name (GTM) or through gtag. */
const ECOMMERCE_EVENTS = new Set([
  'view_item_list', 'select_item', 'view_item', 'add_to_cart', 'remove_from_cart', 'view_cart', 'add_to_wishlist',
  'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase', 'refund', 'view_promotion', 'select_promotion',
]);

/**
 * Whether a dataLayer value is ecommerce: a GA4 or Universal Analytics `ecommerce` object, an
 * ecommerce event by name (`{event: 'add_to_cart'}`, `gtag('event', 'view_item', ...)`), or the
 * classic GTM transaction fields. Page views, consent updates and GTM's own events are not.
 */
export function isEcommercePush(value: unknown): boolean {
  if (readPurchasePush(value)) return true;
  if (!isRecord(value) && !Array.isArray(value)) return false;
  const args = value as Record<string, unknown>;
  if (args['0'] === 'event') return typeof args['1'] === 'string' && ECOMMERCE_EVENTS.has(args['1']);
  if (!isRecord(value)) return false;
  if (isRecord(value.ecommerce)) return true;
  if (typeof value.event === 'string' && ECOMMERCE_EVENTS.has(value.event)) return true;
  return 'transactionProducts' in value;
}

/** The ecommerce pushes among a journey's dataLayer pushes. */
export function ecommercePushCount(pushes: readonly DataLayerPush[] | undefined): number {
  return (pushes ?? []).filter((push) => isEcommercePush(push.value)).length;
}

/**
 * Reads a dataLayer value as a purchase, in the shapes real sites push: GA4 ecommerce
 * (`{event: 'purchase', ecommerce: {transaction_id}}`), Universal Analytics enhanced ecommerce
 * (`{ecommerce: {purchase: {actionField: {id, revenue}}}}`, whatever the event name), classic GTM
 * ecommerce (`{transactionId, transactionTotal}`) and gtag calls. gtag pushes its `arguments`
 * object, which the tap copies as `{"0": "event", "1": "purchase", "2": {...}}`; an array is read
 * the same way. Anything else is undefined.
 */
export function readPurchasePush(value: unknown): Omit<DataLayerPurchase, 'pageUrl' | 'time'> | undefined {
  if (!isRecord(value) && !Array.isArray(value)) return undefined;
  const args = value as Record<string, unknown>;
  if (args['0'] === 'event' && args['1'] === 'purchase') {
    const params = isRecord(args['2']) ? args['2'] : {};
    return { shape: 'gtag', label: "gtag('event', 'purchase')", ...amounts(params.transaction_id, params.value, params.currency) };
  }
  if (!isRecord(value)) return undefined;
  const event = typeof value.event === 'string' ? value.event : undefined;
  const ecommerce = isRecord(value.ecommerce) ? value.ecommerce : undefined;
  const ua = ecommerce && isRecord(ecommerce.purchase) ? ecommerce.purchase : undefined;
  if (ua) {
    const action = isRecord(ua.actionField) ? ua.actionField : {};
    return { shape: 'universal-analytics', label: event ? `\`${event}\` (ecommerce.purchase)` : 'ecommerce.purchase', ...amounts(action.id, action.revenue, ecommerce?.currencyCode) };
  }
  if (event === 'purchase') {
    // GA4 wants the parameters under ecommerce; some sites push them flat, and gtag reads both.
    const params = ecommerce ?? value;
    return { shape: 'ga4', label: '`purchase`', ...amounts(params.transaction_id, params.value, params.currency) };
  }
  if ('transactionId' in value || 'transactionTotal' in value) {
    return { shape: 'legacy', label: 'transactionId', ...amounts(value.transactionId, value.transactionTotal, value.transactionCurrency) };
  }
  return undefined;
}

/** Every purchase of the journey's dataLayer, in push order. */
export function dataLayerPurchases(pushes: readonly DataLayerPush[]): DataLayerPurchase[] {
  return pushes.flatMap((push) => {
    const purchase = readPurchasePush(push.value);
    return purchase ? [{ ...purchase, pageUrl: push.pageUrl, time: push.time }] : [];
  });
}

/**
 * Why a vendor's purchase for an order was lost, as far as the dataLayer tells: pushed with the
 * order's id but no purchase hit is `tag-not-triggered` (the tag manager's trigger); no purchase
 * for the order in the dataLayer is `datalayer-missing` (the site). Both only where the site pushes
 * an ecommerce dataLayer (`siteHasEcommerce`: any journey of the run pushed one): a site that
 * never does gets a cause saying there is nothing to compare with, and no finding. Call it only
 * for a loss with no other known cause (a blocked hit, refused consent). Undefined when the
 * dataLayer cannot tell: the journey's dataLayer was not recorded, it ended in failure (it may
 * have left before the push), or a blocker stopped a request that may be the vendor's library or
 * the tag manager (the tag could not fire, whatever its trigger).
 */
export function diagnoseLostPurchase(journey: JourneyRecord, orderId: string, vendor: string, siteHasEcommerce: boolean): LostPurchaseDiagnosis | undefined {
  if (!journey.dataLayer || journey.status !== 'passed') return undefined;
  if (mayHaveBlockedTheTag(journey, vendor)) return undefined;
  if (!siteHasEcommerce) {
    return {
      kind: 'no-ecommerce-datalayer',
      cause: NO_ECOMMERCE_DATALAYER_CAUSE,
      evidence: { dataLayerPushes: journey.dataLayer.length, ecommercePushesInRun: 0, vendorPurchaseHits: vendorPurchaseIds(journey, vendor).length },
    };
  }
  if (!journey.dataLayer.length) return undefined;
  const purchases = dataLayerPurchases(journey.dataLayer);
  const base = { severity: 'warning' as const, vendor, condition: journey.condition, journeyId: journey.journeyId, orderId };
  const pushed = purchases.find((p) => p.transactionId === orderId);
  if (pushed) {
    const page = withoutQuery(pushed.pageUrl);
    // The tag may have fired with another id, or none: then the trigger works and the variable does not.
    const sentIds = [...new Set(vendorPurchaseIds(journey, vendor))];
    const hitText = sentIds.length
      ? `${vendor}'s purchase hit carries ${idsText(sentIds)}: check the tag's transaction id variable`
      : `no ${vendor} purchase hit: check the tag's trigger`;
    const evidence = { pageUrl: page, shape: pushed.shape, pushedAt: pushed.time, transactionId: orderId, value: pushed.value ?? null, currency: pushed.currency ?? null, vendorTransactionIds: sentIds };
    return {
      kind: 'tag-not-triggered',
      cause: sentIds.length ? 'dataLayer purchase pushed, the tag sent another transaction id' : 'dataLayer purchase pushed, no purchase hit (tag not triggered)',
      evidence,
      finding: { ...base, kind: 'tag-not-triggered', message: `dataLayer ${pushed.label} pushed with transaction_id ${orderId} at ${page}, but ${hitText}`, evidence },
    };
  }
  // A purchase pushed for another id (or none) is still no purchase for this order: the site's fault either way.
  // The message names no vendor: it is one site problem, whichever vendors lost the order (the finding says which).
  const others = purchases.map((p) => ({ pageUrl: withoutQuery(p.pageUrl), shape: p.shape, transactionId: p.transactionId ?? null }));
  const otherText = others.length
    ? `the dataLayer purchase at ${others[0]!.pageUrl} carries ${idsText([others[0]!.transactionId])}, so every tag reading the dataLayer cannot report this order`
    : 'the site never told the tag manager; every tag reading the dataLayer misses it';
  const evidence = {
    transactionId: orderId,
    dataLayerPushes: journey.dataLayer.length,
    ecommercePushes: ecommercePushCount(journey.dataLayer),
    pages: [...new Set(journey.dataLayer.map((p) => withoutQuery(p.pageUrl)))],
    otherPurchases: others,
  };
  return {
    kind: 'datalayer-missing',
    cause: others.length ? 'dataLayer purchase without this order id' : 'no dataLayer purchase (the site never pushed it)',
    evidence,
    finding: { ...base, kind: 'datalayer-missing', message: `no dataLayer purchase for order ${orderId}: ${otherText}`, evidence },
  };
}

/**
 * Diagnoses are as serious as the loss they explain: the loss finding of the same vendor and
 * condition has weighed the threshold and whether the condition expects loss. A diagnosis alone
 * never fails a run whose loss is within its threshold.
 */
export function asSeriousAsTheLoss(diagnoses: readonly Finding[], lossFindings: readonly Finding[]): Finding[] {
  return diagnoses.map((diagnosis) => {
    const loss = lossFindings.find((f) => (f.kind === 'tag-missing' || f.kind === 'tag-blocked') && f.vendor === diagnosis.vendor && f.condition === diagnosis.condition);
    return loss ? { ...diagnosis, severity: loss.severity } : diagnosis;
  });
}

/** A blocked request that decodes to this vendor, to the tag manager, or to nothing known (a library load). */
function mayHaveBlockedTheTag(journey: JourneyRecord, vendor: string): boolean {
  return journey.hits.some((h) => h.hit.status === 'blocked' && (h.events.length === 0 || h.events.some((e) => e.vendor === vendor || e.vendor === 'gtm')));
}

/** The transaction ids of the vendor's purchase events in the journey, null for one sent without. */
function vendorPurchaseIds(journey: JourneyRecord, vendor: string): (string | null)[] {
  return journey.hits.flatMap((h) => h.events).flatMap((e) => (e.vendor === vendor && e.kind === 'purchase' ? [e.transactionId ?? null] : []));
}

function idsText(ids: readonly (string | null)[]): string {
  const present = ids.filter((id): id is string => id !== null);
  return present.length ? `transaction_id ${present.join(', ')}` : 'no transaction_id';
}

function amounts(id: unknown, value: unknown, currency: unknown): Pick<DataLayerPurchase, 'transactionId' | 'value' | 'currency'> {
  const transactionId = typeof id === 'string' ? id.trim() : typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
  const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return {
    ...(transactionId ? { transactionId } : {}),
    ...(Number.isFinite(amount) ? { value: amount } : {}),
    ...(typeof currency === 'string' && currency ? { currency } : {}),
  };
}

/** Confirmation URLs often carry an order key that opens the order: reports travel further than the run log. */
function withoutQuery(url: string): string {
  return url.split(/[?#]/)[0]!;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
