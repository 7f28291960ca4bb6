import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource } from '../define-order-source.ts';
import { parseSettings, settingsProblems } from '../source-settings.ts';
import { getJson } from '../http-json.ts';

const settingsSchema = z.object({
  /** Orders endpoint, e.g. https://backoffice.example/api/orders. */
  url: z.url(),
  /** Name of the env variable holding the API token (never the token itself). */
  tokenEnv: z.string().optional(),
  /** Header carrying the token. Default Authorization, with the Bearer scheme. */
  authHeader: z.string().default('Authorization'),
  authScheme: z.string().default('Bearer'),
  /** Query parameter names the API takes for the window and the stamp search. */
  params: z
    .object({ from: z.string().default('from'), to: z.string().default('to'), search: z.string().optional() })
    .prefault({}),
  /** Dotted path to the orders array in the answer; '' when the answer is the array. Default 'orders'. */
  ordersPath: z.string().default('orders'),
  /** Field of each order holding id, total, currency, creation time and stamp (dotted paths). */
  fields: z
    .object({
      id: z.string().default('id'),
      total: z.string().default('total'),
      currency: z.string().default('currency'),
      createdAt: z.string().default('created_at'),
      stamp: z.string().default('email'),
    })
    .prefault({}),
});

function pick(value: unknown, path: string): unknown {
  if (!path) return value;
  return path.split('.').reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);
}

/** Any back office with a JSON orders endpoint: URL, token from env, field mapping. */
export default defineOrderSource({
  id: 'rest-json',
  description: 'a JSON orders endpoint with a field mapping',
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings);
  },
  async fetchOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'rest-json');
    const headers: Record<string, string> = {};
    if (settings.tokenEnv) {
      const token = context.env[settings.tokenEnv];
      if (!token) throw new BackendUnreachableError(`environment variable ${settings.tokenEnv} (orders.tokenEnv) is not set: export the API token before the audit.`);
      headers[settings.authHeader] = settings.authScheme ? `${settings.authScheme} ${token}` : token;
    }
    const url = new URL(settings.url);
    url.searchParams.set(settings.params.from, query.from.toISOString());
    url.searchParams.set(settings.params.to, query.to.toISOString());
    if (settings.params.search) url.searchParams.set(settings.params.search, query.runId);
    const body = await getJson(url.toString(), headers, context.timeoutMs);
    const list = pick(body, settings.ordersPath);
    if (!Array.isArray(list)) throw new BackendUnreachableError(`orders endpoint answer has no array at '${settings.ordersPath}' (orders.ordersPath).`);
    const orders = list.map((raw): Order => {
      const stamp = pick(raw, settings.fields.stamp);
      return {
        id: String(pick(raw, settings.fields.id)),
        total: Number(pick(raw, settings.fields.total)),
        currency: String(pick(raw, settings.fields.currency)),
        createdAt: String(pick(raw, settings.fields.createdAt)),
        stamp: typeof stamp === 'string' ? stamp : undefined,
      };
    });
    // The API may not search by stamp: keep only this run's test orders either way.
    return orders.filter((order) => order.stamp?.includes(query.runId));
  },
});
