import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import shopify, { throttling } from '../../src/orders/sources/shopify.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { expectNoPersonalData, expectWholePeriod, periodQuery, PERIOD, shopMonth, type ShopOrder } from '../support/period-orders.ts';
import { startPeriodShopify, type PeriodShopifyOrder } from '../support/period-shopify.ts';

const TOKEN = 'shpat_period0000';
const month: ShopOrder[] = shopMonth();
// The month as the shop holds it, plus a Shopify test order (bogus gateway) and a 14-line order in the period.
const shopOrders: PeriodShopifyOrder[] = [
  ...month.map((o) => ({
    number: Number(o.id),
    createdAt: o.createdAt,
    email: o.email,
    amount: o.total.toFixed(2),
    lineItemCount: o.lineItems,
    shippingTitle: o.shippingMethod,
    gateways: [o.paymentMethod],
    discountCodes: o.coupons,
    sourceName: o.channel === 'app' ? 'shop_app' : 'web',
    channelName: o.channel === 'app' ? 'Shop' : 'Online Store',
    customer: { firstName: o.customerName.split(' ')[0]!, lastName: o.customerName.split(' ')[1]! },
    shippingAddress: { address1: o.address, city: 'Paris', zip: '75002' },
  })),
  { number: 90_001, createdAt: '2026-10-20T10:00:00Z', email: 'owner@shop.example', test: true, amount: '1.00', lineItemCount: 1, gateways: ['bogus'] },
  { number: 90_002, createdAt: '2026-10-21T10:00:00Z', email: 'big.buyer@customer.example', amount: '812.40', lineItemCount: 14, gateways: ['shopify_payments'], channelName: null, sourceName: 'pos' },
  // tagwatch stamps in the note or a tag when the monitor says so: left out either way.
  { number: 90_003, createdAt: '2026-10-22T10:00:00Z', email: null, note: 'tagwatch 20261022-101500-ab12-0c0ffe', amount: '64.80', lineItemCount: 1 },
  { number: 90_004, createdAt: '2026-10-22T11:00:00Z', email: null, tags: ['tagwatch', '20261022-101500-ab12-0c0fff'], amount: '64.80', lineItemCount: 1 },
];

let shop: Awaited<ReturnType<typeof startPeriodShopify>>;
const sleeps: number[] = [];
const realThrottling = { ...throttling };
beforeAll(async () => {
  shop = await startPeriodShopify(TOKEN, shopOrders);
});
afterAll(() => shop?.close());
beforeEach(() => {
  shop.requests.length = 0;
  sleeps.length = 0;
  throttling.sleep = async (ms) => void sleeps.push(ms);
});
afterEach(() => Object.assign(throttling, realThrottling));

const settings = () => ({ shop: 'tagwatch-test.myshopify.com', adminUrl: shop.endpoint });
const context = { env: { SHOPIFY_ADMIN_TOKEN: TOKEN }, timeoutMs: 5000 };

describe('shopify order source: the real orders of a period', () => {
  it('reads every page of 30 days by cursor, leaves out tagwatch and Shopify test orders, copies no e-mail, name or address', async () => {
    shop.state.throttleNext = 1;
    const orders = await shopify.fetchPeriodOrders!(periodQuery(), settings(), context);

    const withBig = [...month, { ...month[1]!, id: '90002', total: 812.4, test: false, createdAt: '2026-10-21T10:00:00.000Z' }];
    expectWholePeriod(orders, withBig);
    expect(orders.some((o) => o.id === '90001' || o.id === '90003' || o.id === '90004')).toBe(false);
    expectNoPersonalData(orders);

    const listings = shop.requests.filter((r) => /\borders\(/.test(r.query));
    // 427 orders in the period at 50 a page (the page size that keeps a query under 1000 points), each page after the last cursor; one THROTTLED answer waited out.
    expect(listings).toHaveLength(10);
    expect(listings.every((r) => r.token === TOKEN && r.variables.first === 50)).toBe(true);
    expect(listings[0]!.variables.query).toBe(`created_at:>='${PERIOD.from.toISOString().slice(0, 19)}Z' created_at:<'${PERIOD.to.toISOString().slice(0, 19)}Z'`);
    expect(listings.slice(2).map((r) => r.variables.after)).toEqual(listings.slice(1, -1).map((_, i) => Buffer.from(`cursor:${(i + 1) * 50}`).toString('base64url')));
    // (902 points asked - 402 left) at 100 a second.
    expect(sleeps).toEqual([5000]);
  });

  it('the comparison attributes: line count (more than 10 lines counted afterwards), shipping, gateway, codes, channel', async () => {
    const orders = await shopify.fetchPeriodOrders!(periodQuery(), settings(), context);
    const source = month.find((o) => o.coupons.length > 0 && o.channel === 'app' && Date.parse(o.createdAt) >= PERIOD.from.getTime())!;
    expect(orders.find((o) => o.id === source.id)).toEqual({
      id: source.id,
      createdAt: source.createdAt,
      total: source.total,
      currency: 'EUR',
      lineItems: source.lineItems,
      shippingMethod: source.shippingMethod,
      paymentMethod: source.paymentMethod,
      coupons: ['WELCOME10'],
      channel: 'Shop',
    });
    expect(orders.find((o) => o.id === '90002')).toEqual({ id: '90002', createdAt: '2026-10-21T10:00:00Z', total: 812.4, currency: 'EUR', lineItems: 14, paymentMethod: 'shopify_payments', coupons: [], channel: 'pos' });
    const counts = shop.requests.filter((r) => /\bnodes\(ids:/.test(r.query));
    expect(counts.map((r) => r.variables.ids)).toEqual([['gid://shopify/Order/5090002']]);
  });

  it('a refused token: BackendUnreachableError naming the variable, never the token', async () => {
    const error = await shopify.fetchPeriodOrders!(periodQuery(), settings(), { env: { SHOPIFY_ADMIN_TOKEN: 'shpat_wrong' }, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toContain('refused the access token (HTTP 401). Check that SHOPIFY_ADMIN_TOKEN (orders.tokenEnv)');
    expect((error as Error).message).not.toContain('shpat_wrong');
  });
});
