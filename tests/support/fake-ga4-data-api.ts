import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/**
 * The GA4 Data API v1beta's runReport over REST, as documented
 * (developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/properties/runReport):
 * POST /v1beta/properties/{id}:runReport with a RunReportRequest body, answered with a
 * RunReportResponse (dimensionHeaders, metricHeaders, rows of string values, rowCount, metadata,
 * propertyQuota when returnPropertyQuota) or a google.rpc.Status error body
 * `{"error": {"code", "message", "status", "details"?}}`.
 */

/** One purchase the property recorded: `transactionId` '' is a purchase the tag sent without one ("(not set)"). */
export interface FakeGa4Transaction {
  /** YYYY-MM-DD in the property's time zone. */
  date: string;
  transactionId: string;
  value: number;
}

/** A throwaway service account: the JSON key file's content and the public half the fake checks signatures with. */
export interface FakeServiceAccount {
  clientEmail: string;
  publicKeyPem: string;
  /** What Google Cloud downloads as the JSON key (write it to a file, name it in GOOGLE_APPLICATION_CREDENTIALS). */
  keyFile: Record<string, string>;
}

export function createServiceAccount(clientEmail = 'tagwatch-reader@shop-analytics.iam.gserviceaccount.com'): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clientEmail,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyFile: {
      type: 'service_account',
      project_id: 'shop-analytics',
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: '104729000000000000000',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
  };
}

/** Which quota a 429 says is exhausted (the API's own messages). */
export type FakeQuota = 'concurrent' | 'hourly' | 'daily';

const QUOTA_MESSAGES: Record<FakeQuota, string> = {
  concurrent: 'Exhausted concurrent requests quota.',
  hourly: 'Exhausted property tokens per hour. These quota tokens will return in under an hour. To learn more, see https://developers.google.com/analytics/devguides/reporting/data/v1/quotas',
  daily: 'Exhausted property tokens per day. These quota tokens will return in under 24 hours. To learn more, see https://developers.google.com/analytics/devguides/reporting/data/v1/quotas',
};

export interface FakeGa4Options {
  propertyId: string;
  transactions: FakeGa4Transaction[];
  /** The only service account whose signed JWTs are accepted. */
  serviceAccount: Pick<FakeServiceAccount, 'clientEmail' | 'publicKeyPem'>;
  /** Property time zone and currency (metadata). Default Europe/Paris, EUR. */
  timeZone?: string;
  currencyCode?: string;
}

/** What the fake received, decoded. */
export interface FakeGa4Request {
  method: string;
  path: string;
  /** The property the path names ("123456"), when it is a runReport path. */
  propertyId?: string;
  /** The service account the bearer JWT was signed by, when valid. */
  authorizedAs?: string;
  body?: {
    dateRanges: { startDate: string; endDate: string }[];
    dimensions: string[];
    metrics: string[];
    limit?: number;
    offset?: number;
    returnPropertyQuota: boolean;
  };
  status: number;
}

export interface FakeGa4DataApi {
  /** Base URL (what settings put in apiUrl). */
  url: string;
  requests: FakeGa4Request[];
  /** Answer the next N runReport calls with 429 RESOURCE_EXHAUSTED for `quota`, optionally with a google.rpc.RetryInfo. */
  rateLimit: { times: number; quota: FakeQuota; retryDelaySeconds?: number };
  /** true: the property is not shared with the service account (403 PERMISSION_DENIED). */
  refuse: boolean;
  close(): Promise<void>;
}

const DIMENSIONS = new Set(['date', 'transactionId']);
/** The metrics the fake computes, with the MetricType the API gives them (enum name, and its number for enum-encoding=int). */
const METRICS: Record<string, [string, number]> = { ecommercePurchases: ['TYPE_INTEGER', 1], purchaseRevenue: ['TYPE_CURRENCY', 9] };
const SCHEMA_LINK = 'For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema';
const DEFAULT_LIMIT = 10_000;
const MAX_LIMIT = 250_000;
const TOKENS_PER_CALL = 12;

function googleError(res: ServerResponse, code: number, status: string, message: string, details?: unknown[]): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } }, null, 2));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The signer of a valid self-signed service-account JWT (RS256, scoped for Analytics, not expired), else undefined. */
function jwtSigner(authorization: string | undefined, account: FakeGa4Options['serviceAccount']): string | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (!header || !payload || !signature) return undefined;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; scope?: string; aud?: string; exp?: number };
    if (head.alg !== 'RS256' || !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), account.publicKeyPem, Buffer.from(signature, 'base64url'))) return undefined;
    const scoped = (claims.scope ?? '').split(' ').some((scope) => /^https:\/\/www\.googleapis\.com\/auth\/analytics(\.readonly)?$/.test(scope)) || claims.aud === 'https://analyticsdata.googleapis.com/';
    if (claims.iss !== account.clientEmail || !scoped || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return undefined;
    return claims.iss;
  } catch {
    return undefined;
  }
}

/** int64 fields arrive as JSON strings (proto3 JSON), int32 as numbers: accept both, like the API. */
function integer(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : NaN;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function startFakeGa4DataApi(options: FakeGa4Options): Promise<FakeGa4DataApi> {
  const requests: FakeGa4Request[] = [];
  const quota = { day: 0, hour: 0 };
  const fake: Omit<FakeGa4DataApi, 'url' | 'close'> = { requests, rateLimit: { times: 0, quota: 'concurrent' }, refuse: false };

  const server = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record: FakeGa4Request = { method: req.method ?? '', path: url.pathname, status: 0 };
    requests.push(record);
    const answer = (code: number, status: string, message: string, details?: unknown[]) => {
      record.status = code;
      googleError(res, code, status, message, details);
    };
    const text = await readBody(req);

    const match = /^\/v1beta\/properties\/([^/:]+):runReport$/.exec(url.pathname);
    if (!match || req.method !== 'POST') return answer(404, 'NOT_FOUND', `Method not found: ${req.method} ${url.pathname}`);
    record.propertyId = match[1];

    const signer = jwtSigner(req.headers.authorization, options.serviceAccount);
    if (!req.headers.authorization) {
      return answer(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.');
    }
    if (!signer) {
      return answer(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.');
    }
    record.authorizedAs = signer;
    if (fake.refuse || record.propertyId !== options.propertyId) {
      return answer(403, 'PERMISSION_DENIED', 'User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.');
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return answer(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const dateRanges = (Array.isArray(body.dateRanges) ? body.dateRanges : []) as { startDate?: unknown; endDate?: unknown }[];
    const dimensions = ((Array.isArray(body.dimensions) ? body.dimensions : []) as { name?: unknown }[]).map((d) => String(d.name));
    const metrics = ((Array.isArray(body.metrics) ? body.metrics : []) as { name?: unknown }[]).map((m) => String(m.name));
    const limit = integer(body.limit);
    const offset = integer(body.offset);
    record.body = {
      dateRanges: dateRanges.map((range) => ({ startDate: String(range.startDate), endDate: String(range.endDate) })),
      dimensions,
      metrics,
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
      returnPropertyQuota: body.returnPropertyQuota === true,
    };

    if (fake.rateLimit.times > 0) {
      fake.rateLimit.times--;
      const delay = fake.rateLimit.retryDelaySeconds;
      return answer(429, 'RESOURCE_EXHAUSTED', QUOTA_MESSAGES[fake.rateLimit.quota], delay === undefined ? undefined : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${delay}s` }]);
    }
    if (dateRanges.length !== 1) return answer(400, 'INVALID_ARGUMENT', 'The fake answers one date range: dateRanges must have exactly one entry.');
    const [range] = record.body.dateRanges;
    if (!DAY.test(range!.startDate) || !DAY.test(range!.endDate)) return answer(400, 'INVALID_ARGUMENT', `Invalid date range: startDate and endDate must be YYYY-MM-DD, got ${range!.startDate} and ${range!.endDate}.`);
    if (range!.startDate > range!.endDate) return answer(400, 'INVALID_ARGUMENT', `Invalid date range: startDate ${range!.startDate} is after endDate ${range!.endDate}.`);
    for (const name of dimensions) if (!DIMENSIONS.has(name)) return answer(400, 'INVALID_ARGUMENT', `Field ${name} is not a valid dimension. ${SCHEMA_LINK}`);
    for (const name of metrics) if (!METRICS[name]) return answer(400, 'INVALID_ARGUMENT', `Field ${name} is not a valid metric. ${SCHEMA_LINK}`);
    if (metrics.length === 0) return answer(400, 'INVALID_ARGUMENT', 'At least one metric is required.');
    if (Number.isNaN(limit) || (limit !== undefined && limit < 0)) return answer(400, 'INVALID_ARGUMENT', `limit must be positive, got ${String(body.limit)}.`);
    if (Number.isNaN(offset) || (offset !== undefined && offset < 0)) return answer(400, 'INVALID_ARGUMENT', `offset must be non-negative, got ${String(body.offset)}.`);

    // The report: the dataset's purchases in the range, grouped by the requested dimensions, sorted by them.
    const groups = new Map<string, { values: string[]; purchases: number; revenue: number }>();
    for (const tx of options.transactions) {
      if (tx.date < range!.startDate || tx.date > range!.endDate) continue;
      const values = dimensions.map((name) => (name === 'date' ? tx.date.replaceAll('-', '') : tx.transactionId || '(not set)'));
      const key = values.join('\u0000');
      const group = groups.get(key) ?? { values, purchases: 0, revenue: 0 };
      group.purchases += 1;
      group.revenue += tx.value;
      groups.set(key, group);
    }
    const all = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
    const start = offset ?? 0;
    const page = all.slice(start, start + Math.min(limit || DEFAULT_LIMIT, MAX_LIMIT));
    const numericEnums = (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int');

    quota.day += TOKENS_PER_CALL;
    quota.hour += TOKENS_PER_CALL;
    // QuotaStatus: `consumed` by this request, `remaining` after it.
    const status = (used: number, limitOf: number, consumed = TOKENS_PER_CALL) => ({ consumed, remaining: Math.max(0, limitOf - used) });
    record.status = 200;
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(
      JSON.stringify({
        dimensionHeaders: dimensions.map((name) => ({ name })),
        metricHeaders: metrics.map((name) => ({ name, type: numericEnums ? METRICS[name]![1] : METRICS[name]![0] })),
        // proto3 JSON leaves out empty repeated fields and zero numbers: no rows, no rowCount.
        ...(page.length
          ? {
              rows: page.map((group) => ({
                dimensionValues: group.values.map((value) => ({ value })),
                metricValues: metrics.map((name) => ({ value: name === 'ecommercePurchases' ? String(group.purchases) : String(Math.round(group.revenue * 100) / 100) })),
              })),
            }
          : {}),
        ...(all.length ? { rowCount: all.length } : {}),
        metadata: { currencyCode: options.currencyCode ?? 'EUR', timeZone: options.timeZone ?? 'Europe/Paris' },
        ...(record.body.returnPropertyQuota
          ? {
              propertyQuota: {
                tokensPerDay: status(quota.day, 200_000),
                tokensPerHour: status(quota.hour, 40_000),
                concurrentRequests: status(0, 10, 0),
                serverErrorsPerProjectPerHour: status(0, 10, 0),
                potentiallyThresholdedRequestsPerHour: status(0, 120, 0),
                tokensPerProjectPerHour: status(quota.hour, 14_000),
              },
            }
          : {}),
        kind: 'analyticsData#runReport',
      }),
    );
  });

  return Object.assign(fake, { url: server.url, close: server.close });
}
