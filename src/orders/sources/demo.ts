import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext } from '../define-order-source.ts';
import { getJson, requestJson } from '../http-json.ts';
import { codesOf, inPeriod, isTestOrderIn, knownAttributes, linesOf, realOrder, textOf } from '../order-attributes.ts';
import type { RealOrder } from '../../compare/model.ts';
import { cleanupSwitch, orderSettingsSchema, parseSettings, settingsProblems } from '../source-settings.ts';

const settingsSchema = orderSettingsSchema({
  /**
   * The demo shop's base URL, e.g. http://127.0.0.1:4173: its orders API is <url>/api/orders.
   * The API's own listener (`tagwatch demo-shop --orders-port`) serves the same API.
   */
  url: z.url({
    protocol: /^https?$/,
    error: "the demo shop's base URL, e.g. http://127.0.0.1:4173 (its orders API is <url>/api/orders)",
  }),
  /** true: cancel the run's test orders (DELETE /api/orders/<id>) once the verdict is reckoned. */
  cleanup: cleanupSwitch('demo', "cancel the run's test orders through DELETE /api/orders/<id>"),
});
type Settings = z.infer<typeof settingsSchema>;

/** GET <url>/api/orders for a window: the orders the demo shop stored in it, matching `q` when given. */
async function listOrders(settings: Settings, window: { from: Date; to: Date; q?: string }, context: OrderSourceContext): Promise<Order[]> {
  return (await listApiOrders(settings, window, context)).map(toOrder);
}

/** The orders API's answer for a window, as order objects. */
async function listApiOrders(settings: Settings, window: { from: Date; to: Date; q?: string }, context: OrderSourceContext): Promise<Record<string, unknown>[]> {
  const url = new URL('/api/orders', settings.url);
  url.searchParams.set('from', window.from.toISOString());
  url.searchParams.set('to', window.to.toISOString());
  if (window.q !== undefined) url.searchParams.set('q', window.q);
  const body = (await getJson(url.toString(), {}, context.timeoutMs)) as { orders?: unknown } | null;
  if (!Array.isArray(body?.orders)) throw new BackendUnreachableError(`demo orders API ${url.origin} answered without an \`orders\` array: check that orders.url is the demo shop's base URL.`);
  return body.orders as Record<string, unknown>[];
}

function toOrder(order: Record<string, unknown>): Order {
  return {
    id: String(order.id),
    total: Number(order.total),
    currency: String(order.currency),
    createdAt: String(order.createdAt),
    email: typeof order.email === 'string' ? order.email : undefined,
    stamp: typeof order.email === 'string' ? order.email : undefined,
    status: typeof order.status === 'string' ? order.status : undefined,
    // Older demo shops list items without categories and no methods or coupons: those stay unset.
    ...knownAttributes({
      lines: linesOf(order.items, (item) => ({ sku: item.sku, name: item.name, category: item.category, quantity: item.quantity, unitPrice: item.price })),
      shippingMethod: textOf(order.shippingMethod),
      paymentMethod: textOf(order.paymentMethod),
      coupons: codesOf(order.coupons),
    }),
  };
}

/** A real order of the demo shop: its e-mail and name stay behind; it records no device or channel. */
function toRealOrder(order: Record<string, unknown>): RealOrder {
  return realOrder({
    id: String(order.id),
    createdAt: String(order.createdAt),
    total: Number(order.total),
    currency: String(order.currency),
    lineItems: Array.isArray(order.items) ? order.items.length : undefined,
    shippingMethod: order.shippingMethod,
    paymentMethod: order.paymentMethod,
    coupons: codesOf(order.coupons),
  });
}

/** The embedded demo shop's orders API: what `tagwatch audit` reads when it audits the demo shop. */
export default defineOrderSource({
  id: 'demo',
  description: "the embedded demo shop's orders API (GET <url>/api/orders, DELETE <url>/api/orders/<id>)",
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings, 'demo');
  },
  /** One GET for an empty window (from = to = now): the orders API answers with an orders list. */
  async checkConnection(rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'demo');
    const now = new Date();
    await listOrders(settings, { from: now, to: now }, context);
  },
  async fetchOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'demo');
    return listOrders(settings, { from: query.from, to: query.to, q: query.runId }, context);
  },
  /**
   * Every order the demo shop stored in the period (its API includes the end: left out here),
   * the test orders (stamped e-mail) left out. Cancelled orders stay: they were placed.
   */
  async fetchPeriodOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'demo');
    const orders = await listApiOrders(settings, { from: query.from, to: query.to }, context);
    return orders
      .filter((order) => !isTestOrderIn([order.email], query.isTestOrder))
      .map(toRealOrder)
      .filter((order) => inPeriod(order.createdAt, query));
  },
  /** DELETE /api/orders/<id> cancels the order, as a back office would. */
  async cleanupOrders(orders, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'demo');
    let cleaned = 0;
    for (const order of orders) {
      const answer = await requestJson(new URL(`/api/orders/${encodeURIComponent(order.id)}`, settings.url).toString(), { method: 'DELETE', timeoutMs: context.timeoutMs });
      if (answer.status >= 300) throw new BackendUnreachableError(`demo orders API refused to cancel order ${order.id} (HTTP ${answer.status}).`);
      cleaned++;
    }
    return cleaned;
  },
});
