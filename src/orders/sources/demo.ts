import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource } from '../define-order-source.ts';
import { getJson } from '../http-json.ts';

/** The embedded demo shop's orders API (its own listener, like a real back office). */
export default defineOrderSource({
  id: 'demo',
  description: 'orders API of the embedded demo shop',
  async fetchOrders(query, settings, context) {
    const base = (typeof settings.url === 'string' ? settings.url : undefined) ?? context.demoOrdersUrl;
    if (!base) throw new BackendUnreachableError('demo order source has no URL: the demo shop is not running and orders.url is not set.');
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
});
