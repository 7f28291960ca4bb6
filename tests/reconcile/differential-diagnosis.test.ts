import { describe, expect, it } from 'vitest';
import { lossCases, lossPattern, roundestBetween, type OrderCase } from '../../src/reconcile/differential-diagnosis.ts';
import type { Order, OrderLine } from '../../src/model/order.ts';
import type { JourneyResult } from '../../src/model/verdict.ts';
import type { Variant } from '../../src/model/variant.ts';

// Orders as the demo shop's backend records them: a mug, a tote bag, a notebook.
const MUG: OrderLine = { sku: 'mug', name: 'Mug', category: 'Kitchen', quantity: 1, unitPrice: 14 };
const TOTE: OrderLine = { sku: 'tote', name: 'Tote bag', category: 'Bags', quantity: 1, unitPrice: 22 };
const NOTEBOOK: OrderLine = { sku: 'notebook', name: 'Notebook', category: 'Stationery', quantity: 1, unitPrice: 9.5 };

let nextId = 1001;

function orderCase(options: {
  lines?: OrderLine[];
  shippingMethod?: string;
  paymentMethod?: string;
  coupons?: string[];
  total?: number;
  currency?: string;
  variant?: Variant;
  scenario?: string;
}): OrderCase {
  const id = String(nextId++);
  const lines = options.lines;
  const total = options.total ?? (lines ? lines.reduce((sum, line) => sum + (line.unitPrice ?? 0) * line.quantity, 0) + 4.9 : 50);
  const order: Order = {
    id,
    total,
    currency: options.currency ?? 'EUR',
    createdAt: '2026-12-03T10:00:00.000Z',
    ...(lines ? { lines } : {}),
    ...(options.shippingMethod ? { shippingMethod: options.shippingMethod } : {}),
    ...(options.paymentMethod ? { paymentMethod: options.paymentMethod } : {}),
    ...(options.coupons ? { coupons: options.coupons } : {}),
  };
  const journey: JourneyResult = {
    journeyId: `guest-checkout#${id}`,
    scenario: options.scenario ?? 'guest-checkout',
    condition: 'baseline',
    ...(options.variant ? { variant: options.variant } : {}),
    repeat: 1,
    orderId: id,
    orderInBackend: true,
    status: 'passed',
    hits: [],
    vendors: {},
    lossCauses: {},
  };
  return { journey, order };
}

describe('lossPattern: the attribute that separates lost from tracked orders', () => {
  it('names the line-item count when only the big order was lost (the issue\'s case: 1/1 vs 0/2)', () => {
    const big = orderCase({ lines: [MUG, TOTE, NOTEBOOK], shippingMethod: 'standard', paymentMethod: 'card', coupons: [] });
    const small = orderCase({ lines: [MUG], shippingMethod: 'standard', paymentMethod: 'card', coupons: [] });
    const pair = orderCase({ lines: [MUG, NOTEBOOK], shippingMethod: 'standard', paymentMethod: 'card', coupons: [] });
    const pattern = lossPattern('ga4', [big], [small, pair]);
    expect(pattern?.text).toBe('ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)');
    expect(pattern?.attribute).toBe('lineItems');
    expect(pattern?.evidence).toMatchObject({
      attribute: 'lineItems',
      rule: '>= 3',
      lostWith: 1,
      lostOrders: 1,
      trackedWith: 0,
      trackedOrders: 2,
      lostOrderIds: [big.order.id],
      trackedOrderIds: [small.order.id, pair.order.id],
    });
    // The big order also has the most items, the tote bag and the highest total: named, but after the count.
    const others = (pattern?.evidence.alsoSeparating as { attribute: string; phrase: string }[]).map((split) => split.phrase);
    expect(others).toEqual(['with 3 or more items in total', 'containing product "Tote bag" (sku tote)', 'with a product of category "Bags"', 'of 50 EUR or more']);
  });

  it('names the shipping method the lost orders share and no tracked order has', () => {
    const lost = [
      orderCase({ lines: [MUG], shippingMethod: 'express', paymentMethod: 'card' }),
      orderCase({ lines: [TOTE], shippingMethod: 'express', paymentMethod: 'paypal' }),
    ];
    const tracked = [
      orderCase({ lines: [MUG], shippingMethod: 'standard', paymentMethod: 'card' }),
      orderCase({ lines: [TOTE], shippingMethod: 'pickup', paymentMethod: 'paypal' }),
      orderCase({ lines: [NOTEBOOK], shippingMethod: 'standard', paymentMethod: 'card' }),
    ];
    const pattern = lossPattern('meta', lost, tracked);
    expect(pattern?.text).toBe('meta lost the purchase on every order shipped with "express" (2/2) and on none of the others (0/3)');
    expect(pattern?.evidence).toMatchObject({ attribute: 'shippingMethod', rule: 'express', lostOrders: 2, trackedOrders: 3 });
  });

  it('names what the order says (its line items) before the monitor\'s variant that produced it, listing the variant', () => {
    const lost = [
      orderCase({ variant: { cart: 'large', shipping: 'standard' }, lines: [MUG, TOTE, NOTEBOOK], shippingMethod: 'standard' }),
      orderCase({ variant: { cart: 'large', shipping: 'express' }, lines: [MUG, TOTE, NOTEBOOK], shippingMethod: 'express' }),
    ];
    const tracked = [
      orderCase({ variant: { cart: 'single', shipping: 'standard' }, lines: [MUG], shippingMethod: 'standard' }),
      orderCase({ variant: { cart: 'single', shipping: 'express' }, lines: [TOTE], shippingMethod: 'express' }),
    ];
    const pattern = lossPattern('tiktok', lost, tracked);
    expect(pattern?.text).toBe('tiktok lost the purchase on every order with 3 or more line items (2/2) and on none of the others (0/2)');
    expect(pattern?.evidence.alsoSeparating).toContainEqual({ attribute: 'variant.cart', rule: 'large', phrase: 'of variant cart=large' });
  });

  it('names the variant when the backend does not tell (a source that reads no line items)', () => {
    const lost = [orderCase({ variant: { items: 3, shipping: 'standard' } }), orderCase({ variant: { items: 3, shipping: 'express' } })];
    const tracked = [orderCase({ variant: { items: 1, shipping: 'standard' } }), orderCase({ variant: { items: 1, shipping: 'express' } })];
    const pattern = lossPattern('tiktok', lost, tracked);
    expect(pattern?.text).toBe('tiktok lost the purchase on every order of variant items=3 (2/2) and on none of the others (0/2)');
    expect(pattern?.attribute).toBe('variant.items');
  });

  it('names a numeric variant threshold when the lost journeys differ in it', () => {
    const lost = [orderCase({ variant: { items: 3 } }), orderCase({ variant: { items: 5 } })];
    const tracked = [orderCase({ variant: { items: 1 } }), orderCase({ variant: { items: 2 } })];
    expect(lossPattern('ga4', lost, tracked)?.text).toBe('ga4 lost the purchase on every order of variant items>=3 (2/2) and on none of the others (0/2)');
  });

  it('names coupon use, and which coupon when the lost orders share one', () => {
    const withCoupon = lossPattern(
      'google-ads',
      [orderCase({ coupons: ['WELCOME10'] }), orderCase({ coupons: ['XMAS'] })],
      [orderCase({ coupons: [] }), orderCase({ coupons: [] })],
    );
    expect(withCoupon?.text).toBe('google-ads lost the purchase on every order with a coupon (2/2) and on none of the others (0/2)');
    expect(withCoupon?.evidence).toMatchObject({ attribute: 'coupon', rule: true });

    // Every order used a coupon, only WELCOME10 lost it: the code is what separates.
    const which = lossPattern(
      'google-ads',
      [orderCase({ coupons: ['WELCOME10'] }), orderCase({ coupons: ['WELCOME10', 'FREESHIP'] })],
      [orderCase({ coupons: ['FREESHIP'] }), orderCase({ coupons: ['XMAS'] })],
    );
    expect(which?.text).toBe('google-ads lost the purchase on every order with coupon "WELCOME10" (2/2) and on none of the others (0/2)');
    expect(which?.evidence).toMatchObject({ attribute: 'couponCode', rule: 'WELCOME10' });
  });

  it('names a value band at the roundest amount between the totals, last of all', () => {
    const lost = [orderCase({ total: 129.6 }), orderCase({ total: 240 })];
    const tracked = [orderCase({ total: 64.8 }), orderCase({ total: 18.9 }), orderCase({ total: 99.99 })];
    const pattern = lossPattern('ga4', lost, tracked);
    expect(pattern?.text).toBe('ga4 lost the purchase on every order of 100 EUR or more (2/2) and on none of the others (0/3)');
    expect(pattern?.evidence).toMatchObject({ attribute: 'valueBand', rule: '>= 100 EUR', alsoSeparating: [] });

    const cheap = lossPattern('meta', [orderCase({ total: 9.5 }), orderCase({ total: 12 })], [orderCase({ total: 24 }), orderCase({ total: 80 })]);
    expect(cheap?.text).toBe('meta lost the purchase on every order under 20 EUR (2/2) and on none of the others (0/2)');
  });

  it('compares no value band across currencies, but names the currency', () => {
    const pattern = lossPattern(
      'meta',
      [orderCase({ total: 120, currency: 'USD' }), orderCase({ total: 130, currency: 'USD' })],
      [orderCase({ total: 20, currency: 'EUR' })],
    );
    expect(pattern?.text).toBe('meta lost the purchase on every order in USD (2/2) and on none of the others (0/1)');
    expect(pattern?.evidence.alsoSeparating).toEqual([]);
  });

  it('names the scenario when journeys of one scenario lose the purchase', () => {
    const pattern = lossPattern(
      'ga4',
      [orderCase({ scenario: 'account-checkout' }), orderCase({ scenario: 'account-checkout' })],
      [orderCase({ scenario: 'guest-checkout' }), orderCase({ scenario: 'guest-checkout' })],
    );
    expect(pattern?.text).toBe('ga4 lost the purchase on every order of scenario "account-checkout" (2/2) and on none of the others (0/2)');
  });

  it('states nothing when no attribute separates the orders (an intermittent loss)', () => {
    const lost = [
      orderCase({ lines: [MUG], shippingMethod: 'standard', paymentMethod: 'card', coupons: [], total: 18.9 }),
      orderCase({ lines: [MUG, TOTE], shippingMethod: 'express', paymentMethod: 'card', coupons: [], total: 60 }),
    ];
    const tracked = [
      orderCase({ lines: [MUG], shippingMethod: 'standard', paymentMethod: 'card', coupons: [], total: 18.9 }),
      orderCase({ lines: [MUG, TOTE], shippingMethod: 'express', paymentMethod: 'paypal', coupons: [], total: 60 }),
    ];
    expect(lossPattern('ga4', lost, tracked)).toBeUndefined();
  });

  it('does not compare an attribute some order does not know (never guessed)', () => {
    // The lost order's source read no shipping method: "express" cannot be said to separate.
    const lost = [orderCase({ shippingMethod: 'express', total: 30 }), orderCase({ total: 30 })];
    const tracked = [orderCase({ shippingMethod: 'standard', total: 30 }), orderCase({ shippingMethod: 'standard', total: 30 })];
    expect(lossPattern('ga4', lost, tracked)).toBeUndefined();
  });

  it('states nothing from one lost and one tracked order: any difference would separate them', () => {
    const lost = orderCase({ lines: [MUG, TOTE, NOTEBOOK], shippingMethod: 'express' });
    const tracked = orderCase({ lines: [MUG], shippingMethod: 'standard' });
    expect(lossPattern('ga4', [lost], [tracked])).toBeUndefined();
    // A third order makes it a comparison, with the counts for the reader to weigh.
    const third = orderCase({ lines: [TOTE], shippingMethod: 'express' });
    expect(lossPattern('ga4', [lost], [tracked, third])?.text).toBe(
      'ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)',
    );
  });

  it('states nothing when one side is empty or an order is on both sides', () => {
    const a = orderCase({ lines: [MUG] });
    const b = orderCase({ lines: [MUG, TOTE, NOTEBOOK] });
    const c = orderCase({ lines: [TOTE] });
    expect(lossPattern('ga4', [a, b, c], [])).toBeUndefined();
    expect(lossPattern('ga4', [], [a, b, c])).toBeUndefined();
    expect(lossPattern('ga4', [b, a], [a, c])).toBeUndefined();
  });

  it('counts an order passed twice once', () => {
    const big = orderCase({ lines: [MUG, TOTE, NOTEBOOK] });
    const pattern = lossPattern('ga4', [big, big], [orderCase({ lines: [MUG] }), orderCase({ lines: [TOTE] })]);
    expect(pattern?.evidence).toMatchObject({ lostOrders: 1, lostOrderIds: [big.order.id] });
  });

  it('names small orders too: "at most 1 line item"', () => {
    const pattern = lossPattern(
      'tiktok',
      [orderCase({ lines: [MUG] }), orderCase({ lines: [{ ...TOTE, quantity: 2 }] })],
      [orderCase({ lines: [MUG, TOTE] }), orderCase({ lines: [TOTE, NOTEBOOK, MUG] })],
    );
    expect(pattern?.text).toBe('tiktok lost the purchase on every order with at most 1 line item (2/2) and on none of the others (0/2)');
  });

  it('names a payment method', () => {
    const pattern = lossPattern(
      'ga4',
      [orderCase({ paymentMethod: 'paypal' }), orderCase({ paymentMethod: 'paypal' })],
      [orderCase({ paymentMethod: 'card' }), orderCase({ paymentMethod: 'bank-transfer' })],
    );
    expect(pattern?.text).toBe('ga4 lost the purchase on every order paid with "paypal" (2/2) and on none of the others (0/2)');
  });

  it('names a category only when every line of every order has one', () => {
    const unknownCategory = { ...NOTEBOOK, category: undefined };
    const lost = [orderCase({ lines: [TOTE, MUG], total: 40 }), orderCase({ lines: [TOTE, NOTEBOOK], total: 40 })];
    const tracked = [orderCase({ lines: [MUG], total: 40 }), orderCase({ lines: [unknownCategory], total: 40 })];
    const pattern = lossPattern('meta', lost, tracked);
    expect(pattern?.attribute).toBe('lineItems');
    const all = [pattern, ...((pattern?.evidence.alsoSeparating as { attribute: string }[]) ?? [])].map((split) => split?.attribute);
    expect(all).toContain('product');
    expect(all).not.toContain('category');
  });
});

describe('lossCases: the orders compared for a vendor under a condition', () => {
  it('takes the measured journeys whose order the backend has, lost or not, and skips the rest', () => {
    const big = orderCase({ lines: [MUG, TOTE, NOTEBOOK] });
    const small = orderCase({ lines: [MUG] });
    const pair = orderCase({ lines: [MUG, TOTE] });
    const retried = orderCase({ lines: [MUG] });
    const adblock = orderCase({ lines: [MUG] });
    const notInBackend = orderCase({ lines: [MUG] });
    big.journey.vendors = { ga4: 'lost', meta: 'tracked' };
    small.journey.vendors = { ga4: 'tracked', meta: 'tracked' };
    pair.journey.vendors = { ga4: 'duplicated', meta: 'tracked' };
    retried.journey.vendors = { ga4: 'lost' };
    retried.journey.supersededBy = 'guest-checkout#retry';
    adblock.journey.vendors = { ga4: 'lost' };
    adblock.journey.condition = 'adblock';
    notInBackend.journey.vendors = { ga4: 'lost' };
    const journeys = [big, small, pair, retried, adblock, notInBackend].map((c) => c.journey);
    const orders = [big, small, pair, retried, adblock].map((c) => c.order);

    const { lost, tracked } = lossCases('ga4', 'baseline', journeys, orders);
    expect(lost.map((c) => c.order.id)).toEqual([big.order.id]);
    expect(tracked.map((c) => c.order.id)).toEqual([small.order.id, pair.order.id]);
    expect(lossPattern('ga4', lost, tracked)?.text).toBe('ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)');
  });
});

describe('roundestBetween', () => {
  it('picks the roundest amount above the low end and at most the high end (cents)', () => {
    expect(roundestBetween(6480, 12960)).toBe(10000);
    expect(roundestBetween(9999, 12960)).toBe(10000);
    expect(roundestBetween(1200, 1240)).toBe(1210);
    expect(roundestBetween(1200, 2400)).toBe(2000);
    expect(roundestBetween(1239, 1240)).toBe(1240);
    expect(roundestBetween(100, 100)).toBeUndefined();
  });
});
