import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/** An order of the fake shop, as the GraphQL Admin API would resolve its fields. */
export interface PeriodShopifyOrder {
  number: number;
  createdAt: string;
  email: string | null;
  note?: string | null;
  tags?: string[];
  /** Shopify's own test order (bogus gateway, test mode). */
  test?: boolean;
  amount: string;
  currencyCode?: string;
  lineItemCount: number;
  shippingTitle?: string | null;
  gateways?: string[];
  discountCodes?: string[];
  sourceName?: string | null;
  channelName?: string | null;
  /** Held by the shop, never asked for by a period read. */
  customer?: { firstName: string; lastName: string };
  shippingAddress?: { address1: string; city: string; zip: string };
}

export interface PeriodShopifyRequest {
  token: string | undefined;
  query: string;
  variables: Record<string, unknown>;
}

const API_PATH = /^\/admin\/api\/(\d{4}-(01|04|07|10)|unstable)\/graphql\.json$/;
const gid = (number: number) => `gid://shopify/Order/${5_000_000 + number}`;

/** Shopify's calculated cost: 2 + first x (1 per object, connections 2 + first). Enough to refuse what Shopify refuses. */
function requestedCost(query: string, first: number): number {
  const lines = Number(/lineItems\(first:\s*(\d+)\)/.exec(query)?.[1] ?? 0);
  const objects = ['totalPriceSet', 'shopMoney', 'shippingLine', 'channelInformation', 'channelDefinition'].filter((field) => query.includes(field)).length;
  return 2 + first * (1 + objects + (lines ? 2 + lines : 0));
}

/**
 * The Shopify GraphQL Admin API for a period read (POST /admin/api/<version>/graphql.json):
 * X-Shopify-Access-Token checked, `orders(first, after, query, sortKey: CREATED_AT)` with the
 * `created_at:>=` / `:<` / `:<=` search and opaque cursors, `lineItems(first:)` connections with
 * pageInfo, `nodes(ids:)`, `extensions.cost`, the MAX_COST_EXCEEDED refusal of a query over 1000
 * points, and THROTTLED answers on demand. Requests are recorded.
 */
export async function startPeriodShopify(token: string, orders: PeriodShopifyOrder[]) {
  const state = { orders, requests: [] as PeriodShopifyRequest[], throttleNext: 0 };
  const json = (res: ServerResponse, status: number, body: unknown) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const cost = (requested: number) => ({ cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 - requested, restoreRate: 100 } } });

  const lineItems = (order: PeriodShopifyOrder, first: number) => {
    const nodes = Array.from({ length: Math.min(first, order.lineItemCount) }, (_, i) => ({ id: `gid://shopify/LineItem/${order.number * 1000 + i}` }));
    return { nodes, pageInfo: { hasNextPage: order.lineItemCount > first } };
  };

  function node(order: PeriodShopifyOrder, query: string) {
    const lines = Number(/lineItems\(first:\s*(\d+)\)/.exec(query)?.[1] ?? 0);
    return {
      id: gid(order.number),
      legacyResourceId: String(5_000_000 + order.number),
      name: `#${order.number}`,
      createdAt: order.createdAt,
      test: order.test ?? false,
      email: order.email,
      note: order.note ?? null,
      tags: order.tags ?? [],
      totalPriceSet: { shopMoney: { amount: order.amount, currencyCode: order.currencyCode ?? 'EUR' } },
      ...(lines ? { lineItems: lineItems(order, lines) } : {}),
      shippingLine: order.shippingTitle ? { title: order.shippingTitle, code: order.shippingTitle.toLowerCase() } : null,
      paymentGatewayNames: order.gateways ?? [],
      discountCodes: order.discountCodes ?? [],
      sourceName: order.sourceName ?? 'web',
      channelInformation: order.channelName ? { channelDefinition: { channelName: order.channelName } } : null,
    };
  }

  function ordersPage(query: string, variables: Record<string, unknown>) {
    const search = typeof variables.query === 'string' ? variables.query : '';
    const bound = (op: string) => new RegExp(`created_at:${op}'([^']+)'`).exec(search)?.[1];
    const [atLeast, below, atMost] = [bound('>='), bound('<(?!=)'), bound('<=')].map((value) => (value ? Date.parse(value) : undefined));
    const matching = state.orders
      .filter((o) => {
        const at = Date.parse(o.createdAt);
        return (atLeast === undefined || at >= atLeast) && (below === undefined || at < below) && (atMost === undefined || at <= atMost);
      })
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number);
    const first = Number(variables.first);
    const start = typeof variables.after === 'string' ? Number(Buffer.from(variables.after, 'base64url').toString().replace('cursor:', '')) : 0;
    const page = matching.slice(start, start + first);
    const end = start + page.length;
    return {
      orders: {
        nodes: page.map((o) => node(o, query)),
        pageInfo: { hasNextPage: end < matching.length, endCursor: page.length ? Buffer.from(`cursor:${end}`).toString('base64url') : null },
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'POST' || !API_PATH.test(path)) return json(res, 404, { errors: 'Not Found' });
    const sent = req.headers['x-shopify-access-token'] as string | undefined;
    const body = JSON.parse(raw) as { query?: string; variables?: Record<string, unknown> };
    const query = body.query ?? '';
    const variables = body.variables ?? {};
    state.requests.push({ token: sent, query, variables });
    if (sent !== token) return json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    if (state.throttleNext > 0) {
      state.throttleNext--;
      return json(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: 902, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 402, restoreRate: 100 } } },
      });
    }
    if (/\bnodes\(ids:/.test(query)) {
      const ids = variables.ids as string[];
      const lines = Number(/lineItems\(first:\s*(\d+)\)/.exec(query)?.[1] ?? 0);
      const requested = 2 + ids.length * (2 + lines);
      if (requested > 1000) return json(res, 200, { errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (1000).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: 1000 } }] });
      const nodes = ids.map((id) => {
        const order = state.orders.find((o) => gid(o.number) === id);
        return order ? { id, lineItems: lineItems(order, lines) } : null;
      });
      return json(res, 200, { data: { nodes }, extensions: cost(requested) });
    }
    if (/\borders\(/.test(query)) {
      const first = Number(variables.first);
      if (!Number.isInteger(first) || first < 1 || first > 250) return json(res, 200, { errors: [{ message: 'The first argument must be between 1 and 250', extensions: { code: 'BAD_REQUEST' } }] });
      const requested = requestedCost(query, first);
      if (requested > 1000) return json(res, 200, { errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (1000).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: 1000 } }] });
      return json(res, 200, { data: ordersPage(query, variables), extensions: cost(requested) });
    }
    return json(res, 200, { errors: [{ message: "Field 'unknown' doesn't exist on type 'QueryRoot'", extensions: { code: 'undefinedField' } }] });
  }

  const server = await startLocalServer((req, res) => void handle(req, res).catch((error: Error) => res.writeHead(500).end(error.message)));
  return { url: server.url, endpoint: `${server.url}/admin/api/2026-07/graphql.json`, requests: state.requests, state, close: server.close };
}
