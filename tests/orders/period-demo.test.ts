import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import demo from '../../src/orders/sources/demo.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import { ORDERS_FILE, OrdersStore, type StoredOrder } from '../../src/demo-shop/orders-store.ts';
import { expectWholePeriod, periodQuery, PERIOD, shopMonth, type ShopOrder } from '../support/period-orders.ts';

// The real embedded demo shop (no browser) with a month of orders in its store: the customers'
// e-mails, names, addresses and card digits are on disk; the period read must leave them there.
let shop: DemoShop;
let dataDir: string;
const month: ShopOrder[] = shopMonth();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tagwatch-period-demo-'));
  const stored: StoredOrder[] = month.map((o) => {
    const items = Array.from({ length: o.lineItems }, (_, i) => ({ sku: `SKU${(i % 4) + 1}`, name: `Product ${i}`, price: 10, quantity: 1 }));
    return {
      id: `DS-${o.id}`,
      status: o.id.endsWith('7') ? 'cancelled' : 'paid',
      createdAt: o.createdAt,
      email: o.email,
      name: o.customerName,
      shippingAddress: { address: o.address, city: 'Paris', postalCode: '75002' },
      items,
      subtotal: o.total,
      shipping: 0,
      total: o.total,
      currency: o.currency,
      cardLast4: '4242',
      shippingMethod: o.shippingMethod,
      paymentMethod: o.paymentMethod,
      coupons: o.coupons,
    };
  });
  // One write of the store's file (adding 426 orders one by one fsyncs 426 times).
  writeFileSync(join(dataDir, ORDERS_FILE), JSON.stringify({ version: 1, nextNumber: 100_001, orders: stored }));
  expect(new OrdersStore(dataDir).count()).toBe(month.length);
  shop = await startDemoShop({ dataDir });
});
afterAll(async () => {
  await shop?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo order source: the real orders of a period', () => {
  it("reads the demo shop's month: every real order (cancelled ones too), test orders left out, no e-mail, name or address", async () => {
    const orders = await demo.fetchPeriodOrders!(periodQuery(), { url: shop.url }, { env: {}, timeoutMs: 5000 });

    expectWholePeriod(orders, month, (o) => `DS-${o.id}`);
    const source = month.find((o) => o.coupons.length > 0 && Date.parse(o.createdAt) >= PERIOD.from.getTime())!;
    expect(orders.find((o) => o.id === `DS-${source.id}`)).toEqual({
      id: `DS-${source.id}`,
      createdAt: source.createdAt,
      total: source.total,
      currency: 'EUR',
      lineItems: source.lineItems,
      shippingMethod: source.shippingMethod,
      paymentMethod: source.paymentMethod,
      coupons: ['WELCOME10'],
    });
  });
});
