import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/** An order as WooCommerce REST v3 returns it (the fields tagwatch reads, plus a few for realism). */
export interface FakeWooOrder {
  id: number;
  number: string;
  status: string;
  currency: string;
  total: string;
  /** Site time (the fake site runs at UTC+2), no zone, like WooCommerce. */
  date_created: string;
  /** UTC, no zone, like WooCommerce. */
  date_created_gmt: string;
  billing: { first_name: string; last_name: string; email: string };
  meta_data: { id: number; key: string; value: unknown }[];
}

export interface FakeWooRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: unknown;
}

/** A canned answer, served before normal behaviour: 429, 500, an HTML error page. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface FakeWooCommerce {
  /** Site base URL (what a monitor puts in orders.url). */
  url: string;
  orders: FakeWooOrder[];
  requests: FakeWooRequest[];
  script: ScriptedAnswer[];
  /** false: the plugin is deactivated, WordPress answers rest_no_route. */
  wooActive: boolean;
  /** false: list answers lack X-WP-TotalPages (a proxy stripping headers). */
  sendTotalPages: boolean;
  close(): Promise<void>;
}

const SITE_OFFSET_MS = 2 * 3600_000;
const noZone = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '');

/** Builds an order created at `createdAt` (UTC). */
export function wooOrder(fields: { id: number; number?: string; total: string; email: string; createdAt: string; status?: string; meta?: Record<string, unknown> }): FakeWooOrder {
  const created = new Date(fields.createdAt);
  return {
    id: fields.id,
    number: fields.number ?? String(fields.id),
    status: fields.status ?? 'processing',
    currency: 'EUR',
    total: fields.total,
    date_created: noZone(new Date(created.getTime() + SITE_OFFSET_MS)),
    date_created_gmt: noZone(created),
    billing: { first_name: 'Test', last_name: 'Buyer', email: fields.email },
    meta_data: Object.entries(fields.meta ?? {}).map(([key, value], index) => ({ id: 9000 + index, key, value })),
  };
}

function wpError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify({ code, message, data: { status } }));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * A WordPress + WooCommerce site speaking the documented REST v3 shapes for orders: Basic auth
 * with a consumer key and secret, after/before (site time unless dates_are_gmt), search,
 * page/per_page with X-WP-Total(Pages), PUT and DELETE of one order, WordPress error bodies.
 */
export async function startFakeWooCommerce(credentials: { key: string; secret: string }, orders: FakeWooOrder[] = []): Promise<FakeWooCommerce> {
  const fake = { orders, requests: [] as FakeWooRequest[], script: [] as ScriptedAnswer[], wooActive: true, sendTotalPages: true };
  const server = await startLocalServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readBody(req);
      fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body });
      const scripted = fake.script.shift();
      if (scripted) return void res.writeHead(scripted.status, scripted.headers).end(scripted.body);
      if (!url.pathname.startsWith('/wp-json/')) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page not found</body></html>');
      const route = /^\/wp-json\/wc\/v3\/orders(?:\/(\d+))?$/.exec(url.pathname);
      if (!fake.wooActive || !route) return wpError(res, 404, 'rest_no_route', 'No route was found matching the URL and request method.');

      const auth = req.headers.authorization ?? '';
      const [key, secret] = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':') : [];
      if (!key) return wpError(res, 401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
      if (key !== credentials.key) return wpError(res, 401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
      if (secret !== credentials.secret) return wpError(res, 401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.');

      const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(JSON.stringify(value));

      if (route[1] !== undefined) {
        const order = fake.orders.find((candidate) => candidate.id === Number(route[1]));
        if (!order) return wpError(res, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
        if (req.method === 'PUT') {
          const status = (body as { status?: unknown } | undefined)?.status;
          if (typeof status === 'string') order.status = status;
          return json(200, order);
        }
        if (req.method === 'DELETE') {
          if (url.searchParams.get('force') === 'true') fake.orders = fake.orders.filter((candidate) => candidate !== order);
          else order.status = 'trash';
          return json(200, order);
        }
        return json(200, order);
      }

      if (req.method !== 'GET') return wpError(res, 404, 'rest_no_route', 'No route was found matching the URL and request method.');
      const perPage = Number(url.searchParams.get('per_page') ?? 10);
      const page = Number(url.searchParams.get('page') ?? 1);
      if (perPage > 100) return wpError(res, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
      // WordPress reads after/before as site time unless dates_are_gmt: compare wall clocks like it does.
      const gmt = url.searchParams.get('dates_are_gmt') === 'true';
      const wallClock = (value: string) => value.replace(/(\.\d+)?(Z|[+-]\d\d:?\d\d)$/, '');
      const column = (order: FakeWooOrder) => (gmt ? order.date_created_gmt : order.date_created);
      const after = url.searchParams.get('after');
      const before = url.searchParams.get('before');
      const search = url.searchParams.get('search')?.toLowerCase();
      const matching = fake.orders
        .filter((order) => order.status !== 'trash')
        .filter((order) => !after || column(order) > wallClock(after))
        .filter((order) => !before || column(order) < wallClock(before))
        .filter((order) => !search || [order.billing.email, order.billing.first_name, order.billing.last_name, order.number].some((field) => field.toLowerCase().includes(search)))
        .sort((a, b) => a.date_created_gmt.localeCompare(b.date_created_gmt) || a.id - b.id);
      if (url.searchParams.get('order') !== 'asc') matching.reverse();
      const totalPages = Math.ceil(matching.length / perPage);
      const headers: Record<string, string> = { 'x-wp-total': String(matching.length) };
      if (fake.sendTotalPages) headers['x-wp-totalpages'] = String(totalPages);
      return json(200, matching.slice((page - 1) * perPage, page * perPage), headers);
    })().catch((error: Error) => res.writeHead(500).end(error.message));
  });
  return Object.assign(fake, { url: server.url, close: server.close });
}
