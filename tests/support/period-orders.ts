import { expect } from 'vitest';
import type { PeriodQuery, RealOrder } from '../../src/compare/model.ts';
import { testOrderMatcher } from '../../src/compare/test-orders.ts';

/**
 * A shop's month for the period reads (`tagwatch compare`): several hundred real orders over 30
 * days, each with a customer e-mail, name and address the backend holds, plus tagwatch's test
 * orders (stamped e-mail) in the period and orders just outside it. Deterministic, so every
 * source's test checks the same figures.
 */
export interface ShopOrder {
  id: string;
  /** ISO instant, UTC, whole seconds. */
  createdAt: string;
  /** Two decimals. */
  total: number;
  currency: string;
  email: string;
  customerName: string;
  address: string;
  lineItems: number;
  shippingMethod: string;
  paymentMethod: string;
  coupons: string[];
  device: 'mobile' | 'desktop' | 'tablet';
  channel: string;
  /** tagwatch's test order: its e-mail carries a run stamp. */
  test: boolean;
}

/** The 30 days read: 1 to 30 October 2026 (UTC), the end excluded. */
export const PERIOD = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-31T00:00:00Z') };

export const STAMP_EMAIL = 'tagwatch+{stamp}@example.com';

/** The period query a comparison hands the sources (the monitor's default stamp e-mail). */
export function periodQuery(): PeriodQuery {
  return { ...PERIOD, isTestOrder: testOrderMatcher(STAMP_EMAIL) };
}

const PAYMENTS = ['card', 'paypal', 'invoice', 'apple_pay'];
const SHIPPINGS = ['standard', 'express', 'pickup'];
const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
const CHANNELS = ['web', 'web', 'web', 'app'];
const FIRST_NAMES = ['Marie', 'Jean', 'Lucie', 'Omar', 'Sofia', 'Ken'];

/** A small deterministic generator (mulberry32): the same month on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `realCount` real orders spread over the period (the first exactly at its start), 3 test
 * orders inside it, and 3 real orders outside it: one at its end (excluded), one a second
 * before its start, one a day after its end.
 */
export function shopMonth(realCount = 420, firstId = 10_001): ShopOrder[] {
  const next = random(20261001);
  const span = PERIOD.to.getTime() - PERIOD.from.getTime();
  const orders: ShopOrder[] = [];
  let id = firstId;
  const order = (createdAt: number, test: boolean): ShopOrder => {
    const n = id++;
    const first = FIRST_NAMES[n % FIRST_NAMES.length]!;
    const stamp = `202610${String(10 + (n % 9)).padStart(2, '0')}-101500-ab12-${(0xf00000 + n).toString(16)}`;
    return {
      id: String(n),
      createdAt: new Date(Math.floor(createdAt / 1000) * 1000).toISOString(),
      total: Math.round((5 + next() * 300) * 100) / 100,
      currency: 'EUR',
      email: test ? STAMP_EMAIL.replace('{stamp}', stamp) : `${first.toLowerCase()}.${n}@customer.example`,
      customerName: `${first} Customer${n}`,
      address: `${n} rue de la Paix, 75002 Paris`,
      lineItems: 1 + Math.floor(next() * 6),
      shippingMethod: SHIPPINGS[Math.floor(next() * SHIPPINGS.length)]!,
      paymentMethod: PAYMENTS[Math.floor(next() * PAYMENTS.length)]!,
      coupons: next() < 0.2 ? ['WELCOME10'] : [],
      device: DEVICES[Math.floor(next() * DEVICES.length)]!,
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)]!,
      test,
    };
  };
  orders.push(order(PERIOD.from.getTime(), false));
  for (let i = 1; i < realCount; i++) orders.push(order(PERIOD.from.getTime() + next() * span, false));
  for (const day of [4, 12, 29]) orders.push(order(PERIOD.from.getTime() + day * 86_400_000 + 3_600_000, true));
  orders.push(order(PERIOD.to.getTime(), false), order(PERIOD.from.getTime() - 1000, false), order(PERIOD.to.getTime() + 86_400_000, false));
  return orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The orders a period read must return: the real ones created in [from, to). */
export function expectedOrders(orders: ShopOrder[]): ShopOrder[] {
  return orders.filter((o) => !o.test && Date.parse(o.createdAt) >= PERIOD.from.getTime() && Date.parse(o.createdAt) < PERIOD.to.getTime());
}

/**
 * What a user of the comparison notices: every real order of the period, no test order, nothing
 * outside the period, counts and revenue equal to the month's, and no e-mail in the result.
 */
export function expectWholePeriod(result: RealOrder[], month: ShopOrder[], id: (order: ShopOrder) => string = (order) => order.id): void {
  const expected = expectedOrders(month);
  expect(expected.length).toBeGreaterThanOrEqual(300);
  expect(result.map((o) => o.id).sort()).toEqual(expected.map(id).sort());
  const revenue = (totals: number[]) => Math.round(totals.reduce((sum, total) => sum + total, 0) * 100) / 100;
  expect(revenue(result.map((o) => o.total))).toBe(revenue(expected.map((o) => o.total)));
  for (const test of month.filter((o) => o.test)) expect(result.some((o) => o.id === id(test))).toBe(false);
  expectNoPersonalData(result);
}

/** No e-mail, name or address reaches the result: not a field of it, not an '@' anywhere in it. */
export function expectNoPersonalData(result: RealOrder[]): void {
  const json = JSON.stringify(result);
  expect(json).not.toContain('@');
  expect(json).not.toMatch(/Customer\d|rue de la Paix/);
  const allowed = new Set(['id', 'createdAt', 'total', 'currency', 'lineItems', 'shippingMethod', 'paymentMethod', 'coupons', 'device', 'channel']);
  for (const order of result) for (const key of Object.keys(order)) expect(allowed, `field ${key} of a real order`).toContain(key);
}
