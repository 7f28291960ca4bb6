import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext } from '../define-order-source.ts';
import { envProblem, envVariableName, noCleanup, orderSettingsSchema, parseSettings, settingsProblems, validSettings } from '../source-settings.ts';
import { getJson } from '../http-json.ts';
import { codesOf, knownAttributes, linesOf, textOf } from '../order-attributes.ts';

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

/** Every order the endpoint lists for the window (and the stamp search, when it takes one). */
async function listOrders(settings: Settings, window: { from: Date; to: Date; runId?: string }, context: OrderSourceContext): Promise<Order[]> {
  const headers = authHeaders(settings, context.env);
  const url = new URL(settings.url);
  url.searchParams.set(settings.params.from, window.from.toISOString());
  url.searchParams.set(settings.params.to, window.to.toISOString());
  if (settings.params.search && window.runId) url.searchParams.set(settings.params.search, window.runId);
  const body = await getJson(url.toString(), headers, context.timeoutMs);
  const list = pick(body, settings.ordersPath);
  if (!Array.isArray(list)) throw new BackendUnreachableError(`orders endpoint answer has no array at '${settings.ordersPath}' (orders.ordersPath).`);
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
});
