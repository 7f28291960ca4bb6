import type { Order } from '../model/order.ts';
import type { JourneyResult } from '../model/verdict.ts';
import type { VariantValue } from '../model/variant.ts';

/**
 * Differential diagnosis: when a vendor tracked some orders and lost others under one condition,
 * what do the lost orders have that the tracked ones do not? Pure: the journeys and the orders as
 * the backend gave them in, one named attribute with its counts out.
 *
 * Rules (docs/order-sources.md says which sources read which order attributes):
 * - An attribute is named only when it separates the orders perfectly: every lost order has it
 *   and no tracked order has it. No partial pattern is ever stated.
 * - At least 3 distinct orders, at least one on each side. With one lost and one tracked order
 *   every difference between them "separates" them, so naming one would be a guess; from 3 on,
 *   the text gives the counts ("(1/1) ... (0/2)") and the reader judges how strong it is.
 * - An attribute some order does not know (a source that does not read shipping methods, a
 *   journey without that variant) is not compared at all: unknown is never guessed.
 * - When several attributes separate, the first in ATTRIBUTE_ORDER is named, the others are listed
 *   in evidence.alsoSeparating. The order: what the order itself says about the checkout
 *   (line-item count, total quantity, shipping, payment, coupon), then the monitor's variants
 *   (what it varies on purpose; named first when the backend does not tell, and a variant like
 *   `cart: 'large'` reads less plainly than "3 or more line items"), then products and
 *   categories, currency and scenario, and the value band last (it usually follows from one of
 *   the others, rarely causes a loss on its own).
 */

/** One order of the comparison: the journey that placed it and the order as the backend recorded it. */
export interface OrderCase {
  journey: JourneyResult;
  order: Order;
}

/** The attribute that separates lost from tracked orders, in words and with its evidence. */
export interface LossPattern {
  /** 'variant.items', 'lineItems', 'totalQuantity', 'shippingMethod', 'paymentMethod', 'coupon', 'couponCode', 'product', 'category', 'currency', 'scenario', 'valueBand'. */
  attribute: string;
  /** "ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)". */
  text: string;
  evidence: Record<string, unknown>;
}

/** Fewest distinct orders (lost and tracked together) a pattern is stated from. */
export const MIN_ORDERS = 3;

/** Preference when several attributes separate: the first listed wins. Variant keys stand for 'variant'. */
export const ATTRIBUTE_ORDER = [
  'lineItems',
  'totalQuantity',
  'shippingMethod',
  'paymentMethod',
  'coupon',
  'couponCode',
  'variant',
  'product',
  'category',
  'currency',
  'scenario',
  'valueBand',
] as const;

/** A way to split the orders: `has` says whether a case falls on the named side. */
interface Split {
  attribute: string;
  /** Words after "on every order ": "with 3 or more line items". */
  phrase: string;
  /** The value or threshold, for evidence: 3, '>= 3', 'express'. */
  rule: string | number | boolean;
  has: (c: OrderCase) => boolean;
}

export function lossPattern(vendor: string, lost: readonly OrderCase[], tracked: readonly OrderCase[]): LossPattern | undefined {
  const lostCases = distinct(lost);
  const trackedCases = distinct(tracked);
  if (lostCases.length === 0 || trackedCases.length === 0) return undefined;
  if (lostCases.length + trackedCases.length < MIN_ORDERS) return undefined;
  // The same order on both sides cannot be told apart by any attribute of it.
  const trackedIds = new Set(trackedCases.map((c) => c.order.id));
  if (lostCases.some((c) => trackedIds.has(c.order.id))) return undefined;

  const all = [...lostCases, ...trackedCases];
  const separating = candidateSplits(lostCases, trackedCases, all).filter(
    (split) => lostCases.every(split.has) && !trackedCases.some(split.has),
  );
  const [best, ...others] = separating;
  if (!best) return undefined;
  const n = lostCases.length;
  const m = trackedCases.length;
  return {
    attribute: best.attribute,
    text: `${vendor} lost the purchase on every order ${best.phrase} (${n}/${n}) and on none of the others (0/${m})`,
    evidence: {
      attribute: best.attribute,
      rule: best.rule,
      lostWith: n,
      lostOrders: n,
      trackedWith: 0,
      trackedOrders: m,
      lostOrderIds: lostCases.map((c) => c.order.id),
      trackedOrderIds: trackedCases.map((c) => c.order.id),
      alsoSeparating: others.map((split) => ({ attribute: split.attribute, rule: split.rule, phrase: split.phrase })),
    },
  };
}

/**
 * The cases lossPattern compares for one vendor under one condition: each measured journey
 * (not replaced by a retry) whose order the backend has, lost when the vendor lost its purchase,
 * tracked otherwise (a duplicate or a wrong value still reached the vendor).
 */
export function lossCases(
  vendor: string,
  condition: string,
  journeys: readonly JourneyResult[],
  orders: readonly Order[],
): { lost: OrderCase[]; tracked: OrderCase[] } {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const lost: OrderCase[] = [];
  const tracked: OrderCase[] = [];
  for (const journey of journeys) {
    if (journey.condition !== condition || journey.supersededBy || journey.orderId === undefined) continue;
    const outcome = journey.vendors[vendor];
    const order = byId.get(journey.orderId);
    if (outcome === undefined || !order) continue;
    (outcome === 'lost' ? lost : tracked).push({ journey, order });
  }
  return { lost, tracked };
}

/** One case per order id (a caller passing an order twice must not double its weight). */
function distinct(cases: readonly OrderCase[]): OrderCase[] {
  const seen = new Set<string>();
  return cases.filter((c) => (seen.has(c.order.id) ? false : (seen.add(c.order.id), true)));
}

/** Every split worth testing, in ATTRIBUTE_ORDER; each built only from attributes every order knows. */
function candidateSplits(lost: OrderCase[], tracked: OrderCase[], all: OrderCase[]): Split[] {
  return [
    ...countSplits('lineItems', all, lost, tracked, (c) => c.order.lines?.length, { one: 'line item', many: 'line items' }),
    ...countSplits('totalQuantity', all, lost, tracked, (c) => (c.order.lines ? sum(c.order.lines.map((line) => line.quantity)) : undefined), {
      one: 'item in total',
      many: 'items in total',
    }),
    ...valueSplits('shippingMethod', all, lost, (c) => c.order.shippingMethod, (v) => `shipped with "${v}"`),
    ...valueSplits('paymentMethod', all, lost, (c) => c.order.paymentMethod, (v) => `paid with "${v}"`),
    ...couponSplits(all),
    ...setSplits('couponCode', all, lost, (c) => c.order.coupons, (v) => `with coupon "${v}"`),
    ...variantSplits(lost, all),
    ...setSplits('product', all, lost, (c) => c.order.lines?.map(productKey), (v) => `containing ${productWords(v, all)}`),
    ...setSplits(
      'category',
      all,
      lost,
      (c) => (c.order.lines?.every((line) => line.category !== undefined) ? c.order.lines.map((line) => line.category!) : undefined),
      (v) => `with a product of category "${v}"`,
    ),
    ...valueSplits('currency', all, lost, (c) => c.order.currency || undefined, (v) => `in ${v}`),
    ...valueSplits('scenario', all, lost, (c) => c.journey.scenario || undefined, (v) => `of scenario "${v}"`),
    ...valueBandSplits(all, lost, tracked),
  ];
}

/** Each variant key every journey has: the value the lost journeys share, or a threshold on a numeric key. */
function variantSplits(lost: OrderCase[], all: OrderCase[]): Split[] {
  const keys = new Set(all.flatMap((c) => Object.keys(c.journey.variant ?? {})));
  const splits: Split[] = [];
  for (const key of [...keys].sort()) {
    const valueOf = (c: OrderCase): VariantValue | undefined => c.journey.variant?.[key];
    if (all.some((c) => valueOf(c) === undefined)) continue;
    const attribute = `variant.${key}`;
    const shared = sharedValue(lost.map(valueOf));
    if (shared !== undefined) {
      splits.push({ attribute, phrase: `of variant ${key}=${String(shared)}`, rule: shared, has: (c) => valueOf(c) === shared });
      continue;
    }
    if (all.every((c) => typeof valueOf(c) === 'number')) {
      const numeric = (c: OrderCase) => valueOf(c) as number;
      const lowestLost = Math.min(...lost.map(numeric));
      const highestLost = Math.max(...lost.map(numeric));
      splits.push(
        { attribute, phrase: `of variant ${key}>=${lowestLost}`, rule: `>= ${lowestLost}`, has: (c) => numeric(c) >= lowestLost },
        { attribute, phrase: `of variant ${key}<=${highestLost}`, rule: `<= ${highestLost}`, has: (c) => numeric(c) <= highestLost },
      );
    }
  }
  return splits;
}

/**
 * A count (line items, quantity) known for every order: "3 or more" from the lowest lost count,
 * "at most 1" from the highest, "exactly 2" when the lost orders share one count.
 */
function countSplits(
  attribute: string,
  all: OrderCase[],
  lost: OrderCase[],
  tracked: OrderCase[],
  countOf: (c: OrderCase) => number | undefined,
  unit: { one: string; many: string },
): Split[] {
  if (all.some((c) => countOf(c) === undefined)) return [];
  const count = (c: OrderCase) => countOf(c)!;
  const lowestLost = Math.min(...lost.map(count));
  const highestLost = Math.max(...lost.map(count));
  const words = (n: number) => `${n} ${n === 1 ? unit.one : unit.many}`;
  const splits: Split[] = [];
  if (Math.max(...tracked.map(count)) < lowestLost) {
    splits.push({ attribute, phrase: `with ${lowestLost} or more ${unit.many}`, rule: `>= ${lowestLost}`, has: (c) => count(c) >= lowestLost });
  }
  if (Math.min(...tracked.map(count)) > highestLost) {
    splits.push({ attribute, phrase: `with at most ${words(highestLost)}`, rule: `<= ${highestLost}`, has: (c) => count(c) <= highestLost });
  }
  if (splits.length === 0 && lowestLost === highestLost) {
    splits.push({ attribute, phrase: `with exactly ${words(lowestLost)}`, rule: lowestLost, has: (c) => count(c) === lowestLost });
  }
  return splits;
}

/** A single-valued attribute known for every order: the value every lost order shares. */
function valueSplits(attribute: string, all: OrderCase[], lost: OrderCase[], valueOf: (c: OrderCase) => string | undefined, phrase: (value: string) => string): Split[] {
  if (all.some((c) => valueOf(c) === undefined)) return [];
  const shared = sharedValue(lost.map(valueOf));
  return shared === undefined ? [] : [{ attribute, phrase: phrase(shared), rule: shared, has: (c) => valueOf(c) === shared }];
}

/** A set-valued attribute (products, categories, coupon codes) known for every order: each value every lost order contains. */
function setSplits(attribute: string, all: OrderCase[], lost: OrderCase[], valuesOf: (c: OrderCase) => string[] | undefined, phrase: (value: string) => string): Split[] {
  if (all.some((c) => valuesOf(c) === undefined)) return [];
  const [first, ...rest] = lost.map((c) => new Set(valuesOf(c)!));
  const common = [...first!].filter((value) => rest.every((values) => values.has(value))).sort();
  return common.map((value) => ({ attribute, phrase: phrase(value), rule: value, has: (c: OrderCase) => valuesOf(c)!.includes(value) }));
}

/** Whether the order used a coupon at all, both ways: a broken coupon flow, or a tag only on full-price orders. */
function couponSplits(all: OrderCase[]): Split[] {
  if (all.some((c) => c.order.coupons === undefined)) return [];
  const withCoupon = (c: OrderCase) => c.order.coupons!.length > 0;
  return [
    { attribute: 'coupon', phrase: 'with a coupon', rule: true, has: withCoupon },
    { attribute: 'coupon', phrase: 'without a coupon', rule: false, has: (c) => !withCoupon(c) },
  ];
}

/**
 * Totals in one currency with the lost ones all above (or all below) the tracked ones: split at
 * the roundest amount between them, "of 100 EUR or more" / "under 100 EUR".
 */
function valueBandSplits(all: OrderCase[], lost: OrderCase[], tracked: OrderCase[]): Split[] {
  const currency = sharedValue(all.map((c) => c.order.currency));
  if (!currency || all.some((c) => !Number.isFinite(c.order.total))) return [];
  const cents = (c: OrderCase) => Math.round(c.order.total * 100);
  const attribute = 'valueBand';
  const lostCents = lost.map(cents);
  const trackedCents = tracked.map(cents);
  const splits: Split[] = [];
  const above = roundestBetween(Math.max(...trackedCents), Math.min(...lostCents));
  if (above !== undefined) {
    splits.push({ attribute, phrase: `of ${amount(above)} ${currency} or more`, rule: `>= ${amount(above)} ${currency}`, has: (c) => cents(c) >= above });
  }
  const below = roundestBetween(Math.max(...lostCents), Math.min(...trackedCents));
  if (below !== undefined) {
    splits.push({ attribute, phrase: `under ${amount(below)} ${currency}`, rule: `< ${amount(below)} ${currency}`, has: (c) => cents(c) < below });
  }
  return splits;
}

/** The roundest amount in cents m with low < m <= high (multiples of 10^k or 5 x 10^k, largest step first). */
export function roundestBetween(low: number, high: number): number | undefined {
  if (!(low < high)) return undefined;
  for (let step = 10 ** Math.max(2, Math.ceil(Math.log10(Math.max(high, 1))) + 1); step >= 1; step /= 10) {
    for (const s of [step * 5, step]) {
      if (!Number.isInteger(s)) continue;
      const m = Math.floor(low / s) * s + s;
      if (m <= high) return m;
    }
  }
  return high;
}

/** 10000 -> '100', 6480 -> '64.80'. */
function amount(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** The one value every entry has, or undefined when they differ (or there are none). */
function sharedValue<T>(values: readonly (T | undefined)[]): T | undefined {
  const [first] = values;
  return first !== undefined && values.every((value) => value === first) ? first : undefined;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A product's identity across orders: its SKU, else its name. */
function productKey(line: { sku?: string; name: string }): string {
  return line.sku ? `sku:${line.sku}` : `name:${line.name}`;
}

/** 'product "Mug" (sku mug)' from a product key, named as the orders name it. */
function productWords(key: string, all: OrderCase[]): string {
  const line = all.flatMap((c) => c.order.lines ?? []).find((candidate) => productKey(candidate) === key);
  const name = line?.name ?? key.replace(/^(sku|name):/, '');
  return key.startsWith('sku:') ? `product "${name}" (sku ${key.slice(4)})` : `product "${name}"`;
}
