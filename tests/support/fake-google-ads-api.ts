import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { startLocalServer } from './local-server.ts';

/** Conversions of one conversion action on one day (the dataset a test gives). */
export interface FakeAdsConversionRow {
  date: string;
  /** Default "Purchase". */
  conversionAction?: string;
  conversions: number;
  value: number;
}

export interface FakeGoogleAdsOptions {
  rows: FakeAdsConversionRow[];
  /** 10 digits, no dashes. */
  customerId: string;
  /** When set, the login-customer-id header must carry it (access through that manager account). */
  loginCustomerId?: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Default "v26". */
  version?: string;
  currencyCode?: string;
  timeZone?: string;
  /** Rows per page; the real API serves 10,000 (the default). */
  rowsPerPage?: number;
  /** Answer this many googleAds:search calls with 429 RESOURCE_EXHAUSTED first (retryDelay `retryDelay`, default "2s"). */
  quotaErrors?: number;
  retryDelay?: string;
  /** 'refresh-token': the token endpoint answers invalid_grant; 'customer': the API answers USER_PERMISSION_DENIED. */
  refuse?: 'refresh-token' | 'customer';
}

export interface FakeGoogleAdsRequest {
  path: string;
  headers: Record<string, string | undefined>;
  /** The parsed JSON body (search) or form fields (token). */
  body: Record<string, unknown>;
  /** The HTTP status answered. */
  status: number;
}

export interface FakeGoogleAdsApi {
  /** The API address (settings apiUrl). */
  url: string;
  /** The token endpoint (settings tokenUrl). */
  tokenUrl: string;
  requests: FakeGoogleAdsRequest[];
  /** Access tokens issued so far. */
  issuedTokens: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A google.rpc.Status body carrying a GoogleAdsFailure, as the REST interface answers errors. */
function adsFailure(version: string, httpCode: number, status: string, errors: { errorCode: Record<string, string>; message: string; details?: unknown }[]) {
  const requestId = randomBytes(11).toString('base64url');
  return {
    error: {
      code: httpCode,
      message: httpCode === 429 ? 'Resource has been exhausted (e.g. check quota).' : httpCode === 403 ? "The caller does not have permission" : httpCode === 401 ? 'Request had invalid authentication credentials.' : 'Request contains an invalid argument.',
      status,
      details: [{ '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors, requestId }],
    },
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What of a GAQL query the fake understands: the two queries the client sends, each clause checked. */
function parseQuery(query: string): { kind: 'account' } | { kind: 'conversions'; from: string; to: string; actions?: string[] } | { error: string } {
  const q = query.replace(/\s+/g, ' ').trim();
  if (/^SELECT customer\.currency_code, customer\.time_zone FROM customer$/i.test(q)) return { kind: 'account' };
  const match = /^SELECT (.+) FROM customer WHERE (.+?)(?: ORDER BY segments\.date(?: ASC)?)?$/i.exec(q);
  if (!match) return { error: `Error in query: unexpected input ${q.slice(0, 40)}` };
  const fields = match[1]!.split(',').map((field) => field.trim());
  for (const needed of ['segments.date', 'metrics.conversions', 'metrics.conversions_value']) if (!fields.includes(needed)) return { error: `the query does not select ${needed}` };
  const unknown = fields.filter((field) => !['segments.date', 'segments.conversion_action_name', 'segments.conversion_action', 'metrics.conversions', 'metrics.conversions_value'].includes(field));
  if (unknown.length) return { error: `Unrecognized field in the query: '${unknown[0]}'.` };
  const conditions = match[2]!.split(/ AND (?=segments\.)/i);
  let from: string | undefined;
  let to: string | undefined;
  let actions: string[] | undefined;
  for (const condition of conditions) {
    const between = /^segments\.date BETWEEN '([^']*)' AND '([^']*)'$/i.exec(condition);
    const names = /^segments\.conversion_action_name IN \((.+)\)$/i.exec(condition);
    if (between) {
      [from, to] = [between[1]!, between[2]!];
    } else if (names) {
      actions = [...names[1]!.matchAll(/'((?:\\.|[^'\\])*)'/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
      if (!actions.length) return { error: 'Error in query: IN needs at least one value' };
    } else {
      return { error: `Error in query: unexpected condition ${condition}` };
    }
  }
  if (!from || !to) return { error: 'A date range must be specified for segments.date' };
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return { error: `Invalid date literal: '${DATE.test(from) ? to : from}'` };
  if (from > to) return { error: 'The start date of the date range is after its end date' };
  return { kind: 'conversions', from, to, ...(actions ? { actions } : {}) };
}

/**
 * Google's OAuth token endpoint and the Google Ads API's googleAds:search (REST interface), in
 * their documented shapes: the refresh-token grant with the client's ID and secret, a Bearer
 * access token, GAQL over `customer` segmented by date and conversion action, pages of
 * `rowsPerPage` rows chained by nextPageToken, rows whose metrics are all zero left out, and
 * errors as google.rpc.Status with a GoogleAdsFailure (quotaError with retryDelay,
 * authorizationError USER_PERMISSION_DENIED, requestError PAGE_SIZE_NOT_SUPPORTED).
 */
export async function startFakeGoogleAdsApi(options: FakeGoogleAdsOptions): Promise<FakeGoogleAdsApi> {
  const version = options.version ?? 'v26';
  const rowsPerPage = options.rowsPerPage ?? 10_000;
  const requests: FakeGoogleAdsRequest[] = [];
  const issuedTokens: string[] = [];
  const pageTokens = new Map<string, { query: string; offset: number }>();
  let quotaErrors = options.quotaErrors ?? 0;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const text = await readBody(req);
    const record: FakeGoogleAdsRequest = {
      path,
      headers: { authorization: req.headers.authorization, 'developer-token': req.headers['developer-token'] as string | undefined, 'login-customer-id': req.headers['login-customer-id'] as string | undefined, 'content-type': req.headers['content-type'] },
      body: {},
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
    };

    if (path === '/token') {
      const form = Object.fromEntries(new URLSearchParams(text));
      record.body = form;
      if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return answer(400, { error: 'invalid_request', error_description: 'Invalid request' });
      if (form.grant_type !== 'refresh_token') return answer(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.grant_type ?? ''}` });
      if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) return answer(401, { error: 'invalid_client', error_description: 'Unauthorized' });
      if (!form.refresh_token) return answer(400, { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' });
      if (form.refresh_token !== options.refreshToken || options.refuse === 'refresh-token') return answer(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      const token = `ya29.${randomBytes(24).toString('base64url')}`;
      issuedTokens.push(token);
      return answer(200, { access_token: token, expires_in: 3599, scope: 'https://www.googleapis.com/auth/adwords', token_type: 'Bearer' });
    }

    const route = new RegExp(`^/${version}/customers/([^/]+)/googleAds:search$`).exec(path);
    if (!route || req.method !== 'POST') {
      record.status = 404;
      res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8' }).end('<!DOCTYPE html><title>Error 404 (Not Found)!!1</title><p>The requested URL was not found on this server.');
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return answer(400, { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } });
    }
    record.body = body;

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return answer(401, { error: { code: 401, message: 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.', status: 'UNAUTHENTICATED' } });
    if (!issuedTokens.includes(bearer)) return answer(401, adsFailure(version, 401, 'UNAUTHENTICATED', [{ errorCode: { authenticationError: 'OAUTH_TOKEN_INVALID' }, message: 'Oauth token is invalid.' }]));
    const login = req.headers['login-customer-id'];
    if (login !== undefined && !/^\d{10}$/.test(String(login))) return answer(400, adsFailure(version, 400, 'INVALID_ARGUMENT', [{ errorCode: { requestError: 'INVALID_CUSTOMER_ID' }, message: "Invalid customer ID ''login-customer-id''." }]));
    if (route[1] !== options.customerId || options.refuse === 'customer' || (options.loginCustomerId !== undefined && login !== options.loginCustomerId)) {
      return answer(
        403,
        adsFailure(version, 403, 'PERMISSION_DENIED', [
          {
            errorCode: { authorizationError: 'USER_PERMISSION_DENIED' },
            message: "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid",
          },
        ]),
      );
    }
    if (body.pageSize !== undefined) return answer(400, adsFailure(version, 400, 'INVALID_ARGUMENT', [{ errorCode: { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }, message: 'Setting the page size is not supported. Search Responses will have fixed page size of \'10000\' rows.' }]));
    if (typeof body.query !== 'string' || !body.query.trim()) return answer(400, adsFailure(version, 400, 'INVALID_ARGUMENT', [{ errorCode: { queryError: 'QUERY_NOT_SPECIFIED' }, message: 'Query is empty.' }]));
    if (quotaErrors > 0) {
      quotaErrors--;
      return answer(
        429,
        adsFailure(version, 429, 'RESOURCE_EXHAUSTED', [
          {
            errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
            message: 'Too many requests. Retry in 2 seconds.',
            details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Number of operations per minute', retryDelay: options.retryDelay ?? '2s' } },
          },
        ]),
      );
    }

    const query = parseQuery(body.query);
    if ('error' in query) return answer(400, adsFailure(version, 400, 'INVALID_ARGUMENT', [{ errorCode: { queryError: 'UNEXPECTED_INPUT' }, message: query.error }]));
    const fieldMask = query.kind === 'account' ? 'customer.currencyCode,customer.timeZone' : 'segments.date,segments.conversionActionName,metrics.conversions,metrics.conversionsValue';
    const requestId = randomBytes(11).toString('base64url');
    if (query.kind === 'account') {
      return answer(200, { results: [{ customer: { resourceName: `customers/${options.customerId}`, currencyCode: options.currencyCode ?? 'EUR', timeZone: options.timeZone ?? 'Europe/Paris' } }], fieldMask, requestId, queryResourceConsumption: '40' });
    }
    const rows = options.rows
      .map((row) => ({ ...row, conversionAction: row.conversionAction ?? 'Purchase' }))
      .filter((row) => row.date >= query.from && row.date <= query.to && (!query.actions || query.actions.includes(row.conversionAction)) && (row.conversions !== 0 || row.value !== 0))
      .sort((a, b) => a.date.localeCompare(b.date) || a.conversionAction.localeCompare(b.conversionAction));
    let offset = 0;
    if (body.pageToken !== undefined) {
      const page = pageTokens.get(String(body.pageToken));
      if (!page || page.query !== body.query) return answer(400, adsFailure(version, 400, 'INVALID_ARGUMENT', [{ errorCode: { requestError: 'INVALID_PAGE_TOKEN' }, message: 'Page token is invalid.' }]));
      offset = page.offset;
    }
    const slice = rows.slice(offset, offset + rowsPerPage);
    const results = slice.map((row) => ({
      customer: { resourceName: `customers/${options.customerId}` },
      segments: { date: row.date, conversionActionName: row.conversionAction },
      metrics: { conversions: row.conversions, conversionsValue: row.value },
    }));
    const next = offset + rowsPerPage < rows.length ? randomBytes(12).toString('base64url') : undefined;
    if (next) pageTokens.set(next, { query: body.query, offset: offset + rowsPerPage });
    // The REST interface leaves out empty repeated fields and unset strings.
    return answer(200, { ...(results.length ? { results } : {}), ...(next ? { nextPageToken: next } : {}), fieldMask, requestId, queryResourceConsumption: String(40 + results.length) });
  };

  const server = await startLocalServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  return { url: server.url, tokenUrl: `${server.url}/token`, requests, issuedTokens, close: server.close };
}
