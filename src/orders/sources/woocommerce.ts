import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext, type OrderSourceDefinition } from '../define-order-source.ts';
import { envProblem, envVariableName, orderSettingsSchema, parseSettings, settingsProblems, validSettings } from '../source-settings.ts';
import { redact, requestJson, type JsonAnswer } from '../http-json.ts';
import { codesOf, inPeriod, isTestOrderIn, knownAttributes, linesOf, realOrder, textOf, type OrderAttributes } from '../order-attributes.ts';
import type { PeriodQuery, RealOrder } from '../../compare/model.ts';

/** How often a 429 is retried, and the longest Retry-After honoured: an audit must not hang on a throttled shop. */
const RATE_LIMIT_RETRIES = 2;
const MAX_RETRY_WAIT_MS = 30_000;
/** When a 429 says no Retry-After. */
const DEFAULT_RETRY_WAIT_MS = 1_000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** WooCommerce reads Basic auth only when the request came over HTTPS; plain http would also expose the secret. */
function httpsOrLoopback(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || LOOPBACK_HOSTS.has(parsed.hostname);
  } catch {
    return true; // z.url() already reports it
  }
}

const settingsSchema = orderSettingsSchema({
  /** Site base URL, e.g. https://shop.example; the orders API is <url>/wp-json/wc/v3/orders. */
  url: z
    .url({ protocol: /^https?$/ })
    .refine(httpsOrLoopback, 'an https:// URL, since WooCommerce accepts key and secret only over HTTPS (http is allowed for localhost only)'),
  /** Names of the env variables holding the REST API consumer key and secret (never the values). */
  keyEnv: envVariableName('the consumer key').default('WC_CONSUMER_KEY'),
  secretEnv: envVariableName('the consumer secret').default('WC_CONSUMER_SECRET'),
  /** Where test orders carry the run id: the billing e-mail alias the journeys type, or an order meta field. */
  stampIn: z.enum(['email', 'meta']).default('email'),
  /** meta_data key holding the stamp; required when stampIn is 'meta'. */
  stampMetaKey: z.string().min(1).optional(),
  /** Which field is the order id tags report: the displayed order number (default) or the post id. */
  orderNumber: z.enum(['number', 'id']).default('number'),
  /** How cleanup removes test orders: set them cancelled (default, true) or delete them for good; false does nothing. */
  cleanup: z
    .union([z.enum(['cancel', 'delete']), z.boolean()], {
      error: "'cancel' (set the test orders cancelled, same as true), 'delete' (delete them for good) or false",
    })
    .default('cancel'),
  /** Orders per page, at most 100 (WooCommerce's limit). */
  perPage: z.number().int().min(1).max(100).default(100),
  /** Pages read at most per listing, so a huge window fails clearly instead of paging for minutes. */
  maxPages: z.number().int().min(1).max(1000).default(50),
}).refine((settings) => settings.stampIn !== 'meta' || settings.stampMetaKey !== undefined, {
  path: ['stampMetaKey'],
  message: "required when stampIn is 'meta': the meta_data key whose value carries the run id",
});

type Settings = z.infer<typeof settingsSchema>;

/** The fields of a WooCommerce REST v3 order this source reads. */
interface WooOrder {
  id?: unknown;
  number?: unknown;
  status?: unknown;
  currency?: unknown;
  total?: unknown;
  date_created_gmt?: unknown;
  billing?: { email?: unknown } | null;
  meta_data?: { key?: unknown; value?: unknown }[] | null;
  line_items?: unknown;
  shipping_lines?: unknown;
  payment_method?: unknown;
  coupon_lines?: unknown;
  customer_note?: unknown;
  created_via?: unknown;
}

/** Everything needed to talk to one shop's API. */
interface WooApi {
  settings: Settings;
  ordersUrl: string;
  headers: Record<string, string>;
  /** Values that must never reach a message, even when the shop echoes them. */
  secrets: string[];
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** The key and secret variables the monitor names that are unset or blank (names only, never values). */
function credentialLines(settings: Settings, env: NodeJS.ProcessEnv): string[] {
  return [
    envProblem('keyEnv', settings.keyEnv, env, 'the WooCommerce REST API consumer key (ck_...)'),
    envProblem('secretEnv', settings.secretEnv, env, 'the WooCommerce REST API consumer secret (cs_...)'),
  ].filter((line) => line !== undefined);
}

function connect(settings: Settings, context: OrderSourceContext, sleep: (ms: number) => Promise<void>): WooApi {
  const [problem] = credentialLines(settings, context.env);
  if (problem) throw new BackendUnreachableError(problem);
  const key = context.env[settings.keyEnv]!;
  const secret = context.env[settings.secretEnv]!;
  const basic = Buffer.from(`${key}:${secret}`).toString('base64');
  return {
    settings,
    ordersUrl: `${settings.url.replace(/\/+$/, '')}/wp-json/wc/v3/orders`,
    headers: { authorization: `Basic ${basic}` },
    secrets: [key, secret, basic],
    timeoutMs: context.timeoutMs,
    sleep,
  };
}

/** `code "message"` of a WordPress REST error body, without anything secret, for the user to look up. */
function wooError(body: unknown, secrets: string[]): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return undefined;
  let text = typeof message === 'string' && message ? `${code} "${message}"` : code;
  for (const secret of secrets) text = text.split(secret).join('***');
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** What a non-2xx answer means for the user, as the error the audit reports. */
function failure(api: WooApi, answer: JsonAnswer, url: string): BackendUnreachableError {
  const where = `WooCommerce ${redact(url)}`;
  const error = wooError(answer.body, api.secrets);
  const status = `HTTP ${answer.status}${error ? `, ${error}` : ''}`;
  const { keyEnv, secretEnv } = api.settings;
  if (answer.status === 401 || answer.status === 403) {
    return new BackendUnreachableError(
      `${where} refused the API key (${status}). Check that ${keyEnv} and ${secretEnv} hold a REST API key of this site (WooCommerce > Settings > Advanced > REST API) with Read permission, Read/Write for cleanup, and that the site is reached over HTTPS.`,
    );
  }
  if (answer.status === 404 && !answer.json) {
    return new BackendUnreachableError(
      `${where} is not a WordPress REST API (${status}). Check that orders.url is the WordPress site's base URL and that pretty permalinks are on (Settings > Permalinks).`,
    );
  }
  if (answer.status === 404 && error?.startsWith('rest_no_route')) {
    return new BackendUnreachableError(
      `${where}: WordPress has no WooCommerce REST route there (${status}). Check that WooCommerce is installed and active and that orders.url is the site's base URL.`,
    );
  }
  return new BackendUnreachableError(`${where} answered ${status}.`);
}

/** A 2xx that is not the JSON list of orders the API answers: something else sits in front of it. */
function notAList(answer: JsonAnswer, url: string): BackendUnreachableError {
  return new BackendUnreachableError(
    `WooCommerce ${redact(url)} did not answer a JSON list of orders (HTTP ${answer.status}${answer.json ? '' : ', not JSON'}). A cache, firewall or login page may be in front of the API.`,
  );
}

/** Milliseconds a 429 asks to wait: Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | null): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_WAIT_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : DEFAULT_RETRY_WAIT_MS;
}

/** One API call; a 429 is retried after its Retry-After, a bounded number of times. */
async function send(api: WooApi, url: string, method = 'GET', body?: unknown): Promise<JsonAnswer> {
  for (let retries = 0; ; retries++) {
    const answer = await requestJson(url, { method, headers: api.headers, body, timeoutMs: api.timeoutMs });
    if (answer.status !== 429) return answer;
    const retryAfter = answer.headers.get('retry-after');
    const waitMs = retryAfterMs(retryAfter);
    if (retries >= RATE_LIMIT_RETRIES || waitMs > MAX_RETRY_WAIT_MS) {
      throw new BackendUnreachableError(
        `WooCommerce ${redact(url)} is rate limiting the API key (HTTP 429, Retry-After ${retryAfter ?? 'absent'}) after ${retries} retries; tagwatch waits at most ${MAX_RETRY_WAIT_MS / 1000} s per retry. Run the audit later or raise the host's rate limit.`,
      );
    }
    await api.sleep(waitMs);
  }
}

/** WooCommerce compares whole seconds, strictly: widen the window by a second on each side. */
function wooDate(date: Date, widenBy: -1 | 1): string {
  const seconds = widenBy < 0 ? Math.floor(date.getTime() / 1000) - 1 : Math.ceil(date.getTime() / 1000) + 1;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Every order created in the window (optionally matching `search`), page by page as X-WP-TotalPages says. */
async function listOrders(api: WooApi, window: { from: Date; to: Date; search?: string; allPages?: boolean }): Promise<WooOrder[]> {
  const { perPage } = api.settings;
  // A period read (allPages) reads what X-WP-TotalPages says, however many; an audit window is bounded by orders.maxPages.
  const maxPages = window.allPages ? Number.POSITIVE_INFINITY : api.settings.maxPages;
  // Keyed by id: an order created while paging can shift a page boundary and show up twice.
  const orders = new Map<string, WooOrder>();
  for (let page = 1; ; page++) {
    const url = new URL(api.ordersUrl);
    url.searchParams.set('after', wooDate(window.from, -1));
    url.searchParams.set('before', wooDate(window.to, 1));
    // Without it WooCommerce reads after/before in the site's timezone.
    url.searchParams.set('dates_are_gmt', 'true');
    // Oldest first, so orders placed while paging land on later pages instead of shifting earlier ones.
    url.searchParams.set('orderby', 'date');
    url.searchParams.set('order', 'asc');
    if (window.search) url.searchParams.set('search', window.search);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(page));
    const answer = await send(api, url.toString());
    if (answer.status < 200 || answer.status > 299) throw failure(api, answer, url.toString());
    if (!Array.isArray(answer.body)) throw notAList(answer, url.toString());
    for (const raw of answer.body as unknown[]) if (raw && typeof raw === 'object') orders.set(String((raw as WooOrder).id), raw as WooOrder);
    const totalPages = Number.parseInt(answer.headers.get('x-wp-totalpages') ?? '', 10);
    const lastPage = Number.isFinite(totalPages) ? page >= totalPages : answer.body.length < perPage;
    if (answer.body.length === 0 || lastPage) break;
    if (page >= maxPages || totalPages > maxPages) {
      throw new BackendUnreachableError(
        `WooCommerce ${redact(api.ordersUrl)} has more than ${maxPages} pages of ${perPage} orders in the audit window${Number.isFinite(totalPages) ? ` (${totalPages} pages)` : ''}: raise orders.maxPages (at most 1000) or orders.perPage (at most 100).`,
      );
    }
  }
  return [...orders.values()];
}

function stampOf(raw: WooOrder, settings: Settings): string | undefined {
  if (settings.stampIn === 'email') return typeof raw.billing?.email === 'string' ? raw.billing.email : undefined;
  const field = Array.isArray(raw.meta_data) ? raw.meta_data.find((meta) => meta?.key === settings.stampMetaKey) : undefined;
  if (field?.value === undefined || field.value === null) return undefined;
  return typeof field.value === 'string' ? field.value : JSON.stringify(field.value);
}

function orderIdOf(raw: WooOrder, settings: Settings): string {
  return String(settings.orderNumber === 'number' && raw.number !== undefined && raw.number !== null ? raw.number : raw.id);
}

/** date_created_gmt has no zone ("2017-03-22T19:28:02"): it is UTC, say so. */
function gmtIso(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * Line items (name, SKU, quantity, price), shipping, payment and coupons as the order lists them.
 * Product categories are not in the order: left unset. The shipping method is the rate's title
 * ("Express"), since two flat-rate methods share the method_id flat_rate; several shipping lines
 * read "Standard + Express"; none (a virtual order): unknown. payment_method is the gateway id
 * (bacs, stripe, ppcp-gateway); blank on a free order: unknown.
 */
function attributesOf(raw: WooOrder): OrderAttributes {
  const shipping = codesOf(raw.shipping_lines, (line) => {
    const { method_title: title, method_id: id } = (line ?? {}) as { method_title?: unknown; method_id?: unknown };
    return textOf(title) ?? textOf(id);
  });
  return knownAttributes({
    lines: linesOf(raw.line_items, (item) => ({ sku: item.sku, name: item.name, quantity: item.quantity, unitPrice: item.price })),
    shippingMethod: shipping && shipping.length > 0 ? shipping.join(' + ') : undefined,
    paymentMethod: textOf(raw.payment_method),
    coupons: codesOf(raw.coupon_lines, (line) => (line as { code?: unknown } | null)?.code),
  });
}

function toOrder(raw: WooOrder, settings: Settings): Order {
  return {
    id: orderIdOf(raw, settings),
    total: Number(raw.total),
    currency: String(raw.currency),
    createdAt: gmtIso(raw.date_created_gmt),
    stamp: stampOf(raw, settings),
    email: typeof raw.billing?.email === 'string' ? raw.billing.email : undefined,
    status: typeof raw.status === 'string' ? raw.status : undefined,
    ...attributesOf(raw),
  };
}

/** E-mail addresses are case-insensitive, and some shops lower-case them. */
function carriesRunId(stamp: string | undefined, runId: string, settings: Settings): boolean {
  if (stamp === undefined) return false;
  return settings.stampIn === 'email' ? stamp.toLowerCase().includes(runId.toLowerCase()) : stamp.includes(runId);
}

/**
 * The post ids of orders known by their order number (sequential-number plugins make them
 * differ): re-read the orders' creation window and match number and stamp, so cleanup can only
 * ever touch an order that still carries the run stamp.
 */
async function postIdsByNumber(api: WooApi, orders: Order[]): Promise<Map<Order, string>> {
  const times = orders.map((order) => Date.parse(order.createdAt)).filter(Number.isFinite);
  if (times.length === 0) return new Map();
  const found = await listOrders(api, { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) });
  const ids = new Map<Order, string>();
  for (const order of orders) {
    const raw = found.find((candidate) => orderIdOf(candidate, api.settings) === order.id && stampOf(candidate, api.settings) === order.stamp);
    if (raw) ids.set(order, String(raw.id));
  }
  return ids;
}

/**
 * Statuses of orders never paid: abandoned (pending payment), declined (failed), block-checkout
 * drafts and the bin. They are not orders the shop took, and their customers never reached the
 * thank-you page a purchase tag fires on.
 */
const UNPAID_STATUSES = new Set(['pending', 'failed', 'checkout-draft', 'trash']);

/** WooCommerce's order attribution (8.5+) records the customer's device type in this meta field: Mobile, Desktop, Tablet. */
const DEVICE_META_KEY = '_wc_order_attribution_device_type';

function metaValue(raw: WooOrder, key: string | undefined): unknown {
  if (key === undefined || !Array.isArray(raw.meta_data)) return undefined;
  return raw.meta_data.find((meta) => meta?.key === key)?.value;
}

/** A real order of a period; billing, shipping address and note stay behind. */
function toRealOrder(raw: WooOrder, settings: Settings): RealOrder {
  const { lines, shippingMethod, paymentMethod, coupons } = attributesOf(raw);
  const device = textOf(metaValue(raw, DEVICE_META_KEY));
  return realOrder({
    id: orderIdOf(raw, settings),
    createdAt: gmtIso(raw.date_created_gmt),
    total: Number(raw.total),
    currency: String(raw.currency),
    // Every line, even one linesOf cannot read, counts.
    lineItems: Array.isArray(raw.line_items) ? raw.line_items.length : lines,
    shippingMethod,
    paymentMethod,
    coupons,
    device: device?.toLowerCase(),
    // How the order was made: checkout (classic), store-api (block checkout), admin, rest-api, a plugin's own.
    channel: raw.created_via,
  });
}

/**
 * The period read: every order created in [from, to), every page X-WP-TotalPages announces,
 * unpaid ones and tagwatch's test orders (billing e-mail, the stamp meta field, the customer
 * note) left out.
 */
async function fetchWooPeriod(api: WooApi, query: PeriodQuery): Promise<RealOrder[]> {
  const raw = await listOrders(api, { from: query.from, to: query.to, allPages: true });
  const orders: RealOrder[] = [];
  for (const order of raw) {
    if (typeof order.status === 'string' && UNPAID_STATUSES.has(order.status)) continue;
    const stampMeta = metaValue(order, api.settings.stampMetaKey);
    if (isTestOrderIn([order.billing?.email, typeof stampMeta === 'string' ? stampMeta : undefined, order.customer_note], query.isTestOrder)) continue;
    const real = toRealOrder(order, api.settings);
    if (!Number.isFinite(real.total)) throw new BackendUnreachableError(`WooCommerce ${redact(api.ordersUrl)} order ${real.id} has total ${JSON.stringify(order.total)}, not a number.`);
    if (inPeriod(real.createdAt, query)) orders.push(real);
  }
  return orders;
}

/**
 * The WooCommerce source; `sleep` is how it waits out a 429 (tests pass one that records the
 * wait instead of sleeping).
 */
export function createWooCommerceSource(options: { sleep?: (ms: number) => Promise<void> } = {}): OrderSourceDefinition {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return defineOrderSource({
    id: 'woocommerce',
    description: 'WooCommerce REST API v3 orders (consumer key and secret from env)',
    validateSettings(rawSettings) {
      return settingsProblems(settingsSchema, rawSettings, 'woocommerce');
    },
    credentialProblems(rawSettings, env) {
      const settings = validSettings(settingsSchema, rawSettings);
      return settings ? credentialLines(settings, env) : [];
    },
    /**
     * GET <url>/wp-json/wc/v3/orders?per_page=1, once: the site answers, WooCommerce's route is
     * there and the key is accepted. A 429 passes (the shop answered; fetchOrders waits it out).
     */
    async checkConnection(rawSettings, context) {
      const settings = parseSettings(settingsSchema, rawSettings, 'woocommerce');
      const api = connect(settings, context, sleep);
      const url = `${api.ordersUrl}?per_page=1`;
      const answer = await requestJson(url, { headers: api.headers, timeoutMs: api.timeoutMs });
      if (answer.status === 429) return;
      if (answer.status < 200 || answer.status > 299) throw failure(api, answer, url);
      if (!Array.isArray(answer.body)) throw notAList(answer, url);
    },
    async fetchOrders(query, rawSettings, context) {
      const settings = parseSettings(settingsSchema, rawSettings, 'woocommerce');
      const api = connect(settings, context, sleep);
      // Meta values are not searchable through the API: then the window and the filter below do the work.
      const search = settings.stampIn === 'email' ? query.runId : undefined;
      const raw = await listOrders(api, { from: query.from, to: query.to, search });
      return raw.map((order) => toOrder(order, settings)).filter((order) => carriesRunId(order.stamp, query.runId, settings));
    },
    async fetchPeriodOrders(query, rawSettings, context) {
      const settings = parseSettings(settingsSchema, rawSettings, 'woocommerce');
      return fetchWooPeriod(connect(settings, context, sleep), query);
    },
    async cleanupOrders(orders, rawSettings, context) {
      const settings = parseSettings(settingsSchema, rawSettings, 'woocommerce');
      if (settings.cleanup === false || orders.length === 0) return 0;
      const api = connect(settings, context, sleep);
      const postIds = settings.orderNumber === 'id' ? new Map(orders.map((order) => [order, order.id])) : await postIdsByNumber(api, orders);
      const remove = settings.cleanup === 'delete';
      let cleaned = 0;
      for (const order of orders) {
        const postId = postIds.get(order);
        if (postId === undefined) continue; // no longer there with its stamp: nothing of ours to clean
        const url = `${api.ordersUrl}/${encodeURIComponent(postId)}${remove ? '?force=true' : ''}`;
        const answer = remove ? await send(api, url, 'DELETE') : await send(api, url, 'PUT', { status: 'cancelled' });
        if (answer.status < 200 || answer.status > 299) throw failure(api, answer, url);
        cleaned += 1;
      }
      return cleaned;
    },
  });
}

/** WooCommerce shops: orders from /wp-json/wc/v3/orders, test orders found by their run stamp. */
export default createWooCommerceSource();
