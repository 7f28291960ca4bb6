import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RetryAdvice } from './retrying.ts';

/**
 * The Marketing API through the official facebook-nodejs-business-sdk, pointed at `apiUrl`.
 *
 * The SDK has no types and one fixed address: FacebookAdsApi.call() builds
 * `${urlOverride || FacebookAdsApi.GRAPH}/${FacebookAdsApi.VERSION}/${path}` (src/api.js), and
 * Cursor.next() calls it with the `paging.next` URL of the previous answer as it is. A subclass
 * passes `apiUrl` as `urlOverride` (no global GRAPH patch, so two monitors in one process can read
 * two addresses), adds appsecret_proof, and bounds each call by the comparison's time limit. The
 * SDK's crash reporter (which would post uncaught errors to Meta) stays off.
 */

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
  error_user_msg?: string;
}

/** What the SDK throws for an HTTP error (FacebookRequestError, not exported by the package). */
interface SdkRequestError extends Error {
  status: number | null;
  response: GraphErrorBody | null;
  headers: Record<string, string> | null;
}

type Params = Record<string, unknown>;

interface GraphApi {
  call(method: string, path: string | string[], params?: Params, files?: object, useMultipartFormData?: boolean, urlOverride?: string): Promise<unknown>;
  setShowHeader(flag: boolean): GraphApi;
}

interface GraphApiClass {
  new (accessToken: string, locale?: string, crashLog?: boolean): GraphApi;
  readonly VERSION: string;
}

/** An insights row or a node as the SDK hands it over: exportAllData() is what the API sent (exportData() is only local changes). */
interface SdkObject {
  exportAllData(): Params;
}

/** The SDK's Cursor: an array of the current page's rows that loads the next page in place. */
export interface InsightsPage extends Array<SdkObject> {
  hasNext(): boolean;
  next(): Promise<InsightsPage>;
  headers?: Record<string, string>;
}

interface AdAccountObject extends SdkObject {
  getInsights(fields: string[], params: Params): Promise<InsightsPage>;
  get(fields: string[], params?: Params): Promise<AdAccountObject>;
}

interface MetaSdk {
  FacebookAdsApi: GraphApiClass;
  AdAccount: new (id: string, data?: Params, parentId?: string, api?: GraphApi) => AdAccountObject;
}

const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as MetaSdk;

/** The Graph API version the installed SDK speaks ("v24.0"). */
export const GRAPH_VERSION = sdk.FacebookAdsApi.VERSION;

/** A call that took longer than the comparison's time limit. */
export class GraphTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
    this.name = 'GraphTimeoutError';
  }
}

/** A `paging.next` that leaves the API's address: not followed, the token would go with it. */
export class ForeignPageError extends Error {
  constructor(origin: string) {
    super(`the answer's next page is on ${origin}, not on the API's address: not followed`);
    this.name = 'ForeignPageError';
  }
}

export interface GraphOptions {
  accessToken: string;
  appSecret?: string;
  apiUrl: string;
  timeoutMs: number;
}

class LocalGraphApi extends sdk.FacebookAdsApi {
  readonly #apiUrl: string;
  readonly #origin: string;
  readonly #proof: string | undefined;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: GraphOptions) {
    super(options.accessToken, 'en_US', false);
    this.#apiUrl = options.apiUrl;
    this.#origin = new URL(options.apiUrl).origin;
    this.#token = options.accessToken;
    // https://developers.facebook.com/docs/graph-api/securing-requests: HMAC-SHA256 of the token, keyed by the app secret, in hex.
    this.#proof = options.appSecret ? createHmac('sha256', options.appSecret).update(options.accessToken).digest('hex') : undefined;
    this.#timeoutMs = options.timeoutMs;
    // The answers' headers (rate-limit usage) on every page: Cursor.headers.
    this.setShowHeader(true);
  }

  override call(method: string, path: string | string[], params: Params = {}, files: object = {}, useMultipartFormData = false, urlOverride = ''): Promise<unknown> {
    let target: string | string[] = path;
    if (typeof path === 'string') {
      const url = new URL(path);
      if (url.origin !== this.#origin) return Promise.reject(new ForeignPageError(url.origin));
      // Graph's paging.next carries the query it was asked with; the token and proof are made sure of, not assumed.
      if (!url.searchParams.has('access_token')) url.searchParams.set('access_token', this.#token);
      if (this.#proof && !url.searchParams.has('appsecret_proof')) url.searchParams.set('appsecret_proof', this.#proof);
      target = url.toString();
    } else if (this.#proof) {
      params = { ...params, appsecret_proof: this.#proof };
    }
    const answer = super.call(method, target, params, files, useMultipartFormData, urlOverride || this.#apiUrl);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new GraphTimeoutError(this.#timeoutMs)), this.#timeoutMs);
    });
    return Promise.race([answer, limit]).finally(() => clearTimeout(timer));
  }
}

/** The ad account's node, read through the SDK against `options.apiUrl`. */
export function adAccount(adAccountId: string, options: GraphOptions): AdAccountObject {
  return new sdk.AdAccount(`act_${adAccountId}`, {}, undefined, new LocalGraphApi(options));
}

/** The SDK's error for an HTTP answer that was not 2xx (or no answer: status null). */
export function asGraphError(error: unknown): SdkRequestError | undefined {
  if (error instanceof Error && error.name === 'FacebookRequestError' && 'status' in error) return error as SdkRequestError;
  return undefined;
}

/** Rate-limit codes of the Marketing API (rate-limiting docs): app, user, page, ad account, BUC ads_insights / ads_management / custom audience. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80000, 80003, 80004, 80014]);
/** "Unknown error" and "service temporarily unavailable": Graph's own passing faults. */
const PASSING_CODES = new Set([1, 2]);
/** Insights subcodes that say "try again": request timed out, intermittent error. */
const PASSING_SUBCODES = new Set([1504018, 1504038, 1504043]);

/** Minutes to regain access as X-Business-Use-Case-Usage says (the longest of the entries), in ms. */
function bucWaitMs(headers: Record<string, string> | null | undefined): number | undefined {
  const usage = parseJsonHeader(headers, 'x-business-use-case-usage');
  if (!usage || typeof usage !== 'object') return undefined;
  let minutes = 0;
  for (const entries of Object.values(usage as Record<string, unknown>)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const value = Number((entry as Record<string, unknown>)?.estimated_time_to_regain_access);
      if (Number.isFinite(value) && value > minutes) minutes = value;
    }
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/** Seconds until the ad account's limit resets, as X-Ad-Account-Usage says, in ms. */
function adAccountWaitMs(headers: Record<string, string> | null | undefined): number | undefined {
  const usage = parseJsonHeader(headers, 'x-ad-account-usage') as Record<string, unknown> | undefined;
  const seconds = Number(usage?.reset_time_duration);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export function parseJsonHeader(headers: Record<string, string> | null | undefined, name: string): unknown {
  const text = headers?.[name] ?? headers?.[name.toLowerCase()];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRateLimit(error: unknown): boolean {
  const graph = asGraphError(error);
  return graph !== undefined && (graph.status === 429 || RATE_LIMIT_CODES.has(graph.response?.code ?? NaN));
}

/** Retry rate limits (after the wait the API names), passing faults, timeouts, no answer; nothing else. */
export function adviseGraph(error: unknown): RetryAdvice {
  if (error instanceof GraphTimeoutError) return { retry: true };
  if (error instanceof ForeignPageError) return { retry: false };
  const graph = asGraphError(error);
  // Not the SDK's error: the SDK failed reading the answer (an HTML error page from a proxy): a passing fault.
  if (!graph) return { retry: true };
  if (graph.status === null) return { retry: true };
  if (isRateLimit(error)) {
    const afterMs = bucWaitMs(graph.headers) ?? adAccountWaitMs(graph.headers);
    return afterMs === undefined ? { retry: true } : { retry: true, afterMs };
  }
  const code = graph.response?.code;
  if ((code !== undefined && PASSING_CODES.has(code)) || PASSING_SUBCODES.has(graph.response?.error_subcode ?? NaN) || graph.status >= 500) return { retry: true };
  return { retry: false };
}
