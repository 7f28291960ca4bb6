import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ShopifyOrderNode } from '../../src/orders/sources/shopify.ts';
import { startLocalServer } from '../support/local-server.ts';

/** An order as the GraphQL Admin API returns the fields tagwatch asks for, with its details. */
export interface FakeShopifyOrder extends ShopifyOrderNode {
  /** What `nodes(ids:) { ... on Order { ... } }` answers for it (line items, shipping line, gateways, codes); never in the listing. */
  details?: Record<string, unknown>;
}

export interface FakeShopifyRequest {
  path: string;
  token: string | undefined;
  query: string;
  variables: Record<string, unknown>;
}

export interface FakeShopifyUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

/** Builds an order; number 1001 becomes name '#1001', gid://shopify/Order/<legacy id>. */
export function shopifyOrder(number: number, createdAt: string, fields: Partial<FakeShopifyOrder> & { amount?: string } = {}): FakeShopifyOrder {
  const { amount = '10.00', ...rest } = fields;
  const legacyResourceId = String(5_000_000 + number);
  return {
    id: `gid://shopify/Order/${legacyResourceId}`,
    legacyResourceId,
    name: `#${number}`,
    createdAt,
    email: null,
    note: null,
    tags: [],
    cancelledAt: null,
    displayFinancialStatus: 'PAID',
    totalPriceSet: { shopMoney: { amount, currencyCode: 'EUR' } },
    ...rest,
  };
}

const API_PATH = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;

/**
 * A local stand-in for the Shopify GraphQL Admin API (a copy of tests/support/fake-shopify.ts that
 * also answers the `nodes(ids:)` details query of the run's test orders) (POST /admin/api/<version>/graphql.json),
 * answering the documented shapes: X-Shopify-Access-Token auth, the `orders` connection with
 * cursor pagination and `created_at` window search, `extensions.cost`, THROTTLED errors, HTTP 429
 * with Retry-After, the `orderCancel` mutation with `orderCancelUserErrors`, and `shop { name }`.
 */
export async function startFakeShopify(token: string) {
  const state = {
    orders: [] as FakeShopifyOrder[],
    requests: [] as FakeShopifyRequest[],
    /** The ids of each nodes(ids:) details query. */
    detailRequests: [] as string[][],
    /** orderCancel calls as received, variables verbatim. */
    cancels: [] as Record<string, unknown>[],
    /** Answer every request like this instead of serving it. */
    mode: 'ok' as 'ok' | 'server-error' | 'not-json',
    /** The next n requests get a THROTTLED GraphQL error. */
    throttleNext: 0,
    /** The next n requests get HTTP 429 with this Retry-After (seconds). */
    rateLimitNext: 0,
    retryAfterSeconds: 3,
    /** The next request gets this GraphQL error (e.g. ACCESS_DENIED). */
    graphqlErrorNext: undefined as { message: string; code: string } | undefined,
    /** orderCancel answers these user errors for these order GIDs. */
    cancelUserErrors: {} as Record<string, FakeShopifyUserError[]>,
    /** What `shop { name }` answers. */
    shopName: 'tagwatch test shop',
  };

  const cost = (requested: number, available = 1990) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 } },
  });
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  function ordersPage(variables: Record<string, unknown>) {
    const search = typeof variables.query === 'string' ? variables.query : '';
    const from = /created_at:>='([^']+)'/.exec(search)?.[1];
    const to = /created_at:<='([^']+)'/.exec(search)?.[1];
    const inWindow = state.orders
      .filter((o) => (!from || Date.parse(o.createdAt) >= Date.parse(from)) && (!to || Date.parse(o.createdAt) <= Date.parse(to)))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const first = Number(variables.first);
    const start = typeof variables.after === 'string' ? Number(Buffer.from(variables.after, 'base64url').toString()) : 0;
    // The listing asks no details: they are answered by nodes(ids:) only.
    const nodes = inWindow.slice(start, start + first).map(({ details: _details, ...listed }) => listed);
    const end = start + nodes.length;
    return {
      orders: {
        nodes,
        pageInfo: { hasNextPage: end < inWindow.length, endCursor: nodes.length ? Buffer.from(String(end)).toString('base64url') : null },
      },
    };
  }

  function cancel(variables: Record<string, unknown>) {
    state.cancels.push(variables);
    const orderId = String(variables.orderId);
    const errors = state.cancelUserErrors[orderId] ?? [];
    const order = state.orders.find((o) => o.id === orderId);
    if (!order) return { orderCancel: { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }] } };
    if (errors.length === 0) order.cancelledAt = new Date().toISOString();
    return { orderCancel: { job: errors.length ? null : { id: `gid://shopify/Job/${state.cancels.length}`, done: false }, orderCancelUserErrors: errors } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'POST' || !API_PATH.test(path)) return json(res, 404, { errors: 'Not Found' });
    const sentToken = req.headers['x-shopify-access-token'] as string | undefined;
    let body: { query?: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return json(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
    }
    state.requests.push({ path, token: sentToken, query: body.query ?? '', variables: body.variables ?? {} });
    if (state.mode === 'server-error') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>');
    if (state.mode === 'not-json') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Log in to your store</html>');
    if (sentToken !== token) return json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    if (!req.headers['content-type']?.startsWith('application/json')) return json(res, 400, { errors: 'Content-Type must be application/json' });
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      return json(res, 429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': String(state.retryAfterSeconds) });
    }
    if (state.throttleNext > 0) {
      state.throttleNext--;
      return json(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: 752, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 552, restoreRate: 100 } } },
      });
    }
    if (state.graphqlErrorNext) {
      const { message, code } = state.graphqlErrorNext;
      state.graphqlErrorNext = undefined;
      return json(res, 200, { errors: [{ message, extensions: { code } }], extensions: cost(1) });
    }
    const variables = body.variables ?? {};
    if (/\borderCancel\(/.test(body.query ?? '')) return json(res, 200, { data: cancel(variables), extensions: cost(10) });
    if (/\bnodes\(ids:/.test(body.query ?? '')) {
      state.detailRequests.push(variables.ids as string[]);
      const ids = variables.ids as string[];
      const nodes = ids.map((id) => {
        const order = state.orders.find((o) => o.id === id);
        return order ? { id, ...order.details } : null;
      });
      return json(res, 200, { data: { nodes }, extensions: cost(ids.length * 80) });
    }
    if (/\borders\(/.test(body.query ?? '')) return json(res, 200, { data: ordersPage(variables), extensions: cost(Number(variables.first) + 2) });
    if (/\bshop\s*\{\s*name\s*\}/.test(body.query ?? '')) return json(res, 200, { data: { shop: { name: state.shopName } }, extensions: cost(1) });
    return json(res, 200, { errors: [{ message: "Field 'unknown' doesn't exist on type 'QueryRoot'", extensions: { code: 'undefinedField' } }] });
  }

  const server = await startLocalServer((req, res) => void handle(req, res));
  return { ...server, state, endpoint: `${server.url}/admin/api/2026-07/graphql.json` };
}
