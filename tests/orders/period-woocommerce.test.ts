import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWooCommerceSource } from '../../src/orders/sources/woocommerce.ts';
import { expectNoPersonalData, expectWholePeriod, periodQuery, PERIOD, shopMonth, type ShopOrder } from '../support/period-orders.ts';
import { startFakeWooCommerce, wooOrder, type FakeWooCommerce, type FakeWooOrder } from '../support/fake-woocommerce.ts';

const credentials = { key: 'ck_0123456789abcdef0123', secret: 'cs_0123456789abcdef0123' };
const env = { WC_CONSUMER_KEY: credentials.key, WC_CONSUMER_SECRET: credentials.secret };
const month: ShopOrder[] = shopMonth();

/** The month as WooCommerce REST v3 lists it: billing and shipping addresses, line items, order attribution meta. */
function asWoo(o: ShopOrder, extra: Partial<FakeWooOrder> & Record<string, unknown> = {}): FakeWooOrder {
  const order = wooOrder({ id: Number(o.id), number: `WC-${o.id}`, total: o.total.toFixed(2), email: o.email, createdAt: o.createdAt, meta: { _wc_order_attribution_device_type: o.device[0]!.toUpperCase() + o.device.slice(1), _wc_order_attribution_source_type: 'organic' } });
  return Object.assign(order, {
    billing: { first_name: o.customerName.split(' ')[0]!, last_name: o.customerName.split(' ')[1]!, email: o.email, address_1: o.address, city: 'Paris', postcode: '75002' },
    shipping: { first_name: o.customerName.split(' ')[0]!, last_name: o.customerName.split(' ')[1]!, address_1: o.address, city: 'Paris', postcode: '75002' },
    line_items: Array.from({ length: o.lineItems }, (_, i) => ({ id: Number(o.id) * 10 + i, name: `Product ${i}`, sku: `SKU-${i}`, quantity: 1, price: 10 })),
    shipping_lines: [{ id: 1, method_title: o.shippingMethod, method_id: 'flat_rate' }],
    payment_method: o.paymentMethod,
    coupon_lines: o.coupons.map((code) => ({ id: 1, code })),
    created_via: o.channel === 'app' ? 'rest-api' : 'checkout',
    customer_note: '',
    ...extra,
  });
}

let woo: FakeWooCommerce;
beforeAll(async () => {
  const inPeriod = (day: number) => new Date(PERIOD.from.getTime() + day * 86_400_000).toISOString();
  woo = await startFakeWooCommerce(credentials, [
    ...month.map((o) => asWoo(o)),
    // Never paid: abandoned and declined orders of the period.
    asWoo({ ...month[5]!, id: '80001', createdAt: inPeriod(3), test: false }, { status: 'pending' }),
    asWoo({ ...month[6]!, id: '80002', createdAt: inPeriod(4), test: false }, { status: 'failed' }),
    // A test order stamped in a meta field, with a real-looking e-mail.
    Object.assign(asWoo({ ...month[7]!, id: '80003', createdAt: inPeriod(5), test: false }), { meta_data: [{ id: 1, key: '_tagwatch_stamp', value: '20261006-101500-ab12-0a0b0c' }] }),
  ]);
});
afterAll(() => woo?.close());

const settings = { url: '', perPage: 50, maxPages: 2, stampIn: 'meta', stampMetaKey: '_tagwatch_stamp' };
const source = createWooCommerceSource({ sleep: async () => undefined });

describe('woocommerce order source: the real orders of a period', () => {
  it('reads every page X-WP-TotalPages announces (past orders.maxPages), leaves out test and unpaid orders, copies no personal data', async () => {
    woo.requests.length = 0;
    const orders = await source.fetchPeriodOrders!(periodQuery(), { ...settings, url: woo.url }, { env, timeoutMs: 5000 });

    expectWholePeriod(orders, month, (o) => `WC-${o.id}`);
    expect(orders.some((o) => ['WC-80001', 'WC-80002', 'WC-80003'].includes(o.id))).toBe(false);
    expectNoPersonalData(orders);

    // Some 430 orders in the widened window at 50 a page: 9 pages, oldest first, GMT dates, no search.
    expect(woo.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const first = woo.requests[0]!.query;
    expect(Object.fromEntries(first)).toEqual({ after: '2026-09-30T23:59:59Z', before: '2026-10-31T00:00:01Z', dates_are_gmt: 'true', orderby: 'date', order: 'asc', per_page: '50', page: '1' });
    expect(woo.requests.every((r) => r.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('the comparison attributes: line items, shipping title, gateway, coupons, attribution device, created_via as channel', async () => {
    const orders = await source.fetchPeriodOrders!(periodQuery(), { ...settings, url: woo.url }, { env, timeoutMs: 5000 });
    const shop = month.find((o) => o.coupons.length > 0 && o.channel === 'web' && Date.parse(o.createdAt) >= PERIOD.from.getTime())!;
    expect(orders.find((o) => o.id === `WC-${shop.id}`)).toEqual({
      id: `WC-${shop.id}`,
      createdAt: shop.createdAt,
      total: shop.total,
      currency: 'EUR',
      lineItems: shop.lineItems,
      shippingMethod: shop.shippingMethod,
      paymentMethod: shop.paymentMethod,
      coupons: ['WELCOME10'],
      device: shop.device,
      channel: 'checkout',
    });
  });
});
