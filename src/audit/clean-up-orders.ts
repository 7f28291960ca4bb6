import type { Order } from '../model/order.ts';
import type { OrderCleanup } from '../model/verdict.ts';
import type { OrderSourceContext, OrderSourceDefinition } from '../orders/define-order-source.ts';
import type { OrdersResult } from '../reconcile/reconcile.ts';

/**
 * Cancels or deletes the run's test orders when the monitor sets `orders.cleanup`, after the
 * verdict is reckoned (the orders are the evidence until then). Never throws: a cleanup that
 * fails is reported in the verdict, the measurement stands.
 */
export async function cleanUpTestOrders(
  source: OrderSourceDefinition,
  settings: Record<string, unknown>,
  orders: OrdersResult | undefined,
  context: OrderSourceContext,
): Promise<OrderCleanup | undefined> {
  if (!settings.cleanup || !orders?.ok) return undefined;
  // Only orders carrying the run stamp, whatever the source returned: a real customer's order is never touched.
  const testOrders: Order[] = orders.orders.filter((order) => order.stamp !== undefined && order.status !== 'cancelled');
  if (!source.cleanupOrders) {
    return { requested: testOrders.length, cleaned: 0, error: `order source ${source.id} cannot cancel or delete orders: remove orders.cleanup or clean them up in the back office` };
  }
  if (testOrders.length === 0) return { requested: 0, cleaned: 0 };
  try {
    const cleaned = await source.cleanupOrders(testOrders, settings, context);
    return { requested: testOrders.length, cleaned };
  } catch (error) {
    return { requested: testOrders.length, cleaned: 0, error: `cleanup of the test orders failed: ${(error as Error).message}` };
  }
}
