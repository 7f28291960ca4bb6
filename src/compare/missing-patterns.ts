import { wilsonInterval } from '../reconcile/wilson.ts';
import { dayIn } from './days.ts';
import type { Day, RealOrder } from './model.ts';

/**
 * Differential diagnosis on real traffic: what the orders a platform never received have that the
 * ones it received do not. Unlike the synthetic journeys' diagnosis (src/reconcile/
 * differential-diagnosis.ts), real traffic always loses some orders for ordinary reasons (ad
 * blockers, consent), so no attribute separates perfectly. A group (payment method, shipping,
 * basket size, device, channel, value band, coupon; on one day or on the whole period) is named
 * when its missing share is clearly above the rest's: the lower bound of its 95% Wilson interval
 * above the upper bound of theirs. The group that explains the most missing orders beyond what
 * the rest's rate would lose wins.
 */
export interface MissingPattern {
  /** 'paymentMethod', 'shippingMethod', 'lineItems', 'device', 'channel', 'coupon', 'valueBand'. */
  attribute: string;
  /** The value, as the backend says it ('paypal'), or the band ('3 or more', '>= 200 EUR'). */
  value: string;
  /** The day it happened on, when the group is one day's. */
  day?: Day;
  /** "ga4 never received 23 of the 23 orders paid with "paypal" on 2026-11-14, against 4 of the 181 other orders of that day". */
  text: string;
  missing: number;
  orders: number;
  /** The missing rate of the orders outside the group (in the same scope: the day, or the period). */
  othersMissing: number;
  othersOrders: number;
  /** Missing orders beyond what the others' rate would lose: what the group alone explains. */
  excess: number;
  /** The group's missing orders, by id: what to look at in the back office. */
  missingOrderIds: string[];
}

/** Fewest orders in a group for it to be named. */
const MIN_GROUP = 3;

interface Group {
  attribute: string;
  value: string;
  phrase: string;
  has: (order: RealOrder) => boolean;
}

export function missingPattern(platform: string, orders: readonly RealOrder[], missingIds: ReadonlySet<string>, timeZone: string): MissingPattern | undefined {
  const dayOf = new Map(orders.map((order) => [order.id, dayIn(new Date(order.createdAt), timeZone)]));
  const days = [...new Set(dayOf.values())].sort();
  const groups = groupsOf(orders);
  let best: MissingPattern | undefined;
  const consider = (scope: readonly RealOrder[], group: Group, day?: Day) => {
    const inside = scope.filter(group.has);
    if (inside.length < MIN_GROUP || inside.length === scope.length) return;
    const missingInside = inside.filter((o) => missingIds.has(o.id));
    const othersOrders = scope.length - inside.length;
    const othersMissing = scope.filter((o) => !group.has(o) && missingIds.has(o.id)).length;
    const insideBounds = wilsonInterval(missingInside.length, inside.length);
    const othersBounds = wilsonInterval(othersMissing, othersOrders);
    if (!insideBounds || !othersBounds || insideBounds[0] <= othersBounds[1]) return;
    const excess = missingInside.length - inside.length * (othersMissing / othersOrders);
    // Ties (often: every missing order of the day is in the group, none outside it) go to the
    // narrower group, the one whose orders are missing the most: "paypal on the 18th", not "paypal".
    const tie = best !== undefined && Math.abs(excess - best.excess) < 1e-9;
    if (best && (tie ? missingInside.length / inside.length <= best.missing / best.orders : excess < best.excess)) return;
    const where = day ? ` on ${day}` : '';
    const others = day ? 'other orders of that day' : 'other orders of the period';
    best = {
      attribute: group.attribute,
      value: group.value,
      ...(day ? { day } : {}),
      text: `${platform} never received ${missingInside.length} of the ${inside.length} orders ${group.phrase}${where}, against ${othersMissing} of the ${othersOrders} ${others}`,
      missing: missingInside.length,
      orders: inside.length,
      othersMissing,
      othersOrders,
      excess,
      missingOrderIds: missingInside.map((o) => o.id),
    };
  };
  for (const group of groups) consider(orders, group);
  for (const day of days) {
    const scope = orders.filter((o) => dayOf.get(o.id) === day);
    for (const group of groups) consider(scope, group, day);
  }
  return best;
}

/** The groups worth testing, from the attributes the backend gave. */
function groupsOf(orders: readonly RealOrder[]): Group[] {
  const groups: Group[] = [];
  const values = (of: (o: RealOrder) => string | undefined) => [...new Set(orders.flatMap((o) => (of(o) !== undefined ? [of(o)!] : [])))].sort();
  for (const value of values((o) => o.paymentMethod)) groups.push({ attribute: 'paymentMethod', value, phrase: `paid with "${value}"`, has: (o) => o.paymentMethod === value });
  for (const value of values((o) => o.shippingMethod)) groups.push({ attribute: 'shippingMethod', value, phrase: `shipped with "${value}"`, has: (o) => o.shippingMethod === value });
  for (const value of values((o) => o.device)) groups.push({ attribute: 'device', value, phrase: `placed on ${value}`, has: (o) => o.device === value });
  for (const value of values((o) => o.channel)) groups.push({ attribute: 'channel', value, phrase: `from channel "${value}"`, has: (o) => o.channel === value });
  if (orders.some((o) => o.lineItems !== undefined)) {
    for (const n of [2, 3, 5]) groups.push({ attribute: 'lineItems', value: `${n} or more`, phrase: `with ${n} or more line items`, has: (o) => (o.lineItems ?? 0) >= n });
    groups.push({ attribute: 'lineItems', value: '1', phrase: 'with 1 line item', has: (o) => o.lineItems === 1 });
  }
  if (orders.some((o) => o.coupons !== undefined)) {
    groups.push({ attribute: 'coupon', value: 'with', phrase: 'with a coupon', has: (o) => (o.coupons?.length ?? 0) > 0 });
    groups.push({ attribute: 'coupon', value: 'without', phrase: 'without a coupon', has: (o) => o.coupons !== undefined && o.coupons.length === 0 });
  }
  // Value bands at the period's quartiles, in its main currency.
  const totals = orders.map((o) => o.total).sort((a, b) => a - b);
  const currency = orders[0]?.currency;
  if (currency && orders.every((o) => o.currency === currency) && totals.length >= 8) {
    for (const q of [0.25, 0.75]) {
      const cut = roundAmount(totals[Math.floor(q * totals.length)]!);
      groups.push({ attribute: 'valueBand', value: `>= ${cut} ${currency}`, phrase: `of ${cut} ${currency} or more`, has: (o) => o.total >= cut });
      groups.push({ attribute: 'valueBand', value: `< ${cut} ${currency}`, phrase: `under ${cut} ${currency}`, has: (o) => o.total < cut });
    }
  }
  return groups;
}

/** Two significant digits: 187.4 -> 190, a band edge people read at a glance. */
function roundAmount(value: number): number {
  if (value <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.round(value / step) * step;
}
