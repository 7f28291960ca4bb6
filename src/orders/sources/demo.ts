import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource } from '../define-order-source.ts';
import { getJson, requestJson } from '../http-json.ts';

/** The embedded demo shop's orders API (its own listener, like a real back office). */
function apiBase(settings: Record<string, unknown>, context: { demoOrdersUrl?: string }): string {
  const base = (typeof settings.url === 'string' ? settings.url : undefined) ?? context.demoOrdersUrl;
  if (!base) throw new BackendUnreachableError('demo order source has no URL: the demo shop is not running and orders.url is not set.');
  return base;
}

export default defineOrderSource({
  id: 'demo',
  description: 'orders API of the embedded demo shop',
  async fetchOrders(query, settings, context) {
    const base = apiBase(settings, context);
    const url = new URL('/api/orders', base);
    url.searchParams.set('from', query.from.toISOString());
    url.searchParams.set('to', query.to.toISOString());
    url.searchParams.set('q', query.runId);
    const body = (await getJson(url.toString(), {}, context.timeoutMs)) as { orders?: unknown };
    if (!Array.isArray(body.orders)) throw new BackendUnreachableError('demo orders API answered without an `orders` array.');
    return body.orders.map((raw): Order => {
      const order = raw as Record<string, unknown>;
      return {
        id: String(order.id),
        total: Number(order.total),
        currency: String(order.currency),
        createdAt: String(order.createdAt),
        email: typeof order.email === 'string' ? order.email : undefined,
        stamp: typeof order.email === 'string' ? order.email : undefined,
        status: typeof order.status === 'string' ? order.status : undefined,
      };
    });
  },
  /** DELETE /api/orders/<id> cancels the order, as a back office would. */
  async cleanupOrders(orders, settings, context) {
    const base = apiBase(settings, context);
    let cleaned = 0;
    for (const order of orders) {
      const answer = await requestJson(new URL(`/api/orders/${encodeURIComponent(order.id)}`, base).toString(), { method: 'DELETE', timeoutMs: context.timeoutMs });
      if (answer.status >= 300) throw new BackendUnreachableError(`demo orders API refused to cancel order ${order.id} (HTTP ${answer.status}).`);
      cleaned++;
    }
    return cleaned;
  },
});
