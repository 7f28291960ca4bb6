import type { OrdersResult } from '../reconcile/reconcile.ts';
import { BackendUnreachableError, type OrderSourceDefinition, type OrderSourceContext } from '../orders/define-order-source.ts';

export interface FetchRunOrdersOptions {
  source: OrderSourceDefinition;
  settings: Record<string, unknown>;
  context: OrderSourceContext;
  runId: string;
  from: Date;
  /** Order ids the journeys saw confirmed: we wait for them, bounded. */
  expectedIds: string[];
  waitSeconds: number;
  pollMs?: number;
  /** Told the window of each request, so the run can record what it asked for. */
  onRequest?: (window: { from: Date; to: Date }) => void;
}

/**
 * Backends consolidate late: polls until every confirmed order is there or the wait runs out.
 * An unreachable backend is an answer too (`ok: false`), never an exception and never "no orders".
 */
export async function fetchRunOrders(options: FetchRunOrdersOptions): Promise<OrdersResult> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  const pollMs = options.pollMs ?? 500;
  for (;;) {
    let result: OrdersResult;
    try {
      const to = new Date(Date.now() + 60_000);
      options.onRequest?.({ from: options.from, to });
      const orders = await options.source.fetchOrders({ from: options.from, to, runId: options.runId }, options.settings, options.context);
      result = { ok: true, orders };
      const found = new Set(orders.map((o) => o.id));
      if (options.expectedIds.every((id) => found.has(id))) return result;
    } catch (error) {
      if (!(error instanceof BackendUnreachableError)) {
        result = { ok: false, error: `order source ${options.source.id} failed: ${(error as Error).message}` };
      } else {
        result = { ok: false, error: error.message };
      }
    }
    if (Date.now() + pollMs > deadline) return result;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
