import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { networkErrorCode } from '../../site/network-error.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext } from '../define-order-source.ts';
import { cleanupSwitch, envProblem, envVariableName, orderSettingsSchema, parseSettings, settingsProblems, validSettings } from '../source-settings.ts';
import { redact } from '../http-json.ts';
import { codesOf, inPeriod, isTestOrderIn, knownAttributes, linesOf, realOrder, textOf, type OrderAttributes } from '../order-attributes.ts';
import type { PeriodQuery, RealOrder } from '../../compare/model.ts';

const settingsSchema = orderSettingsSchema({
  /** The shop's myshopify.com domain, e.g. my-shop.myshopify.com (custom domains do not serve the Admin API). */
  shop: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i, "the shop's myshopify.com domain, e.g. my-shop.myshopify.com")
    .optional(),
  /** Full GraphQL endpoint URL, replacing the one built from shop and apiVersion (proxies, tests). */
  adminUrl: z.url().optional(),
  /** Admin API version. orderCancel takes `refundMethod` since 2025-07, so nothing older. */
  apiVersion: z
    .string()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'a Shopify API version such as 2026-07')
    .refine((v) => v === 'unstable' || v >= '2025-07', '2025-07 or newer (cleanup cancels with refundMethod, added in 2025-07)')
    .default('2026-07'),
  /** Name of the env variable holding the Admin API access token (never the token itself). */
  tokenEnv: envVariableName('the Admin API access token').default('SHOPIFY_ADMIN_TOKEN'),
  /** Order field carrying the run stamp: the journeys' e-mail alias (default), a tag or the order note. */
  stampIn: z.enum(['email', 'tag', 'note']).default('email'),
  /** What the shop shows customers as the order number: name (#1001 -> 1001, default), id (GID) or legacyResourceId. */
  orderNumber: z.enum(['name', 'id', 'legacyResourceId']).default('name'),
  /** Orders per page, at most 250 (Shopify's cap). Smaller pages cost less query budget each. */
  pageSize: z.number().int().min(1).max(250).default(100),
  /**
   * Extra Shopify search terms ANDed to the time window, `{runId}` replaced by the run id, e.g.
   * `tag:tagwatch`. Only for busy shops, and only terms you know match every test order: an
   * order the search misses counts as lost.
   */
  search: z.string().min(1).optional(),
  /** true: cancel the run's test orders once the verdict is reckoned. */
  cleanup: cleanupSwitch('shopify', "cancel the run's test orders: no refund, restocked, customer not notified"),
}).refine((s) => s.shop !== undefined || s.adminUrl !== undefined, { path: ['shop'], message: "required: the shop's myshopify.com domain, e.g. my-shop.myshopify.com" });

type Settings = z.infer<typeof settingsSchema>;

/**
 * How long tagwatch waits out Shopify's rate limit before giving up. Tests swap `sleep` so they
 * stay fast; the limits still apply to the waits it is asked for.
 */
export const throttling = {
  maxRetries: 5,
  maxWaitMs: 30_000,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** An order as the GraphQL Admin API returns the fields tagwatch asks for. */
export interface ShopifyOrderNode {
  id: string;
  legacyResourceId: string;
  name: string;
  createdAt: string;
  email: string | null;
  note: string | null;
  tags: string[];
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
}

const ORDERS_QUERY = `query TagwatchOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    nodes {
      id
      legacyResourceId
      name
      createdAt
      email
      note
      tags
      cancelledAt
      displayFinancialStatus
      totalPriceSet { shopMoney { amount currencyCode } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Line items, shipping line, gateways and discount codes of the run's test orders only, by id:
 * asked in the listing they would multiply the cost of every page of real customers' orders.
 * Each order costs about 80 points (25 line items with their price), so 10 ids stay under
 * Shopify's 1000-point limit per query. Product categories need the read_products scope: not asked.
 */
const DETAILS_QUERY = `query TagwatchOrderDetails($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      lineItems(first: 25) {
        nodes { name sku quantity originalUnitPriceSet { shopMoney { amount } } }
        pageInfo { hasNextPage }
      }
      shippingLine { title code }
      paymentGatewayNames
      discountCodes
    }
  }
}`;
const DETAILS_PER_QUERY = 10;

/** An order's details as DETAILS_QUERY answers them (null for an id that is not an order any more). */
interface ShopifyOrderDetails {
  id?: string;
  lineItems?: { nodes?: unknown; pageInfo?: { hasNextPage?: boolean } } | null;
  shippingLine?: { title?: unknown; code?: unknown } | null;
  paymentGatewayNames?: unknown;
  discountCodes?: unknown;
}

/** The cheapest query every Admin API token may run: the preflight. */
const SHOP_QUERY = '{ shop { name } }';

const CANCEL_MUTATION = `mutation TagwatchOrderCancel($orderId: ID!, $notifyCustomer: Boolean, $refundMethod: OrderCancelRefundMethodInput!, $restock: Boolean!, $reason: OrderCancelReason!, $staffNote: String) {
  orderCancel(orderId: $orderId, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod, restock: $restock, reason: $reason, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/** One Admin API endpoint with its token; every failure is a BackendUnreachableError saying what to fix. */
interface AdminApi {
  endpoint: string;
  token: string;
  tokenEnv: string;
  timeoutMs: number;
}

function tokenProblem(settings: Settings, env: NodeJS.ProcessEnv): string | undefined {
  return envProblem('tokenEnv', settings.tokenEnv, env, "the shop's Admin API access token (scopes read_orders, and write_orders for cleanup)");
}

function adminApi(settings: Settings, context: OrderSourceContext): AdminApi {
  const problem = tokenProblem(settings, context.env);
  if (problem) throw new BackendUnreachableError(problem);
  const token = context.env[settings.tokenEnv]!;
  const endpoint = settings.adminUrl ?? shopifyAdminUrl(settings.shop!, settings.apiVersion);
  return { endpoint, token, tokenEnv: settings.tokenEnv, timeoutMs: context.timeoutMs };
}

/** The GraphQL Admin API endpoint of a shop, for one API version. */
export function shopifyAdminUrl(shop: string, apiVersion: string): string {
  return `https://${shop}/admin/api/${apiVersion}/graphql.json`;
}

type Attempt = { data: unknown } | { throttledForMs: number };

/** A GraphQL Admin API answer, as far as tagwatch reads it. */
interface AdminAnswer {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } } };
}

/** Milliseconds until the bucket holds the query's cost again, from `extensions.cost`. */
function throttleWaitMs(body: AdminAnswer): number {
  const cost = body.extensions?.cost;
  const missing = (cost?.requestedQueryCost ?? 0) - (cost?.throttleStatus?.currentlyAvailable ?? 0);
  const rate = cost?.throttleStatus?.restoreRate ?? 0;
  if (!(rate > 0) || !(missing > 0)) return 1000;
  return Math.ceil((missing / rate) * 1000);
}

async function attempt(api: AdminApi, query: string, variables: Record<string, unknown>): Promise<Attempt> {
  const where = `Shopify Admin API ${redact(api.endpoint)}`;
  // Shopify error texts should never hold the token; if one ever echoes it, it stops here.
  const scrub = (text: string) => text.split(api.token).join('***');
  let response: Response;
  try {
    response = await fetch(api.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'X-Shopify-Access-Token': api.token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
  } catch (error) {
    throw new BackendUnreachableError(`${where} unreachable (${scrub(networkErrorCode(error))}). Check orders.shop (or orders.adminUrl) and the network.`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new BackendUnreachableError(`${where} refused the access token (HTTP ${response.status}). Check that ${api.tokenEnv} (orders.tokenEnv) holds a valid Admin API access token of this shop.`);
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return { throttledForMs: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000 };
  }
  if (!response.ok) {
    throw new BackendUnreachableError(`${where} answered HTTP ${response.status}${response.status >= 500 ? ' (a Shopify-side error: try again later)' : '. Check orders.shop and orders.apiVersion'}.`);
  }
  let body: AdminAnswer;
  try {
    body = (await response.json()) as AdminAnswer;
  } catch {
    throw new BackendUnreachableError(`${where} did not answer JSON. Check orders.shop (or orders.adminUrl) points at the GraphQL Admin API.`);
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.some((e) => e.extensions?.code === 'THROTTLED')) return { throttledForMs: throttleWaitMs(body) };
  if (errors.length > 0) {
    const listed = errors.map((e) => `${e.message ?? 'unknown error'}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`).join('; ');
    throw new BackendUnreachableError(scrub(`${where} answered GraphQL errors: ${listed}. An ACCESS_DENIED error means the app behind ${api.tokenEnv} lacks the read_orders (or write_orders) scope.`));
  }
  if (body.data === null || typeof body.data !== 'object') throw new BackendUnreachableError(`${where} answered without data.`);
  return { data: body.data };
}

/** POSTs one GraphQL request, waiting out Shopify's rate limit a bounded number of times. */
async function graphql<T>(api: AdminApi, query: string, variables: Record<string, unknown>): Promise<T> {
  let waitedMs = 0;
  for (let retries = 0; ; retries++) {
    const result = await attempt(api, query, variables);
    if ('data' in result) return result.data as T;
    if (retries >= throttling.maxRetries || waitedMs + result.throttledForMs > throttling.maxWaitMs) {
      throw new BackendUnreachableError(
        `Shopify Admin API ${redact(api.endpoint)} kept throttling the requests (${retries} retries, ${Math.round(waitedMs / 1000)} s waited). Other apps may be using the shop's query budget: lower orders.pageSize or audit later.`,
      );
    }
    await throttling.sleep(result.throttledForMs);
    waitedMs += result.throttledForMs;
  }
}

/** Shopify dates compare to the second; millisecond suffixes are left out of the search. */
function searchDate(date: Date): string {
  return `'${date.toISOString().slice(0, 19)}Z'`;
}

async function listOrders(api: AdminApi, pageSize: number, search: string): Promise<ShopifyOrderNode[]> {
  const nodes: ShopifyOrderNode[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { orders?: { nodes?: ShopifyOrderNode[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } } = await graphql(api, ORDERS_QUERY, {
      first: pageSize,
      after,
      query: search,
    });
    if (!Array.isArray(data.orders?.nodes)) throw new BackendUnreachableError(`Shopify Admin API ${redact(api.endpoint)} answered without orders.nodes.`);
    nodes.push(...data.orders.nodes);
    const { hasNextPage, endCursor } = data.orders.pageInfo ?? {};
    if (!hasNextPage) return nodes;
    // A next page without a cursor would restart at page one forever.
    if (!endCursor) throw new BackendUnreachableError(`Shopify Admin API ${redact(api.endpoint)} said there are more orders but gave no endCursor.`);
    after = endCursor;
  }
}

function windowSearch(from: Date, to: Date): string {
  return `created_at:>=${searchDate(from)} created_at:<=${searchDate(to)}`;
}

/** The value of the stamp field that contains `needle` (the run id, or a known stamp). */
function stampOf(node: ShopifyOrderNode, stampIn: Settings['stampIn'], needle: string): string | undefined {
  const values = stampIn === 'tag' ? node.tags : [stampIn === 'email' ? node.email : node.note];
  return values.find((value): value is string => typeof value === 'string' && value.includes(needle));
}

function orderNumber(node: ShopifyOrderNode, field: Settings['orderNumber']): string {
  if (field === 'id') return node.id;
  if (field === 'legacyResourceId') return String(node.legacyResourceId);
  return node.name.replace(/^#/, '');
}

/** What the details say, unknown where they say nothing (more line items than asked for: no partial list). */
function attributesOf(details: ShopifyOrderDetails | undefined): OrderAttributes {
  if (!details) return {};
  const lineItems = details.lineItems;
  const lines = lineItems && !lineItems.pageInfo?.hasNextPage
    ? linesOf(lineItems.nodes, (item) => ({
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        unitPrice: (item.originalUnitPriceSet as { shopMoney?: { amount?: unknown } } | null | undefined)?.shopMoney?.amount,
      }))
    : undefined;
  const gateways = codesOf(details.paymentGatewayNames);
  return knownAttributes({
    lines,
    // The shipping rate as the customer chose it ("Express"); no shipping line (nothing shipped): unknown.
    shippingMethod: textOf(details.shippingLine?.title) ?? textOf(details.shippingLine?.code),
    paymentMethod: gateways && gateways.length > 0 ? gateways.join(' + ') : undefined,
    coupons: codesOf(details.discountCodes),
  });
}

/** The details of the given orders, by GID, a few per query. */
async function orderDetails(api: AdminApi, ids: string[]): Promise<Map<string, ShopifyOrderDetails>> {
  const byId = new Map<string, ShopifyOrderDetails>();
  for (let start = 0; start < ids.length; start += DETAILS_PER_QUERY) {
    const data = await graphql<{ nodes?: (ShopifyOrderDetails | null)[] }>(api, DETAILS_QUERY, { ids: ids.slice(start, start + DETAILS_PER_QUERY) });
    for (const details of Array.isArray(data.nodes) ? data.nodes : []) if (details?.id) byId.set(details.id, details);
  }
  return byId;
}

function toOrder(node: ShopifyOrderNode, settings: Settings, stamp: string | undefined, details?: ShopifyOrderDetails): Order {
  return {
    id: orderNumber(node, settings.orderNumber),
    total: Number(node.totalPriceSet.shopMoney.amount),
    currency: node.totalPriceSet.shopMoney.currencyCode,
    createdAt: node.createdAt,
    stamp,
    email: node.email ?? undefined,
    status: node.cancelledAt ? 'cancelled' : (node.displayFinancialStatus?.toLowerCase() ?? 'open'),
    ...attributesOf(details),
  };
}

/**
 * Every order of a period with what the comparison needs, in one listing: scalars cost nothing,
 * the first LINE_PROBE line items (ids only) tell the line count of nearly every order, and
 * orders with more are counted afterwards (LINE_COUNT_QUERY). email, note and tags are read only
 * to recognise test orders; `test` marks Shopify's own test orders (bogus gateway, test mode).
 * About 2 + 18 points per order, so pages of PERIOD_PAGE_SIZE stay under the 1000-point limit.
 */
const LINE_PROBE = 10;
const PERIOD_PAGE_SIZE = 50;
const PERIOD_QUERY = `query TagwatchPeriodOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    nodes {
      id
      legacyResourceId
      name
      createdAt
      test
      email
      note
      tags
      totalPriceSet { shopMoney { amount currencyCode } }
      lineItems(first: ${LINE_PROBE}) { nodes { id } pageInfo { hasNextPage } }
      shippingLine { title code }
      paymentGatewayNames
      discountCodes
      sourceName
      channelInformation { channelDefinition { channelName } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Line items of orders with more than LINE_PROBE of them, a few orders per query (250 ids cost about 252 points each). */
const LINE_COUNT_QUERY = `query TagwatchOrderLineCounts($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      lineItems(first: 250) { nodes { id } pageInfo { hasNextPage } }
    }
  }
}`;
const LINE_COUNTS_PER_QUERY = 3;

/** An order as PERIOD_QUERY answers it. */
interface ShopifyPeriodNode {
  id: string;
  legacyResourceId: string;
  name: string;
  createdAt: string;
  test?: boolean | null;
  email: string | null;
  note: string | null;
  tags: string[] | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  lineItems?: { nodes?: unknown[]; pageInfo?: { hasNextPage?: boolean } } | null;
  shippingLine?: { title?: unknown; code?: unknown } | null;
  paymentGatewayNames?: unknown;
  discountCodes?: unknown;
  sourceName?: unknown;
  channelInformation?: { channelDefinition?: { channelName?: unknown } | null } | null;
}

/** Every order created in [from, to), all pages, cursor after cursor. */
async function listPeriod(api: AdminApi, from: Date, to: Date): Promise<ShopifyPeriodNode[]> {
  const nodes: ShopifyPeriodNode[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { orders?: { nodes?: ShopifyPeriodNode[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } } = await graphql(api, PERIOD_QUERY, {
      first: PERIOD_PAGE_SIZE,
      after,
      // Whole seconds: the end rounded up so no order of the period's last second is cut; the source drops what is past it.
      query: `created_at:>=${searchDate(from)} created_at:<${searchDate(new Date(Math.ceil(to.getTime() / 1000) * 1000))}`,
    });
    if (!Array.isArray(data.orders?.nodes)) throw new BackendUnreachableError(`Shopify Admin API ${redact(api.endpoint)} answered without orders.nodes.`);
    nodes.push(...data.orders.nodes);
    const { hasNextPage, endCursor } = data.orders.pageInfo ?? {};
    if (!hasNextPage) return nodes;
    if (!endCursor) throw new BackendUnreachableError(`Shopify Admin API ${redact(api.endpoint)} said there are more orders but gave no endCursor.`);
    after = endCursor;
  }
}

/** Line counts of orders whose first LINE_PROBE line items did not cover them all; more than 250: left unknown. */
async function lineCounts(api: AdminApi, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < ids.length; start += LINE_COUNTS_PER_QUERY) {
    const data = await graphql<{ nodes?: ({ id?: string; lineItems?: { nodes?: unknown[]; pageInfo?: { hasNextPage?: boolean } } } | null)[] }>(api, LINE_COUNT_QUERY, {
      ids: ids.slice(start, start + LINE_COUNTS_PER_QUERY),
    });
    for (const node of Array.isArray(data.nodes) ? data.nodes : []) {
      const items = node?.lineItems;
      if (node?.id && Array.isArray(items?.nodes) && !items.pageInfo?.hasNextPage) counts.set(node.id, items.nodes.length);
    }
  }
  return counts;
}

/** A real order from the listing; e-mail, note and tags stay behind. */
function toRealOrder(node: ShopifyPeriodNode, settings: Settings, moreLines: Map<string, number>): RealOrder {
  const items = node.lineItems;
  const lineItems = items && Array.isArray(items.nodes) ? (items.pageInfo?.hasNextPage ? moreLines.get(node.id) : items.nodes.length) : undefined;
  const gateways = codesOf(node.paymentGatewayNames);
  return realOrder({
    id: orderNumber(node as ShopifyOrderNode, settings.orderNumber),
    createdAt: node.createdAt,
    total: Number(node.totalPriceSet.shopMoney.amount),
    currency: node.totalPriceSet.shopMoney.currencyCode,
    lineItems,
    shippingMethod: textOf(node.shippingLine?.title) ?? textOf(node.shippingLine?.code),
    paymentMethod: gateways && gateways.length > 0 ? gateways.join(' + ') : undefined,
    coupons: codesOf(node.discountCodes),
    // The sales channel's name ("Online Store", "Point of Sale", "Facebook & Instagram"), else the source name (web, pos, shopify_draft_order).
    channel: textOf(node.channelInformation?.channelDefinition?.channelName) ?? textOf(node.sourceName),
  });
}

/** The period read (fetchPeriodOrders) of the Shopify source. */
async function fetchShopifyPeriod(query: PeriodQuery, settings: Settings, context: OrderSourceContext): Promise<RealOrder[]> {
  const api = adminApi(settings, context);
  const nodes = (await listPeriod(api, query.from, query.to)).filter(
    // Shopify's own test orders and tagwatch's stamped ones (e-mail alias, note or tag, whichever the monitor stamps) are not real.
    (node) => node.test !== true && !isTestOrderIn([node.email, node.note, ...(node.tags ?? [])], query.isTestOrder) && inPeriod(node.createdAt, query),
  );
  const moreLines = await lineCounts(api, nodes.filter((node) => node.lineItems?.pageInfo?.hasNextPage).map((node) => node.id));
  return nodes.map((node) => toRealOrder(node, settings, moreLines));
}

/** A Shopify shop read through the GraphQL Admin API; cleanup cancels the test orders. */
export default defineOrderSource({
  id: 'shopify',
  description: 'a Shopify shop, through the GraphQL Admin API',
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings, 'shopify');
  },
  credentialProblems(rawSettings, env) {
    const settings = validSettings(settingsSchema, rawSettings);
    const problem = settings && tokenProblem(settings, env);
    return problem ? [problem] : [];
  },
  /**
   * One `{ shop { name } }` query: the endpoint is the GraphQL Admin API and takes the token. A
   * throttled answer passes (Shopify answered; fetchOrders waits the throttle out). It does not
   * prove the read_orders scope: a missing scope shows as ACCESS_DENIED when the orders are read.
   */
  async checkConnection(rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'shopify');
    const api = adminApi(settings, context);
    const result = await attempt(api, SHOP_QUERY, {});
    if ('throttledForMs' in result) return;
    const shop = (result.data as { shop?: { name?: unknown } | null }).shop;
    if (typeof shop?.name !== 'string') {
      throw new BackendUnreachableError(`Shopify Admin API ${redact(api.endpoint)} answered without shop.name: check that orders.shop (or orders.adminUrl) points at the GraphQL Admin API.`);
    }
  },
  async fetchOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'shopify');
    const api = adminApi(settings, context);
    const extra = settings.search ? ` ${settings.search.replaceAll('{runId}', query.runId)}` : '';
    const nodes = await listOrders(api, settings.pageSize, windowSearch(query.from, query.to) + extra);
    // The window holds real customers' orders too: keep only this run's test orders.
    const stamped = nodes.flatMap((node) => {
      const stamp = stampOf(node, settings.stampIn, query.runId);
      return stamp === undefined ? [] : [{ node, stamp }];
    });
    const details = await orderDetails(api, stamped.map(({ node }) => node.id));
    return stamped.map(({ node, stamp }) => toOrder(node, settings, stamp, details.get(node.id)));
  },
  /**
   * Every order created in the period (Shopify search `created_at:>=from created_at:<to`, every
   * page), without Shopify test orders and tagwatch's stamped ones. Needs read_orders, and
   * read_all_orders for periods older than 60 days.
   */
  async fetchPeriodOrders(query, rawSettings, context) {
    return fetchShopifyPeriod(query, parseSettings(settingsSchema, rawSettings, 'shopify'), context);
  },
  /**
   * Cancels without refund (test payments), restocks, tells nobody. Each order is looked up again
   * and cancelled only if it still carries its stamp, so a real customer's order is never touched.
   * Already cancelled or vanished orders are not counted. Shopify cancels asynchronously: the
   * count is of cancellations it accepted.
   */
  async cleanupOrders(orders, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'shopify');
    // Only orders fetchOrders returned can be found again: stamped, with Shopify's creation time.
    const stamped = orders.filter((order): order is Order & { stamp: string } => !!order.stamp && Number.isFinite(Date.parse(order.createdAt)));
    if (stamped.length === 0) return 0;
    const api = adminApi(settings, context);
    const times = stamped.map((order) => Date.parse(order.createdAt));
    const from = new Date(Math.min(...times));
    const to = new Date(Math.max(...times) + 1000);
    const nodes = await listOrders(api, settings.pageSize, windowSearch(from, to));

    let cancelled = 0;
    const refusals: string[] = [];
    for (const order of stamped) {
      const node = nodes.find((n) => orderNumber(n, settings.orderNumber) === order.id && stampOf(n, settings.stampIn, order.stamp) !== undefined);
      if (!node || node.cancelledAt) continue;
      const data = await graphql<{ orderCancel?: { orderCancelUserErrors?: { field?: string[] | null; message: string; code?: string | null }[] } | null }>(api, CANCEL_MUTATION, {
        orderId: node.id,
        notifyCustomer: false,
        refundMethod: { originalPaymentMethodsRefund: false },
        restock: true,
        reason: 'OTHER',
        staffNote: `tagwatch test order (${order.stamp})`,
      });
      const userErrors = data.orderCancel?.orderCancelUserErrors ?? [];
      if (userErrors.length === 0) cancelled++;
      else refusals.push(`order ${order.id}: ${userErrors.map((e) => `${e.message}${e.code ? ` (${e.code})` : ''}`).join('; ')}`);
    }
    if (refusals.length > 0) {
      throw new BackendUnreachableError(`Shopify cancelled ${cancelled} of ${stamped.length} test orders and refused ${refusals.length}: ${refusals.join(' | ')}. Cancel them in the Shopify admin, or fix the cause above.`);
    }
    return cancelled;
  },
});
