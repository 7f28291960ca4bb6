import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop } from '../../src/demo-shop/index.ts';
import type { ApiOrder, DemoShop } from '../../src/demo-shop/index.ts';
import { closeShop, placeOrder } from './http-helpers.ts';

let shop: DemoShop;
let ids: string[] = [];
let between: string;

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${shop.ordersUrl}${path}`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function orderIds(body: Record<string, unknown>): string[] {
  return (body.orders as ApiOrder[]).map((order) => order.id);
}

beforeAll(async () => {
  shop = await startDemoShop();
  const first = await placeOrder(shop, { checkout: { email: 'run-a1@example.com' } });
  await new Promise((resolve) => setTimeout(resolve, 20));
  between = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const second = await placeOrder(shop, { sku: 'SKU3', quantity: 1, checkout: { email: 'Run-B2@Example.com' } });
  ids = [first.orderId!, second.orderId!];
});

afterAll(async () => {
  await closeShop(shop);
});

describe('orders API', () => {
  it('listens on its own port, beside the shop', () => {
    expect(new URL(shop.ordersUrl).port).not.toBe(new URL(shop.url).port);
    expect(new URL(shop.ordersUrl).hostname).toBe('127.0.0.1');
  });

  it('lists orders with the fields reconciliation needs', async () => {
    const { status, body } = await get('/api/orders');
    expect(status).toBe(200);
    expect(orderIds(body)).toEqual(ids);
    const [order] = body.orders as ApiOrder[];
    expect(order).toMatchObject({ id: 'DS-100001', total: 54.7, subtotal: 49.8, shipping: 4.9, currency: 'EUR', status: 'paid', email: 'run-a1@example.com' });
    expect(order!.items).toEqual([{ sku: 'SKU1', name: 'Organic cotton T-shirt', category: 'Apparel', price: 24.9, quantity: 2 }]);
    // The checkout's choices, what a differential diagnosis compares lost and tracked orders on.
    expect(order).toMatchObject({ shippingMethod: 'standard', paymentMethod: 'card', coupons: [], discount: 0 });
    expect(Number.isNaN(Date.parse(order!.createdAt))).toBe(false);
    expect(order).not.toHaveProperty('cardLast4');
    expect(order).not.toHaveProperty('shippingAddress');
  });

  it('filters by from/to (inclusive) and e-mail substring', async () => {
    expect(orderIds((await get(`/api/orders?from=${between}`)).body)).toEqual([ids[1]]);
    expect(orderIds((await get(`/api/orders?to=${between}`)).body)).toEqual([ids[0]]);
    const { body: all } = await get('/api/orders');
    const created = (all.orders as ApiOrder[])[0]!.createdAt;
    expect(orderIds((await get(`/api/orders?from=${created}&to=${created}`)).body)).toEqual([ids[0]]);
    expect(orderIds((await get('/api/orders?q=run-b2')).body)).toEqual([ids[1]]);
    expect(orderIds((await get('/api/orders?q=%40example.com&from=2000-01-01')).body)).toEqual(ids);
    expect(orderIds((await get('/api/orders?q=nobody')).body)).toEqual([]);
  });

  it('answers 400 with a message on bad dates', async () => {
    for (const query of ['from=yesterday', 'to=2025-13-45', 'from=1700000000', `from=${encodeURIComponent('2025-03-01 10:00')}`]) {
      const { status, body } = await get(`/api/orders?${query}`);
      expect(status, query).toBe(400);
      expect(body.message, query).toMatch(/ISO 8601/);
    }
    const reversed = await get('/api/orders?from=2025-03-02&to=2025-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toMatch(/after/);
  });

  it('gets one order, 404 JSON when absent', async () => {
    const found = await get(`/api/orders/${ids[1]}`);
    expect(found.status).toBe(200);
    expect((found.body.order as ApiOrder).total).toBe(63.9);
    const missing = await get('/api/orders/DS-999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not-found' });
  });

  it('DELETE cancels the order (kept, status cancelled); 404 when absent', async () => {
    const response = await fetch(`${shop.ordersUrl}/api/orders/${ids[0]}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { order: ApiOrder }).order.status).toBe('cancelled');
    const again = await get(`/api/orders/${ids[0]}`);
    expect(again.body.order).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect((await fetch(`${shop.ordersUrl}/api/orders/DS-999999`, { method: 'DELETE' })).status).toBe(404);
  });

  it('has /health, and JSON errors for other routes and methods', async () => {
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok', orders: 2 } });
    expect((await get('/nope')).status).toBe(404);
    const post = await fetch(`${shop.ordersUrl}/api/orders`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('orders-api-down', () => {
  it('closes the orders listener when the first order is placed; the shop keeps selling', async () => {
    const downShop = await startDemoShop({ faults: ['orders-api-down'] });
    try {
      const health = await fetch(`${downShop.ordersUrl}/health`);
      expect(health.status).toBe(200);
      const { orderId } = await placeOrder(downShop);
      expect(orderId).toBe('DS-100001');
      const error = await fetch(`${downShop.ordersUrl}/api/orders`).then(
        () => undefined,
        (caught: Error & { cause?: { code?: string } }) => caught,
      );
      expect(error?.cause?.code).toBe('ECONNREFUSED');
      expect((await fetch(`${downShop.url}/`)).status).toBe(200);
      expect((await placeOrder(downShop)).orderId).toBe('DS-100002');
    } finally {
      await closeShop(downShop);
    }
  });

  it('stopOrdersApi stops only the orders API, and close() is idempotent', async () => {
    const other = await startDemoShop();
    await other.stopOrdersApi();
    await other.stopOrdersApi();
    await expect(fetch(`${other.ordersUrl}/health`)).rejects.toThrow();
    expect((await fetch(`${other.url}/`)).status).toBe(200);
    await Promise.all([other.close(), closeShop(other)]);
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
