import { describe, expect, it } from 'vitest';
import { fetchRunOrders } from '../../src/audit/fetch-run-orders.ts';
import { BackendUnreachableError, defineOrderSource } from '../../src/orders/define-order-source.ts';
import type { Order } from '../../src/model/order.ts';

const order = (id: string): Order => ({ id, total: 1, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' });

/** A backend that consolidates late: the second order shows up on the third read. */
function lateBackend() {
  let reads = 0;
  return defineOrderSource({
    id: 'late',
    description: 'test backend',
    async fetchOrders() {
      reads++;
      return reads >= 3 ? [order('A'), order('B')] : [order('A')];
    },
  });
}

const base = { settings: {}, context: { env: {}, timeoutMs: 1000 }, runId: 'R', from: new Date(), pollMs: 20 };

describe('waiting for the backend', () => {
  it('polls until every confirmed order has landed', async () => {
    const result = await fetchRunOrders({ ...base, source: lateBackend(), expectedIds: ['A', 'B'], waitSeconds: 2 });
    expect(result.ok && result.orders.map((o) => o.id)).toEqual(['A', 'B']);
  });

  it('stops at the bound and returns what is there (the missing order becomes order-not-in-backend)', async () => {
    const started = Date.now();
    const result = await fetchRunOrders({ ...base, source: lateBackend(), expectedIds: ['A', 'C'], waitSeconds: 0.2 });
    // Bounded, not polling on until the test's limit: 0.2 s asked, 5 s of margin for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.ok && result.orders.map((o) => o.id)).toEqual(['A', 'B']);
  });

  it('an unreachable or throwing source is an answer, not an exception', async () => {
    const down = defineOrderSource({ id: 'down', description: '', fetchOrders: async () => { throw new BackendUnreachableError('refused'); } });
    expect(await fetchRunOrders({ ...base, source: down, expectedIds: ['A'], waitSeconds: 0 })).toEqual({ ok: false, error: 'refused' });
    const buggy = defineOrderSource({ id: 'buggy', description: '', fetchOrders: async () => { throw new TypeError('x is undefined'); } });
    expect(await fetchRunOrders({ ...base, source: buggy, expectedIds: [], waitSeconds: 0 })).toEqual({ ok: false, error: 'order source buggy failed: x is undefined' });
  });
});
