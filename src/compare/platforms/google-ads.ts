import { PlatformUnreachableError, type Day, type Period, type PlatformClient, type PlatformContext, type PlatformDay, type PlatformReport } from '../model.ts';
import { DEFAULT_RETRY, retrying, type RetryOptions } from './retrying.ts';
import { adviseGoogleAds, googleAdsHttpError, GoogleAdsCallError, tokenHttpError, type GoogleAdsCallContext } from './google-ads-errors.ts';
import { googleAdsSettingsProblems, parseGoogleAdsSettings, readGoogleAdsCredentials, type GoogleAdsCredentials, type GoogleAdsSettings } from './google-ads-settings.ts';

/**
 * Google Ads through the Google Ads API's REST interface (there is no official Node client):
 *
 * - an access token from Google's OAuth 2.0 token endpoint (`grant_type=refresh_token` with the
 *   OAuth client's ID and secret), sent as `Authorization: Bearer`;
 * - `POST {apiUrl}/{version}/customers/{customerId}/googleAds:search` with a GAQL query, every
 *   page read through `nextPageToken` (the API serves 10,000 rows a page and refuses a pageSize);
 *   `login-customer-id` when the access goes through a manager account, `developer-token` when
 *   one is still configured (sunset on 9 September 2026, ignored by the API since);
 * - the query: segments.date, segments.conversion_action_name, metrics.conversions and
 *   metrics.conversions_value FROM customer over the period, filtered to the conversion actions
 *   the monitor names. The report sums the actions per day.
 *
 * Google Ads counts a conversion on the day of the ad interaction that led to it (the "Conversions"
 * column), and keeps adding conversions to recent days as they come in: days within 72 hours of
 * now (in the account's time zone) are provisional and read again by the next comparison.
 */

const REVISION_WINDOW_MS = 72 * 3600_000;

const PERMISSION =
  'read access (Read only or higher) to the Google Ads account for the Google user whose refresh token is used (directly, or through the manager account set as loginCustomerId), a refresh token with the https://www.googleapis.com/auth/adwords scope, and the Google Ads API enabled with Explorer access or higher in the OAuth client\'s Google Cloud project';

export interface GoogleAdsClientOptions {
  /** Retry policy for quotas and passing faults (tests inject `sleep`). Default DEFAULT_RETRY. */
  retry?: RetryOptions;
}

/** One GoogleAdsRow of the answer, in the REST interface's JSON (camelCase; doubles as numbers, int64 as strings). */
interface AdsRow {
  customer?: { resourceName?: string; currencyCode?: string; timeZone?: string };
  segments?: { date?: string; conversionActionName?: string };
  metrics?: { conversions?: number | string; conversionsValue?: number | string };
}

interface SearchResponse {
  results?: AdsRow[];
  nextPageToken?: string;
  requestId?: string;
}

/** A GAQL string literal: single quotes, with backslash and quote escaped. */
function gaqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function conversionsQuery(period: Period, actions: string[] | undefined): string {
  const where = [`segments.date BETWEEN ${gaqlString(period.from)} AND ${gaqlString(period.to)}`];
  if (actions) where.push(`segments.conversion_action_name IN (${actions.map(gaqlString).join(', ')})`);
  return [
    'SELECT segments.date, segments.conversion_action_name, metrics.conversions, metrics.conversions_value',
    'FROM customer',
    `WHERE ${where.join(' AND ')}`,
    'ORDER BY segments.date',
  ].join(' ');
}

export const ACCOUNT_QUERY = 'SELECT customer.currency_code, customer.time_zone FROM customer';

function daysOf(period: Period): Day[] {
  const days: Day[] = [];
  for (let t = Date.parse(`${period.from}T00:00:00Z`); t <= Date.parse(`${period.to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

function dayIn(instant: Date, timeZone: string): Day {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  } catch {
    return instant.toISOString().slice(0, 10);
  }
}

function number(value: number | string | undefined): number {
  const n = typeof value === 'number' ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

interface Session {
  settings: GoogleAdsSettings;
  credentials: GoogleAdsCredentials;
  context: PlatformContext;
  errors: GoogleAdsCallContext;
  retry: RetryOptions;
  accessToken?: string;
  calls: number;
}

async function call(url: string, init: RequestInit, context: PlatformContext, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(context.timeoutMs) });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new GoogleAdsCallError(`${what} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, { retry: true });
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    throw new GoogleAdsCallError(`${what} cannot be reached${cause ? ` (${cause})` : ''}: check the address and the network`, { retry: true });
  }
}

async function accessToken(session: Session): Promise<string> {
  if (session.accessToken) return session.accessToken;
  const { settings, credentials, context } = session;
  const token = await retrying(
    'Google Ads OAuth token',
    async () => {
      const response = await call(
        settings.tokenUrl,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'refresh_token', client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken }).toString(),
        },
        context,
        `the OAuth token endpoint ${settings.tokenUrl}`,
      );
      const text = await response.text();
      if (!response.ok) throw tokenHttpError(response.status, text, response.headers.get('retry-after'), session.errors, settings);
      let body: { access_token?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new GoogleAdsCallError(`the OAuth token endpoint ${settings.tokenUrl} answered something else than JSON: check tokenUrl`, { retry: false });
      }
      if (typeof body.access_token !== 'string' || !body.access_token) throw new GoogleAdsCallError(`the OAuth token endpoint ${settings.tokenUrl} answered without an access_token: check tokenUrl`, { retry: false });
      return body.access_token;
    },
    adviseGoogleAds,
    session.retry,
  );
  session.errors.secrets.push(token);
  session.accessToken = token;
  return token;
}

/** Every row of a GAQL query, page after page. */
async function search(session: Session, what: string, query: string): Promise<AdsRow[]> {
  const { settings, credentials, context } = session;
  const token = await accessToken(session);
  const url = `${settings.apiUrl.replace(/\/$/, '')}/${settings.version}/customers/${settings.customerId}/googleAds:search`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  if (settings.loginCustomerId) headers['login-customer-id'] = settings.loginCustomerId;
  if (credentials.developerToken) headers['developer-token'] = credentials.developerToken;
  const rows: AdsRow[] = [];
  const seenTokens = new Set<string>();
  for (let pageToken: string | undefined; ; ) {
    const page = await retrying(
      `Google Ads ${what}`,
      async () => {
        session.calls++;
        const response = await call(url, { method: 'POST', headers, body: JSON.stringify(pageToken ? { query, pageToken } : { query }) }, context, `the Google Ads API at ${settings.apiUrl}`);
        const text = await response.text();
        if (!response.ok) throw googleAdsHttpError(response.status, text, response.headers.get('retry-after'), session.errors);
        try {
          return JSON.parse(text) as SearchResponse;
        } catch {
          throw new GoogleAdsCallError(`the Google Ads API at ${settings.apiUrl} answered something else than JSON: check apiUrl`, { retry: false });
        }
      },
      adviseGoogleAds,
      session.retry,
    );
    rows.push(...(page.results ?? []));
    pageToken = page.nextPageToken || undefined;
    if (!pageToken) break;
    // A token served twice would read the same page forever.
    if (seenTokens.has(pageToken)) throw new PlatformUnreachableError(`Google Ads ${what}: the API served the same page token twice; compare again later`);
    seenTokens.add(pageToken);
  }
  return rows;
}

async function readGoogleAds(period: Period, settings: GoogleAdsSettings, credentials: GoogleAdsCredentials, context: PlatformContext, retry: RetryOptions): Promise<PlatformReport> {
  const session: Session = {
    settings,
    credentials,
    context,
    retry,
    calls: 0,
    errors: {
      customerId: settings.customerId,
      ...(settings.loginCustomerId ? { loginCustomerId: settings.loginCustomerId } : {}),
      apiUrl: settings.apiUrl,
      tokenUrl: settings.tokenUrl,
      permission: PERMISSION,
      secrets: [credentials.clientSecret, credentials.refreshToken, ...(credentials.developerToken ? [credentials.developerToken] : [])],
    },
  };
  const account = (await search(session, 'account time zone and currency', ACCOUNT_QUERY))[0]?.customer;
  const timeZone = account?.timeZone || undefined;
  const currency = account?.currencyCode || undefined;
  const rows = await search(session, 'conversions per day', conversionsQuery(period, settings.conversionActions));

  const figures = new Map<Day, { conversions: number; value: number }>();
  const actionsSeen = new Set<string>();
  for (const row of rows) {
    const date = row.segments?.date;
    if (!date || date < period.from || date > period.to) continue;
    if (row.segments?.conversionActionName) actionsSeen.add(row.segments.conversionActionName);
    const sum = figures.get(date) ?? { conversions: 0, value: 0 };
    sum.conversions += number(row.metrics?.conversions);
    sum.value += number(row.metrics?.conversionsValue);
    figures.set(date, sum);
  }

  const provisionalFrom = dayIn(new Date(context.now.getTime() - REVISION_WINDOW_MS), timeZone ?? 'UTC');
  // Google Ads leaves out rows whose metrics are all zero: a day without a row is a day with 0 conversions.
  const days: PlatformDay[] = daysOf(period).map((date) => ({
    date,
    // Conversions are fractional under data-driven attribution; rounding happens where they are shown.
    conversions: figures.get(date)?.conversions ?? 0,
    value: figures.get(date)?.value ?? 0,
    ...(currency ? { currency } : {}),
    provisional: date >= provisionalFrom,
  }));

  const notes: string[] = [];
  if (settings.conversionActions) {
    const missing = settings.conversionActions.filter((name) => !actionsSeen.has(name));
    if (missing.length) notes.push(`Google Ads counted no conversion for ${missing.map((name) => `"${name}"`).join(', ')} in the period: check the names against Goals > Conversions (they must match exactly)`);
  } else {
    notes.push(`Google Ads: all primary conversion actions summed (${actionsSeen.size ? [...actionsSeen].map((name) => `"${name}"`).join(', ') : 'none had conversions'}); set conversionActions to count purchases only`);
  }
  const provisionalDays = days.filter((day) => day.provisional).length;
  if (provisionalDays) notes.push(`Google Ads may still add conversions to the last ${provisionalDays} day${provisionalDays === 1 ? '' : 's'} (within 72 h): read again by the next comparison`);
  notes.push('Google Ads counts a conversion on the day of the ad click or view that led to it, not the day of the order');

  return {
    platform: 'google-ads',
    days,
    source: `Google Ads API ${settings.version}, customer ${settings.customerId}${settings.loginCustomerId ? ` via manager ${settings.loginCustomerId}` : ''}${settings.conversionActions ? `, actions ${settings.conversionActions.map((name) => `"${name}"`).join(', ')}` : ''}`,
    ...(timeZone ? { timeZone } : {}),
    notes,
  };
}

/** A Google Ads platform client; `options.retry` lets tests run the retries without waiting. */
export function createGoogleAdsClient(options: GoogleAdsClientOptions = {}): PlatformClient {
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    id: 'google-ads',
    label: 'Google Ads (Google Ads API)',
    permission: PERMISSION,
    validateSettings: (settings) => googleAdsSettingsProblems(settings),
    credentialProblems(settings, env) {
      const parsed = parseGoogleAdsSettings(settings);
      if ('problems' in parsed) return [];
      const credentials = readGoogleAdsCredentials(parsed, settings, env);
      return 'problems' in credentials ? credentials.problems : [];
    },
    async report(period, settings, context) {
      const parsed = parseGoogleAdsSettings(settings);
      if ('problems' in parsed) throw new PlatformUnreachableError(`Google Ads settings are invalid:\n${parsed.problems.map((line) => `  - ${line}`).join('\n')}`);
      const credentials = readGoogleAdsCredentials(parsed, settings, context.env);
      if ('problems' in credentials) throw new PlatformUnreachableError(`Google Ads cannot be read:\n${credentials.problems.map((line) => `  - ${line}`).join('\n')}`);
      return readGoogleAds(period, parsed, credentials, context, retry);
    },
  };
}

export const googleAds: PlatformClient = createGoogleAdsClient();
export default googleAds;
