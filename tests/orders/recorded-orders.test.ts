import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import demo from '../../src/orders/sources/demo.ts';
import { readRunInputs, writeRunInputs } from '../../src/record/run-inputs.ts';
import { startLocalServer } from '../support/local-server.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('orders as fetched, recorded in inputs.json', () => {
  it('keep their line items, shipping and payment method and coupons, so a report judges them again alike', async () => {
    const api = await startLocalServer((_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          orders: [
            {
              id: 'DS-1201',
              status: 'paid',
              createdAt: '2026-11-26T04:01:00.000Z',
              email: 'tagwatch+RUN5-a@example.com',
              items: [
                { sku: 'SKU1', name: 'Organic cotton tee', category: 'Apparel', price: 24, quantity: 2 },
                { sku: 'SKU3', name: 'Canvas tote', category: 'Bags', price: 18, quantity: 1 },
                { sku: 'SKU5', name: 'Notebook', category: 'Stationery', price: 9.5, quantity: 1 },
              ],
              total: 85.4,
              currency: 'EUR',
              shippingMethod: 'express',
              paymentMethod: 'card',
              coupons: [],
            },
          ],
        }),
      ),
    );
    try {
      const orders = await demo.fetchOrders(
        { from: new Date('2026-11-26T04:00:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN5' },
        { source: 'demo', url: api.url },
        { env: {}, timeoutMs: 2000 },
      );
      const runDir = mkdtempSync(join(tmpdir(), 'tagwatch-inputs-'));
      dirs.push(runDir);
      writeRunInputs(runDir, {
        orders: { source: 'demo', window: { from: '2026-11-26T04:00:00.000Z', to: '2026-11-26T04:10:00.000Z' }, fetchedAt: '2026-11-26T04:10:00.000Z', result: { ok: true, orders } },
        history: { available: false },
        diagnostics: [],
      });
      const recorded = readRunInputs(runDir)!.orders!.result;
      expect(recorded).toEqual({ ok: true, orders });
      expect(orders[0]!.lines).toHaveLength(3);
      expect(readFileSync(join(runDir, 'inputs.json'), 'utf8')).toContain('"shippingMethod": "express"');
    } finally {
      await api.close();
    }
  });
});
