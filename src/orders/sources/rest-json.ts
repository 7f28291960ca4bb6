import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext } from '../define-order-source.ts';
import { envProblem, envVariableName, noCleanup, orderSettingsSchema, parseSettings, settingsProblems, validSettings } from '../source-settings.ts';
import { getJson, redact } from '../http-json.ts';
import { codesOf, isTestOrderIn, inPeriod, knownAttributes, linesOf, realOrder, textOf } from '../order-attributes.ts';
import type { RealOrder } from '../../compare/model.ts';

const settingsSchema = orderSettingsSchema({
  /** Orders endpoint, e.g. https://backoffice.example/api/orders. */
  url: z.url(),
  /** Name of the env variable holding the API token (never the token itself). */
  tokenEnv: envVariableName('the API token').optional(),
  /** Header carrying the token. Default Authorization, with the Bearer scheme. */
  authHeader: z.string().default('Authorization'),
  authScheme: z.string().default('Bearer'),
  /** Query parameter names the API takes for the window and the stamp search. */
  params: z
    .strictObject({ from: z.string().default('from'), to: z.string().default('to'), search: z.string().optional() })
    .prefault({}),
  /** Dotted path to the orders array in the answer; '' when the answer is the array. Default 'orders'. */
  ordersPath: z.string().default('orders'),
  /** Field of each order holding id, total, currency, creation time and stamp (dotted paths). */
  fields: z
    .strictObject({
      id: z.string().default('id'),
      total: z.string().default('total'),
      currency: z.string().default('currency'),
      createdAt: z.string().default('created_at'),
      stamp: z.string().default('email'),
      /**
       * Optional, read only when named (what the differential diagnosis compares lost and tracked
       * orders on): the line items array, the shipping and payment method, the coupon list
       * (strings, or objects whose couponCode field holds the code).
       */
      lines: z.string().min(1).optional(),
      shippingMethod: z.string().min(1).optional(),
      paymentMethod: z.string().min(1).optional(),
      coupons: z.string().min(1).optional(),
      couponCode: z.string().min(1).default('code'),
      /**
       * Optional, read only by a period read (`tagwatch compare`) and only when named: the
       * device ('mobile', 'desktop'...), the sales channel, and a line-item count (else the
       * length of the `lines` array, when named).
       */
      device: z.string().min(1).optional(),
      channel: z.string().min(1).optional(),
      lineCount: z.string().min(1).optional(),
      /** Fields of each line item, relative to it. */
      line: z
        .strictObject({
          sku: z.string().min(1).default('sku'),
          name: z.string().min(1).default('name'),
          category: z.string().min(1).default('category'),
          quantity: z.string().min(1).default('quantity'),
          unitPrice: z.string().min(1).default('price'),
        })
        .prefault({}),
    })
    .prefault({}),
  /**
   * How the endpoint pages a long answer. Absent: one answer holds the whole window (an audit
   * window, or for `tagwatch compare` a whole day). Either nextPath (the answer says where the
   * next page is: a URL, or with cursorParam a cursor) or pageParam (page numbers from 1).
   */
  pagination: z
    .strictObject({
      /** Dotted path in the answer to the next page's URL (absolute or relative), or cursor with cursorParam; null, '' or absent: last page. */
      nextPath: z.string().min(1).optional(),
      /** Query parameter the value at nextPath goes in, for cursor APIs (e.g. cursor, page_token). */
      cursorParam: z.string().min(1).optional(),
      /** Query parameter taking the page number, from 1; an empty page (or one shorter than perPage) is the last. */
      pageParam: z.string().min(1).optional(),
      /** Query parameter for the page size, and the size asked (both or neither). */
      perPageParam: z.string().min(1).optional(),
      perPage: z.number().int().min(1).max(10_000).optional(),
      /** Pages read at most: a longer answer fails the read instead of returning part of it. */
      maxPages: z.number().int().min(1).max(100_000).default(1000),
    })
    .refine((p) => (p.nextPath === undefined) !== (p.pageParam === undefined), {
      message: "either nextPath (the answer's field holding the next page's URL or cursor, e.g. 'links.next') or pageParam (the page number parameter, e.g. 'page'), not both",
    })
    .refine((p) => p.cursorParam === undefined || p.nextPath !== undefined, { path: ['cursorParam'], message: 'only with nextPath (the answer field holding the cursor)' })
    .refine((p) => (p.perPageParam === undefined) === (p.perPage === undefined), { path: ['perPage'], message: 'perPageParam and perPage go together: the parameter name and the page size, e.g. per_page and 100' })
    .optional(),
  cleanup: noCleanup('rest-json', 'it only reads the endpoint; cancel test orders in the back office'),
});
type Settings = z.infer<typeof settingsSchema>;

function pick(value: unknown, path: string): unknown {
  if (!path) return value;
  return path.split('.').reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);
}

/** The optional attributes the mapping names; a field not named, or absent from the order, stays unset. */
function attributesOf(raw: unknown, fields: Settings['fields']) {
  const { line } = fields;
  return knownAttributes({
    lines: fields.lines
      ? linesOf(pick(raw, fields.lines), (item) => ({
          sku: pick(item, line.sku),
          name: pick(item, line.name),
          category: pick(item, line.category),
          quantity: pick(item, line.quantity),
          unitPrice: pick(item, line.unitPrice),
        }))
      : undefined,
    shippingMethod: fields.shippingMethod ? textOf(pick(raw, fields.shippingMethod)) : undefined,
    paymentMethod: fields.paymentMethod ? textOf(pick(raw, fields.paymentMethod)) : undefined,
    coupons: fields.coupons ? codesOf(pick(raw, fields.coupons), (entry) => (entry && typeof entry === 'object' ? pick(entry, fields.couponCode) : entry)) : undefined,
  });
}

/** `orders.tokenEnv: ...` when the token variable the monitor names is unset. */
function tokenProblem(settings: Settings, env: NodeJS.ProcessEnv): string | undefined {
  return settings.tokenEnv ? envProblem('tokenEnv', settings.tokenEnv, env, 'the orders API token') : undefined;
}

function authHeaders(settings: Settings, env: NodeJS.ProcessEnv): Record<string, string> {
  const problem = tokenProblem(settings, env);
  if (problem) throw new BackendUnreachableError(problem);
  if (!settings.tokenEnv) return {};
  const token = env[settings.tokenEnv]!;
  return { [settings.authHeader]: settings.authScheme ? `${settings.authScheme} ${token}` : token };
}

/**
 * Every order object the endpoint lists for the window (and the stamp search, when it takes
 * one), page after page as orders.pagination says; one answer without it.
 */
async function listRaw(settings: Settings, window: { from: Date; to: Date; runId?: string }, context: OrderSourceContext): Promise<unknown[]> {
  const headers = authHeaders(settings, context.env);
  const first = new URL(settings.url);
  first.searchParams.set(settings.params.from, window.from.toISOString());
  first.searchParams.set(settings.params.to, window.to.toISOString());
  if (settings.params.search && window.runId) first.searchParams.set(settings.params.search, window.runId);
  const paging = settings.pagination;
  if (paging?.pageParam) {
    first.searchParams.set(paging.pageParam, '1');
    if (paging.perPageParam) first.searchParams.set(paging.perPageParam, String(paging.perPage));
  }
  const all: unknown[] = [];
  const seen = new Set<string>();
  let url: URL | undefined = first;
  for (let page = 1; url; page++) {
    if (paging && page > paging.maxPages) {
      throw new BackendUnreachableError(`orders endpoint ${redact(settings.url)} has more than ${paging.maxPages} pages for ${window.from.toISOString()} to ${window.to.toISOString()}: raise orders.pagination.maxPages${paging.perPageParam ? ' or orders.pagination.perPage' : ''}.`);
    }
    seen.add(url.toString());
    // The token goes only to the endpoint's own origin, whatever a next link points at.
    const body = await getJson(url.toString(), url.origin === first.origin ? headers : {}, context.timeoutMs);
    const list = pick(body, settings.ordersPath);
    if (!Array.isArray(list)) throw new BackendUnreachableError(`orders endpoint answer has no array at '${settings.ordersPath}' (orders.ordersPath)${page > 1 ? ` on page ${page}` : ''}.`);
    all.push(...list);
    url = nextPage(settings, url, body, list.length, page);
    if (url && seen.has(url.toString())) {
      throw new BackendUnreachableError(`orders endpoint ${redact(settings.url)} pointed page ${page + 1} back at a page already read: check orders.pagination.`);
    }
  }
  return all;
}

/** The next page's URL as orders.pagination reads it from this answer; undefined on the last page. */
function nextPage(settings: Settings, current: URL, body: unknown, count: number, page: number): URL | undefined {
  const paging = settings.pagination;
  if (!paging) return undefined;
  if (paging.pageParam) {
    if (count === 0 || (paging.perPage !== undefined && count < paging.perPage)) return undefined;
    const next = new URL(current);
    next.searchParams.set(paging.pageParam, String(page + 1));
    return next;
  }
  const value = pick(body, paging.nextPath!);
  if (value === null || value === undefined || value === '' || value === false) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new BackendUnreachableError(`orders endpoint answer has ${JSON.stringify(value).slice(0, 60)} at '${paging.nextPath}' (orders.pagination.nextPath): expected the next page's ${paging.cursorParam ? 'cursor' : 'URL'}, or null on the last page.`);
  }
  if (paging.cursorParam) {
    const next = new URL(current);
    next.searchParams.set(paging.cursorParam, String(value));
    return next;
  }
  try {
    return new URL(String(value), current);
  } catch {
    throw new BackendUnreachableError(`orders endpoint answer has a next page '${paging.nextPath}' that is not a URL: set orders.pagination.cursorParam if it is a cursor.`);
  }
}

/** Every order the endpoint lists for the window (and the stamp search, when it takes one). */
async function listOrders(settings: Settings, window: { from: Date; to: Date; runId?: string }, context: OrderSourceContext): Promise<Order[]> {
  const list = await listRaw(settings, window, context);
  return list.map((raw): Order => {
    const stamp = pick(raw, settings.fields.stamp);
    return {
      id: String(pick(raw, settings.fields.id)),
      total: Number(pick(raw, settings.fields.total)),
      currency: String(pick(raw, settings.fields.currency)),
      createdAt: String(pick(raw, settings.fields.createdAt)),
      stamp: typeof stamp === 'string' ? stamp : undefined,
      ...attributesOf(raw, settings.fields),
    };
  });
}

/** A real order of a period from one order object; what cannot be read is an error naming the field. */
function toRealOrder(raw: unknown, settings: Settings): RealOrder {
  const { fields } = settings;
  const id = textOf(pick(raw, fields.id));
  const problem = (what: string) => new BackendUnreachableError(`orders endpoint order ${id ?? '(no id)'}: ${what}: check orders.fields.`);
  if (id === undefined) throw problem(`no id at '${fields.id}' (orders.fields.id)`);
  const rawTotal = pick(raw, fields.total);
  const total = typeof rawTotal === 'number' ? rawTotal : typeof rawTotal === 'string' && rawTotal.trim() !== '' ? Number(rawTotal) : Number.NaN;
  if (!Number.isFinite(total)) throw problem(`total ${JSON.stringify(rawTotal)} at '${fields.total}' is not a number`);
  const currency = textOf(pick(raw, fields.currency));
  if (currency === undefined) throw problem(`no currency at '${fields.currency}' (orders.fields.currency)`);
  const rawTime = pick(raw, fields.createdAt);
  const time = typeof rawTime === 'string' || typeof rawTime === 'number' ? Date.parse(String(rawTime)) : Number.NaN;
  if (!Number.isFinite(time)) throw problem(`created time ${JSON.stringify(rawTime)} at '${fields.createdAt}' is not an ISO time`);
  const { lines, shippingMethod, paymentMethod, coupons } = attributesOf(raw, fields);
  return realOrder({
    id,
    createdAt: new Date(time).toISOString(),
    total,
    currency,
    lineItems: fields.lineCount ? pick(raw, fields.lineCount) : lines,
    shippingMethod,
    paymentMethod,
    coupons,
    device: fields.device ? pick(raw, fields.device) : undefined,
    channel: fields.channel ? pick(raw, fields.channel) : undefined,
  });
}

/** Any back office with a JSON orders endpoint: URL, token from env, field mapping. Read-only. */
export default defineOrderSource({
  id: 'rest-json',
  description: 'a JSON orders endpoint with a field mapping',
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings, 'rest-json');
  },
  credentialProblems(rawSettings, env) {
    const settings = validSettings(settingsSchema, rawSettings);
    const problem = settings && tokenProblem(settings, env);
    return problem ? [problem] : [];
  },
  /** One GET for an empty window (from = to = now): the endpoint answers, takes the token, and has the orders array where ordersPath says. */
  async checkConnection(rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'rest-json');
    const now = new Date();
    await listOrders(settings, { from: now, to: now }, context);
  },
  async fetchOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'rest-json');
    const orders = await listOrders(settings, query, context);
    // The API may not search by stamp: keep only this run's test orders either way.
    return orders.filter((order) => order.stamp?.includes(query.runId));
  },
  /**
   * Every order the endpoint lists for the period (params.from/params.to, every page as
   * orders.pagination says), the end excluded here whatever the endpoint does; test orders
   * (query.isTestOrder on the fields.stamp field) left out, that field never copied.
   */
  async fetchPeriodOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'rest-json');
    const list = await listRaw(settings, { from: query.from, to: query.to }, context);
    const orders: RealOrder[] = [];
    for (const raw of list) {
      if (isTestOrderIn([pick(raw, settings.fields.stamp)], query.isTestOrder)) continue;
      const order = toRealOrder(raw, settings);
      if (inPeriod(order.createdAt, query)) orders.push(order);
    }
    return orders;
  },
});
