import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import demo from '../../src/orders/sources/demo.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import { OrdersStore, type StoredOrder } from '../../src/demo-shop/orders-store.ts';
import { startLocalServer } from '../support/local-server.ts';

// The real embedded demo shop (no browser): its orders API is what the demo source reads.
let shop: DemoShop;
let dataDir: string;

function storedOrder(id: string, email: string, createdAt: string, total = 64.8): StoredOrder {
  return {
    id,
    status: 'paid',
    createdAt,
    email,
    name: 'Test Buyer',
    shippingAddress: { address: '1 rue de la Paix', city: 'Paris', postalCode: '75002' },
    items: [{ sku: 'mug', name: 'Mug', price: total, quantity: 1 }],
    subtotal: total,
    shipping: 0,
    total,
    currency: 'EUR',
    cardLast4: '4242',
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tagwatch-demo-source-'));
  shop = await startDemoShop({ dataDir });
  // The shop reads its orders file at each request: orders written here are what the API answers.
  const store = new OrdersStore(dataDir);
  store.add(storedOrder('DS-9001', 'tagwatch+RUN5-a@example.com', '2026-11-26T04:01:00.000Z'));
  store.add(storedOrder('DS-9002', 'real.customer@example.com', '2026-11-26T04:02:00.000Z', 10));
  store.add(storedOrder('DS-9003', 'tagwatch+RUN5-b@example.com', '2026-11-26T04:03:00.000Z', 12.5));
  store.add(storedOrder('DS-9004', 'tagwatch+RUN5-late@example.com', '2026-11-26T05:00:00.000Z'));
  // An order with the checkout's choices: two catalog products, express, PayPal, a coupon.
  store.add({
    ...storedOrder('DS-9005', 'tagwatch+RUN6-a@example.com', '2026-11-26T04:05:00.000Z', 89.46),
    items: [
      { sku: 'SKU1', name: 'Organic cotton T-shirt', price: 24.9, quantity: 2 },
      { sku: 'SKU2', name: 'Merino wool beanie', price: 39, quantity: 1 },
    ],
    subtotal: 88.8,
    discount: 8.88,
    shipping: 9.9,
    shippingMethod: 'express',
    paymentMethod: 'paypal',
    coupons: ['WELCOME10'],
  });
});
afterAll(async () => {
  await shop?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const query = { from: new Date('2026-11-26T04:00:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN5' };
const context = { env: {}, timeoutMs: 2000 };
const settings = (extra: Record<string, unknown> = {}) => ({ source: 'demo', waitSeconds: 3, cleanup: false, url: shop.ordersUrl, ...extra });

describe('demo order source (the embedded demo shop\'s orders API)', () => {
  it('reads the run\'s orders of the window from <url>/api/orders', async () => {
    const orders = await demo.fetchOrders(query, settings(), context);
    expect(orders).toMatchObject([
      { id: 'DS-9001', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:01:00.000Z', email: 'tagwatch+RUN5-a@example.com', stamp: 'tagwatch+RUN5-a@example.com', status: 'paid' },
      { id: 'DS-9003', total: 12.5, currency: 'EUR', createdAt: '2026-11-26T04:03:00.000Z', email: 'tagwatch+RUN5-b@example.com', stamp: 'tagwatch+RUN5-b@example.com', status: 'paid' },
    ]);
    // The line items as the shop lists them: what a lost order may have in common with others.
    expect(orders[0]!.lines).toEqual([{ sku: 'mug', name: 'Mug', quantity: 1, unitPrice: 64.8 }]);
  });

  it('reads the demo shop\'s line items with their catalog category, and the checkout choices', async () => {
    const [order] = await demo.fetchOrders({ ...query, runId: 'RUN6' }, settings(), context);
    expect(order).toMatchObject({
      id: 'DS-9005',
      lines: [
        { sku: 'SKU1', name: 'Organic cotton T-shirt', category: 'Apparel', quantity: 2, unitPrice: 24.9 },
        { sku: 'SKU2', name: 'Merino wool beanie', category: 'Accessories', quantity: 1, unitPrice: 39 },
      ],
      shippingMethod: 'express',
      paymentMethod: 'paypal',
      coupons: ['WELCOME10'],
    });
  });

  it('reads categories, shipping and payment method and coupons when the API gives them, and leaves them unset when it does not', async () => {
    const answered = {
      orders: [
        {
          id: 'DS-1201',
          status: 'paid',
          createdAt: '2026-11-26T04:01:00.000Z',
          email: 'tagwatch+RUN5-a@example.com',
          name: 'Test Buyer',
          items: [
            { sku: 'SKU1', name: 'Organic cotton tee', category: 'Apparel', price: 24, quantity: 2 },
            { sku: 'SKU3', name: 'Canvas tote', category: 'Bags', price: 18, quantity: 1 },
          ],
          subtotal: 66,
          discount: 6.6,
          shipping: 9.9,
          total: 69.3,
          currency: 'EUR',
          shippingMethod: 'express',
          paymentMethod: 'paypal',
          coupons: ['WELCOME10'],
        },
        // An older shop: items without categories, no methods, no coupons.
        { id: 'DS-1202', status: 'paid', createdAt: '2026-11-26T04:02:00.000Z', email: 'tagwatch+RUN5-b@example.com', items: [{ sku: 'SKU2', name: 'Cap', price: 15, quantity: 1 }], total: 19.9, currency: 'EUR' },
      ],
    };
    const api = await startLocalServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answered)));
    try {
      const [full, old] = await demo.fetchOrders(query, settings({ url: api.url }), context);
      expect(full).toMatchObject({
        id: 'DS-1201',
        lines: [
          { sku: 'SKU1', name: 'Organic cotton tee', category: 'Apparel', quantity: 2, unitPrice: 24 },
          { sku: 'SKU3', name: 'Canvas tote', category: 'Bags', quantity: 1, unitPrice: 18 },
        ],
        shippingMethod: 'express',
        paymentMethod: 'paypal',
        coupons: ['WELCOME10'],
      });
      expect(old!.lines).toEqual([{ sku: 'SKU2', name: 'Cap', quantity: 1, unitPrice: 15 }]);
      expect(old).not.toHaveProperty('shippingMethod');
      expect(old).not.toHaveProperty('paymentMethod');
      expect(old).not.toHaveProperty('coupons');
    } finally {
      await api.close();
    }
  });

  it('cleanup cancels the orders through DELETE /api/orders/<id>', async () => {
    const [first] = await demo.fetchOrders(query, settings(), context);
    expect(await demo.cleanupOrders!([first!], settings({ cleanup: true }), context)).toBe(1);
    const after = await demo.fetchOrders(query, settings(), context);
    expect(after.find((order) => order.id === first!.id)?.status).toBe('cancelled');
  });

  it('its description says it is the embedded demo shop\'s API', () => {
    expect(demo.description).toMatch(/embedded demo shop's orders API/);
  });
});

describe('demo order source: settings', () => {
  it('requires url, an http(s) URL of the demo shop', () => {
    expect(demo.validateSettings!(settings())).toEqual([]);
    expect(demo.validateSettings!({ source: 'demo', waitSeconds: 3, cleanup: false })).toEqual([
      "orders.url: the demo shop's base URL, e.g. http://127.0.0.1:4173 (its orders API is <url>/api/orders)",
    ]);
    expect(demo.validateSettings!(settings({ url: 'ftp://127.0.0.1:4173' }))).toEqual([expect.stringMatching(/^orders\.url: the demo shop's base URL/)]);
  });

  it('an unknown field is named with its path and the fields that exist', () => {
    expect(demo.validateSettings!(settings({ ordersUrl: shop.ordersUrl }))).toEqual([
      "orders.ordersUrl: unknown field for order source 'demo' (its fields: url, cleanup, source, waitSeconds): remove it, or use one of these",
    ]);
  });

  it('cleanup is true or false', () => {
    expect(demo.validateSettings!(settings({ cleanup: true }))).toEqual([]);
    expect(demo.validateSettings!(settings({ cleanup: 'delete' }))).toEqual([expect.stringMatching(/^orders\.cleanup: true \(cancel the run's test orders through DELETE \/api\/orders\/<id>\) or false/)]);
  });

  it('needs no credentials', () => {
    expect(demo.credentialProblems).toBeUndefined();
  });
});

describe('demo order source: before the journeys', () => {
  it('checkConnection passes when the orders API answers', async () => {
    await expect(demo.checkConnection!(settings(), context)).resolves.toBeUndefined();
  });

  it('checkConnection fails clearly when url is not the orders API or nothing listens there', async () => {
    const other = await startLocalServer((_req, res) => void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    await expect(demo.checkConnection!(settings({ url: other.url }), context)).rejects.toThrow(/\/api\/orders answered HTTP 404\./);
    await other.close();
    const error = await demo.checkConnection!(settings({ url: other.url }), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toMatch(/unreachable \(ECONNREFUSED\)\. Check that it is running and the URL is right\./);
  });
});
