import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ORDERS_FILE, OrdersStore, startDemoShop } from '../../src/demo-shop/index.ts';
import type { StoredOrder } from '../../src/demo-shop/index.ts';
import { placeOrder } from './http-helpers.ts';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-store-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sampleOrder(id: string, overrides: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id,
    status: 'paid',
    createdAt: '2025-03-01T10:00:00.000Z',
    email: 'buyer@example.com',
    name: 'Ada Lovelace',
    shippingAddress: { address: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU' },
    items: [{ sku: 'SKU1', name: 'Organic cotton T-shirt', price: 24.9, quantity: 2 }],
    subtotal: 49.8,
    shipping: 4.9,
    total: 54.7,
    currency: 'EUR',
    cardLast4: '4242',
    ...overrides,
  };
}

describe('OrdersStore', () => {
  it('persists orders and the id sequence, and a new store on the same dir reloads both', () => {
    const dir = freshDir();
    const store = new OrdersStore(dir);
    expect(store.list()).toEqual([]);
    const first = store.reserveId();
    const second = store.reserveId();
    expect([first, second]).toEqual(['DS-100001', 'DS-100002']);
    store.add(sampleOrder(first));
    // second is reserved but never saved, like an order-not-saved confirmation.

    const reopened = new OrdersStore(dir);
    expect(reopened.get(first)?.total).toBe(54.7);
    expect(reopened.get(second)).toBeUndefined();
    expect(reopened.reserveId()).toBe('DS-100003');
    const file = JSON.parse(readFileSync(join(dir, ORDERS_FILE), 'utf8')) as { orders: StoredOrder[]; nextNumber: number };
    expect(file.orders.map((order) => order.id)).toEqual([first]);
    expect(file.nextNumber).toBe(100004);
  });

  it('reads the file at every call, so edits by another process show at once', () => {
    const dir = freshDir();
    const reader = new OrdersStore(dir);
    const writer = new OrdersStore(dir);
    writer.add(sampleOrder(writer.reserveId()));
    expect(reader.list().map((order) => order.id)).toEqual(['DS-100001']);
  });

  it('filters on createdAt (inclusive) and on an e-mail substring, case-insensitively', () => {
    const store = new OrdersStore(freshDir());
    store.add(sampleOrder('DS-100001', { createdAt: '2025-03-01T10:00:00.000Z', email: 'run-abc@example.com' }));
    store.add(sampleOrder('DS-100002', { createdAt: '2025-03-02T10:00:00.000Z', email: 'RUN-xyz@example.com' }));
    const ids = (query: Parameters<OrdersStore['list']>[0]) => store.list(query).map((order) => order.id);
    expect(ids({ from: new Date('2025-03-01T10:00:00.000Z') })).toEqual(['DS-100001', 'DS-100002']);
    expect(ids({ to: new Date('2025-03-01T10:00:00.000Z') })).toEqual(['DS-100001']);
    expect(ids({ from: new Date('2025-03-01T10:00:00.001Z') })).toEqual(['DS-100002']);
    expect(ids({ q: 'run-XYZ' })).toEqual(['DS-100002']);
    expect(ids({ q: 'run-', to: new Date('2025-03-01T23:59:59Z') })).toEqual(['DS-100001']);
  });

  it('cancels instead of deleting, idempotently', () => {
    const store = new OrdersStore(freshDir());
    store.add(sampleOrder('DS-100001'));
    const cancelled = store.cancel('DS-100001', new Date('2025-04-01T00:00:00Z'));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: '2025-04-01T00:00:00.000Z' });
    expect(store.cancel('DS-100001')?.cancelledAt).toBe('2025-04-01T00:00:00.000Z');
    expect(store.cancel('DS-999999')).toBeUndefined();
    expect(store.get('DS-100001')?.status).toBe('cancelled');
  });

  it('writes atomically: a crash before the rename leaves the previous file whole and no temp file', () => {
    const dir = freshDir();
    new OrdersStore(dir).add(sampleOrder('DS-100001'));
    const before = readFileSync(join(dir, ORDERS_FILE), 'utf8');
    let tempSeen = '';
    const crashing = new OrdersStore(dir, {
      beforeCommit: (tempPath) => {
        tempSeen = tempPath;
        // The new content is complete in the temp file before it replaces the old one.
        expect(JSON.parse(readFileSync(tempPath, 'utf8')).orders).toHaveLength(2);
        throw new Error('simulated crash');
      },
    });
    expect(() => crashing.add(sampleOrder('DS-100002'))).toThrow('simulated crash');
    expect(tempSeen.startsWith(join(dir, ORDERS_FILE))).toBe(true);
    expect(readFileSync(join(dir, ORDERS_FILE), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual([ORDERS_FILE]);
    expect(new OrdersStore(dir).list().map((order) => order.id)).toEqual(['DS-100001']);
  });

  it('refuses to start on a corrupt file and leaves it untouched', () => {
    const dir = freshDir();
    writeFileSync(join(dir, ORDERS_FILE), '{"orders": [ {"id": "DS-1000');
    expect(() => new OrdersStore(dir)).toThrow(/not valid JSON/);
    expect(readFileSync(join(dir, ORDERS_FILE), 'utf8')).toBe('{"orders": [ {"id": "DS-1000');
  });

  it('a shop restarted on the same dataDir keeps its orders and continues the ids', async () => {
    const dataDir = freshDir();
    const first = await startDemoShop({ dataDir });
    try {
      expect((await placeOrder(first)).orderId).toBe('DS-100001');
    } finally {
      await first.close();
    }
    const second = await startDemoShop({ dataDir });
    try {
      expect(second.dataDir).toBe(dataDir);
      const listed = (await (await fetch(`${second.ordersUrl}/api/orders`)).json()) as { orders: { id: string }[] };
      expect(listed.orders.map((order) => order.id)).toEqual(['DS-100001']);
      expect((await placeOrder(second)).orderId).toBe('DS-100002');
    } finally {
      await second.close();
    }
  });
});
