import { createHmac, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/**
 * The Marketing API's ad account reads over the Graph API, as documented
 * (developers.facebook.com/docs/marketing-api/insights, .../reference/ad-account/insights,
 * .../reference/ads-action-stats, .../overview/rate-limiting, graph-api/guides/error-handling):
 *
 * - GET /v{version}/act_{id}?fields=timezone_name,currency: the ad account's fields;
 * - GET /v{version}/act_{id}/insights with fields, level, time_range={"since","until"},
 *   time_increment=1 (one row per day with data, oldest first), limit (default 25) and `after`:
 *   `{"data": [...], "paging": {"cursors": {"before", "after"}, "next"?}}`; `actions` and
 *   `action_values` are lists of `{"action_type", "value"}` with numeric strings;
 * - errors `{"error": {"message", "type", "code", "error_subcode"?, "fbtrace_id"}}` (HTTP 400, like
 *   Graph), rate limits with X-Business-Use-Case-Usage and X-Ad-Account-Usage headers.
 *
 * The token is taken from `access_token` (what the SDK sends) or `Authorization: Bearer`.
 */

/** What the ad account recorded for one day (in the account's time zone). */
export interface FakeMetaDay {
  /** YYYY-MM-DD. */
  date: string;
  /** Pixel purchases (offsite_conversion.fb_pixel_purchase, and the `purchase` roll-up). */
  purchases: number;
  /** Their value, in the account currency. */
  value: number;
  /** omni_purchase (adds app, offline and in-store purchases). Default: `purchases`. */
  omniPurchases?: number;
  omniValue?: number;
}

/** A rate limit the next N insights calls meet. */
export interface FakeMetaRateLimit {
  times: number;
  /** 17 (user request limit), 4 (app), 613 (calls from this ad account) or 80000 (ads_insights BUC). Default 80000. */
  code?: 4 | 17 | 613 | 80000;
  /** X-Business-Use-Case-Usage estimated_time_to_regain_access, in minutes. Absent: the header says 0. */
  estimatedMinutes?: number;
}

export interface FakeMetaOptions {
  /** Digits, without act_. */
  adAccountId: string;
  /** The only token accepted. */
  accessToken: string;
  days: FakeMetaDay[];
  /** When set, every call must carry appsecret_proof = HMAC-SHA256(token) keyed by it. */
  appSecret?: string;
  /** Account fields. Default Europe/Berlin, EUR. */
  timeZone?: string;
  currency?: string;
}

export interface FakeMetaRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The token the call carried (query or bearer), to assert it was the right one. */
  accessToken?: string;
  status: number;
}

export interface FakeMetaMarketingApi {
  /** Base URL (what settings put in apiUrl). */
  url: string;
  requests: FakeMetaRequest[];
  /** The next N insights calls are rate-limited. */
  rateLimit: FakeMetaRateLimit;
  /** 'token': error 190 for any token; 'permission': error 200 (no ads_read on the account). */
  refuse: false | 'token' | 'permission';
  close(): Promise<void>;
}

const FIELDS = new Set(['account_id', 'account_name', 'account_currency', 'actions', 'action_values', 'date_start', 'date_stop', 'impressions', 'spend']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RATE_LIMIT_MESSAGES: Record<number, [string, number | undefined]> = {
  4: ['Application request limit reached', 1504022],
  17: ['User request limit reached', 2446079],
  613: ['There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.', 1487742],
  80000: ['There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.', 2446079],
};

export async function startFakeMetaMarketingApi(options: FakeMetaOptions): Promise<FakeMetaMarketingApi> {
  const account = `act_${options.adAccountId}`;
  const requests: FakeMetaRequest[] = [];
  const usage = { calls: 0 };

  const usageHeaders = (estimatedMinutes = 0, full = false): Record<string, string> => ({
    'x-business-use-case-usage': JSON.stringify({
      [options.adAccountId]: [{ type: 'ads_insights', call_count: full ? 100 : Math.min(usage.calls * 2, 60), total_cputime: full ? 100 : usage.calls, total_time: full ? 100 : usage.calls, estimated_time_to_regain_access: estimatedMinutes }],
    }),
    'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: full ? 100 : usage.calls, reset_time_duration: full ? estimatedMinutes * 60 : 0, ads_api_access_tier: 'standard_access' }),
  });

  const answer = (res: ServerResponse, request: FakeMetaRequest, status: number, body: unknown, headers: Record<string, string> = {}) => {
    request.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': randomBytes(8).toString('base64'), ...headers }).end(JSON.stringify(body));
  };
  const graphError = (res: ServerResponse, request: FakeMetaRequest, error: { message: string; type: string; code: number; error_subcode?: number }, headers: Record<string, string> = {}) =>
    answer(res, request, 400, { error: { ...error, fbtrace_id: randomBytes(8).toString('base64url') } }, headers);

  const fake: FakeMetaMarketingApi = {
    url: '',
    requests,
    rateLimit: { times: 0 },
    refuse: false,
    close: async () => {},
  };

  const server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('access_token') ?? bearer ?? undefined;
    const request: FakeMetaRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, ...(token !== undefined ? { accessToken: token } : {}), status: 0 };
    requests.push(request);

    const route = /^\/v(\d+\.\d+)\/(act_[^/]+)(\/insights)?\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || !route) {
      graphError(res, request, { message: `Unknown path components: ${url.pathname}`, type: 'OAuthException', code: 2500 });
      return;
    }
    if (token === undefined) {
      graphError(res, request, { message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500 });
      return;
    }
    if (fake.refuse === 'token' || token !== options.accessToken) {
      graphError(res, request, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
      return;
    }
    if (options.appSecret) {
      const proof = url.searchParams.get('appsecret_proof');
      if (!proof) {
        graphError(res, request, { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 });
        return;
      }
      if (proof !== createHmac('sha256', options.appSecret).update(token).digest('hex')) {
        graphError(res, request, { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 });
        return;
      }
    }
    if (route[2] !== account) {
      graphError(res, request, {
        message: `Unsupported get request. Object with ID '${route[2]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
      return;
    }
    if (fake.refuse === 'permission') {
      graphError(res, request, { message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission', type: 'OAuthException', code: 200 });
      return;
    }

    const requested = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    if (!route[3]) {
      const node: Record<string, string> = { id: account, account_id: options.adAccountId, timezone_name: options.timeZone ?? 'Europe/Berlin', currency: options.currency ?? 'EUR', name: 'Shop ad account' };
      const fields = requested.length ? requested : ['id'];
      const unknown = fields.find((field) => !(field in node));
      if (unknown) {
        graphError(res, request, { message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (AdAccount)`, type: 'OAuthException', code: 100 });
        return;
      }
      answer(res, request, 200, Object.fromEntries([['id', account], ...fields.map((field) => [field, node[field]])]), usageHeaders());
      return;
    }

    // Insights.
    usage.calls++;
    if (fake.rateLimit.times > 0) {
      fake.rateLimit.times--;
      const code = fake.rateLimit.code ?? 80000;
      const [message, subcode] = RATE_LIMIT_MESSAGES[code]!;
      graphError(res, request, { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}) }, usageHeaders(fake.rateLimit.estimatedMinutes ?? 0, true));
      return;
    }
    const badField = requested.find((field) => !FIELDS.has(field));
    if (badField) {
      graphError(res, request, { message: `(#100) ${badField} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`, type: 'OAuthException', code: 100 });
      return;
    }
    let range: { since?: unknown; until?: unknown };
    try {
      range = JSON.parse(url.searchParams.get('time_range') ?? 'null') as { since?: unknown; until?: unknown };
    } catch {
      range = {};
    }
    if (!range || typeof range.since !== 'string' || typeof range.until !== 'string' || !DAY.test(range.since) || !DAY.test(range.until) || range.since > range.until) {
      graphError(res, request, { message: '(#100) Must be a valid time range: {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}', type: 'OAuthException', code: 100 });
      return;
    }
    const level = url.searchParams.get('level') ?? 'account';
    const increment = url.searchParams.get('time_increment') ?? 'all_days';
    if (level !== 'account' || increment !== '1') {
      // The fake only knows the per-day account totals it was given.
      graphError(res, request, { message: `(#100) The fake Marketing API answers level=account&time_increment=1 only (got level=${level}, time_increment=${increment})`, type: 'OAuthException', code: 100 });
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const offset = url.searchParams.has('after') ? Number(Buffer.from(url.searchParams.get('after')!, 'base64').toString()) : 0;
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
      graphError(res, request, { message: '(#100) Invalid paging parameters', type: 'OAuthException', code: 100 });
      return;
    }
    const { since, until } = range as { since: string; until: string };
    const inRange = options.days.filter((day) => day.date >= since && day.date <= until).sort((a, b) => a.date.localeCompare(b.date));
    const fields = requested.length ? requested : ['impressions', 'spend'];
    const rows = inRange.slice(offset, offset + limit).map((day) => row(day, fields, options));
    const after = Buffer.from(String(offset + rows.length)).toString('base64');
    const next = new URL(`${fake.url}${url.pathname}`);
    for (const [key, value] of url.searchParams) if (key !== 'after') next.searchParams.set(key, value);
    next.searchParams.set('after', after);
    answer(
      res,
      request,
      200,
      {
        data: rows,
        paging: {
          cursors: { before: Buffer.from(String(offset)).toString('base64'), after },
          ...(offset + rows.length < inRange.length ? { next: next.toString() } : {}),
        },
      },
      usageHeaders(),
    );
  });

  fake.url = server.url;
  fake.close = server.close;
  return fake;
}

/** One day's insights row with the fields asked for (date_start and date_stop always, like the API). */
function row(day: FakeMetaDay, fields: string[], options: FakeMetaOptions): Record<string, unknown> {
  const omni = day.omniPurchases ?? day.purchases;
  const omniValue = day.omniValue ?? day.value;
  // Action types with 0 are left out of the lists, as the API does.
  const list = (entries: [string, number][]) => entries.filter(([, value]) => value > 0).map(([action_type, value]) => ({ action_type, value: String(Math.round(value * 100) / 100) }));
  const all: Record<string, unknown> = {
    account_id: options.adAccountId,
    account_name: 'Shop ad account',
    account_currency: options.currency ?? 'EUR',
    impressions: String(1000 + day.purchases * 37),
    spend: (12.5 + day.purchases).toFixed(2),
    actions: list([
      ['link_click', 40 + day.purchases * 3],
      ['offsite_conversion.fb_pixel_add_to_cart', day.purchases * 2],
      ['offsite_conversion.fb_pixel_purchase', day.purchases],
      ['omni_purchase', omni],
      ['purchase', day.purchases],
    ]),
    action_values: list([
      ['offsite_conversion.fb_pixel_purchase', day.value],
      ['omni_purchase', omniValue],
      ['purchase', day.value],
    ]),
  };
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in all && field !== 'date_start' && field !== 'date_stop' && (!Array.isArray(all[field]) || (all[field] as unknown[]).length)) out[field] = all[field];
  return { ...out, date_start: day.date, date_stop: day.date };
}
