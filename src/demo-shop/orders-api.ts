import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { OrdersStore, StoredOrder } from './orders-store.ts';
import { sendJson } from './http-utils.ts';
import { DEFAULT_PAYMENT, DEFAULT_SHIPPING } from './checkout-choices.ts';
import { productBySku } from './products.ts';

/** One line item as the API shows it: the product's category included, what a lost order may have in common. */
export interface ApiOrderItem {
  sku: string;
  name: string;
  /** Absent only for a SKU the catalog does not know (orders written by hand). */
  category?: string;
  price: number;
  quantity: number;
}

/** What the API shows of an order: what a reconciliation needs, not the address or card. */
export interface ApiOrder {
  id: string;
  status: StoredOrder['status'];
  createdAt: string;
  cancelledAt?: string;
  email: string;
  name: string;
  items: ApiOrderItem[];
  subtotal: number;
  /** What coupons took off the items (0 without one). */
  discount: number;
  shipping: number;
  total: number;
  currency: string;
  /** 'standard' or 'express'. */
  shippingMethod: string;
  /** 'card', 'paypal' or 'invoice'. */
  paymentMethod: string;
  /** Coupon codes applied, [] for none. */
  coupons: string[];
}

export function toApiOrder(order: StoredOrder): ApiOrder {
  const { id, status, createdAt, cancelledAt, email, name, subtotal, shipping, total, currency } = order;
  // Orders stored before the checkout had choices read as what the checkout then did: standard, card, no coupon.
  const items = order.items.map((item): ApiOrderItem => {
    const category = item.category ?? productBySku(item.sku)?.category;
    return { sku: item.sku, name: item.name, ...(category !== undefined ? { category } : {}), price: item.price, quantity: item.quantity };
  });
  return {
    id,
    status,
    createdAt,
    ...(cancelledAt ? { cancelledAt } : {}),
    email,
    name,
    items,
    subtotal,
    discount: order.discount ?? 0,
    shipping,
    total,
    currency,
    shippingMethod: order.shippingMethod ?? DEFAULT_SHIPPING,
    paymentMethod: order.paymentMethod ?? DEFAULT_PAYMENT,
    coupons: order.coupons ?? [],
  };
}

// Date, or date-time with optional seconds, fraction and zone: what toISOString() and humans write.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export class QueryError extends Error {}

export function parseIsoParam(name: string, value: string | null): Date | undefined {
  if (value === null || value === '') return undefined;
  const time = ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new QueryError(`"${name}" must be an ISO 8601 date or date-time, e.g. 2025-01-31T23:59:59Z; got "${value}"`);
  }
  return new Date(time);
}

/**
 * GET /api/orders?from&to&q, GET /api/orders/<id>, DELETE /api/orders/<id> (cancels),
 * GET /health. Answers from the store at request time, in JSON, errors included. Unknown
 * query parameters are ignored, so generic REST adapters may add paging params harmlessly.
 */
export function handleOrdersApi(store: OrdersStore, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://orders.local');
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';

  if (path === '/health') {
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET');
    return sendJson(response, 200, { status: 'ok', orders: store.count() });
  }

  if (path === '/api/orders') {
    if (method !== 'GET') return methodNotAllowed(response, 'GET');
    try {
      const from = parseIsoParam('from', url.searchParams.get('from'));
      const to = parseIsoParam('to', url.searchParams.get('to'));
      if (from && to && from.getTime() > to.getTime()) throw new QueryError('"from" is after "to"');
      const q = url.searchParams.get('q') ?? undefined;
      const orders = store.list({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(q ? { q } : {}) });
      return sendJson(response, 200, { orders: orders.map(toApiOrder) });
    } catch (error) {
      if (error instanceof QueryError) return sendJson(response, 400, { error: 'bad-request', message: error.message });
      throw error;
    }
  }

  const match = /^\/api\/orders\/([^/]+)$/.exec(path);
  if (match) {
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return notFound(response, `no order ${match[1]}`);
    }
    if (method === 'GET') {
      const order = store.get(id);
      return order ? sendJson(response, 200, { order: toApiOrder(order) }) : notFound(response, `no order ${id}`);
    }
    if (method === 'DELETE') {
      const order = store.cancel(id);
      return order ? sendJson(response, 200, { order: toApiOrder(order) }) : notFound(response, `no order ${id}`);
    }
    return methodNotAllowed(response, 'GET, DELETE');
  }

  notFound(response, `no route ${method} ${url.pathname}`);
}

export function createOrdersApiServer(store: OrdersStore): Server {
  return createServer((request, response) => {
    try {
      handleOrdersApi(store, request, response);
    } catch (error) {
      // A broken orders file answers 500 with the reason rather than killing the shop.
      sendJson(response, 500, { error: 'internal', message: (error as Error).message });
    }
  });
}

function notFound(response: ServerResponse, message: string): void {
  sendJson(response, 404, { error: 'not-found', message });
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('Allow', allow);
  sendJson(response, 405, { error: 'method-not-allowed', message: `use ${allow}` });
}
