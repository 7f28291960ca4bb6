import { PlatformUnreachableError, type Day, type Period, type PlatformClient, type PlatformContext, type PlatformDay, type PlatformReport } from '../model.ts';
import { DEFAULT_RETRY, retrying, type RetryAdvice, type RetryOptions } from './retrying.ts';
import { parseTiktokSettings, readTiktokToken, tiktokSettingsProblems, type TiktokSettings } from './tiktok-settings.ts';

/**
 * TikTok through the Reporting API of TikTok API for Business, v1.3 (no official Node client):
 * `GET {apiUrl}/open_api/v1.3/report/integrated/get/` with the `Access-Token` header,
 * report_type BASIC, data_level AUCTION_ADVERTISER, dimensions ["stat_time_day"] and the metrics
 * complete_payment (purchases, the pixel's CompletePayment events attributed to ads) and
 * total_complete_payment_rate (their value, despite the name), every page read (page /
 * page_size up to 1000, data.page_info.total_page), periods longer than 30 days read 30 days at
 * a time (the API's cap on a daily report's date range). Days are the ad account's time zone.
 *
 * Errors come with HTTP 200 and a non-zero `code` (tiktok-business-api-sdk's NumericErrorCodes):
 * 40100 "requests too frequent" is retried with backoff (TikTok sends no Retry-After); 40104 /
 * 40105 / 40102 are a missing, refused or expired access token, 40001 an app or token without
 * permission on the advertiser; 5xxxx codes are TikTok's own passing faults.
 *
 * Provisional days: TikTok reports a conversion on the day of the ad click or view, and adds it
 * when it comes, up to the click-through attribution window (7 days by default; settings
 * attributionWindowDays). So the last window's days, plus one for the account's time zone which
 * this report does not know, are provisional.
 */

const PATH = '/open_api/v1.3/report/integrated/get/';
const METRICS = ['complete_payment', 'total_complete_payment_rate'] as const;
/** The API's longest date range for a report by stat_time_day. */
const MAX_RANGE_DAYS = 30;

const PERMISSION =
  'an access token of a TikTok API for Business app with the Reporting permission (Ads Management > Reporting), authorised by the ad account owner or a Business Center member with at least Analyst access to the ad account';

/** TikTok's numeric codes the client tells apart (tiktok-business-api-sdk, tiktok_code.py). */
const Code = {
  OK: 0,
  PARTIAL_OK: 20001,
  PERMISSION_ERROR: 40001,
  PARAM_ERROR: 40002,
  REQUEST_TOO_FREQUENT: 40100,
  ACCESS_TOKEN_EXPIRE: 40102,
  EMPTY_ACCESS_TOKEN: 40104,
  INVALID_ACCESS_TOKEN: 40105,
  ADVERTISER_NOT_EXIST: 40300,
  REQUEST_FREQUENCY_LIMITED: 40132,
  MAINTENANCE: 60001,
  TOO_MANY_REQUESTS_BL: 61000,
} as const;

export interface TiktokClientOptions {
  /** Retry policy for rate limits and passing faults (tests inject `sleep`). Default DEFAULT_RETRY. */
  retry?: RetryOptions;
}

/** A failed report call, said for the user, with what the retry loop should do about it. */
export class TiktokCallError extends Error {
  constructor(
    message: string,
    readonly advice: RetryAdvice,
  ) {
    super(message);
    this.name = 'TiktokCallError';
  }
}

const adviseTiktok = (error: unknown): RetryAdvice => (error instanceof TiktokCallError ? error.advice : error instanceof TypeError ? { retry: true } : { retry: false });

interface ReportRow {
  dimensions?: { stat_time_day?: string };
  metrics?: Record<string, string | number | undefined>;
}

interface ReportAnswer {
  code?: number;
  message?: string;
  request_id?: string;
  data?: { list?: ReportRow[]; page_info?: { page?: number; page_size?: number; total_number?: number; total_page?: number } };
}

function dayAfter(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysOf(period: Period): Day[] {
  const days: Day[] = [];
  for (let day = period.from; day <= period.to; day = dayAfter(day, 1)) days.push(day);
  return days;
}

/** The period in ranges of at most 30 days. */
export function ranges(period: Period): Period[] {
  const chunks: Period[] = [];
  for (let from = period.from; from <= period.to; from = dayAfter(from, MAX_RANGE_DAYS)) {
    const to = dayAfter(from, MAX_RANGE_DAYS - 1);
    chunks.push({ from, to: to < period.to ? to : period.to });
  }
  return chunks;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function hide(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('[hidden]') : text;
}

/** An answer with a non-zero code, as a TiktokCallError that says what to check. */
function answerError(answer: ReportAnswer, settings: TiktokSettings, token: string): TiktokCallError {
  const code = answer.code ?? -1;
  const said = `code ${code}: "${hide(answer.message ?? '', token)}"${answer.request_id ? ` (request ${answer.request_id})` : ''}`;
  const refused = (what: string) => new TiktokCallError(`TikTok refused to read advertiser ${settings.advertiserId} (${said}): ${what}. Needed: ${PERMISSION}`, { retry: false });
  switch (code) {
    case Code.REQUEST_TOO_FREQUENT:
    case Code.REQUEST_FREQUENCY_LIMITED:
    case Code.TOO_MANY_REQUESTS_BL:
      return new TiktokCallError(`TikTok rate limit reached (${said})`, { retry: true });
    case Code.EMPTY_ACCESS_TOKEN:
    case Code.INVALID_ACCESS_TOKEN:
      return refused(`the access token in ${settings.accessTokenEnv} is missing, wrong or revoked: authorise the app again and export the new token`);
    case Code.ACCESS_TOKEN_EXPIRE:
      return refused(`the access token in ${settings.accessTokenEnv} has expired: authorise the app again and export the new token`);
    case Code.PERMISSION_ERROR:
      return refused(`the token has no permission on advertiser ${settings.advertiserId}: authorise the app for this ad account, with the Reporting permission`);
    case Code.ADVERTISER_NOT_EXIST:
      return refused(`no advertiser ${settings.advertiserId}: check advertiserId`);
    default:
      if (code >= 50000) return new TiktokCallError(`TikTok Reporting API had an internal error (${said})`, { retry: true });
      return new TiktokCallError(`TikTok refused the report request for advertiser ${settings.advertiserId} (${said})`, { retry: false });
  }
}

async function readPage(settings: TiktokSettings, token: string, range: Period, page: number, context: PlatformContext): Promise<ReportAnswer> {
  const url = new URL(PATH, settings.apiUrl);
  const params = {
    advertiser_id: settings.advertiserId,
    report_type: 'BASIC',
    data_level: 'AUCTION_ADVERTISER',
    dimensions: JSON.stringify(['stat_time_day']),
    metrics: JSON.stringify(METRICS),
    start_date: range.from,
    end_date: range.to,
    page: String(page),
    page_size: String(settings.pageSize),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'Access-Token': token, accept: 'application/json' }, signal: AbortSignal.timeout(context.timeoutMs) });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new TiktokCallError(`the TikTok Reporting API at ${settings.apiUrl} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, { retry: true });
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    throw new TiktokCallError(`the TikTok Reporting API at ${settings.apiUrl} cannot be reached${cause ? ` (${cause})` : ''}: check the address and the network`, { retry: true });
  }
  const text = await response.text();
  if (response.status === 429 || response.status >= 500) {
    const afterMs = retryAfterMs(response.headers.get('retry-after'));
    throw new TiktokCallError(`the TikTok Reporting API at ${settings.apiUrl} answered HTTP ${response.status}`, afterMs === undefined ? { retry: true } : { retry: true, afterMs });
  }
  let answer: ReportAnswer;
  try {
    answer = JSON.parse(text) as ReportAnswer;
  } catch {
    throw new TiktokCallError(`the TikTok Reporting API at ${settings.apiUrl} answered HTTP ${response.status} with something else than JSON: check apiUrl`, { retry: false });
  }
  if (answer.code !== Code.OK && answer.code !== Code.PARTIAL_OK) throw answerError(answer, settings, token);
  return answer;
}

function metric(value: string | number | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

async function readTiktok(period: Period, settings: TiktokSettings, token: string, context: PlatformContext, retry: RetryOptions): Promise<PlatformReport> {
  const figures = new Map<Day, { conversions: number; value: number }>();
  let calls = 0;
  for (const range of ranges(period)) {
    for (let page = 1; ; page++) {
      const answer = await retrying(`TikTok complete payments ${range.from} to ${range.to}, page ${page}`, () => readPage(settings, token, range, page, context), adviseTiktok, retry);
      calls++;
      for (const row of answer.data?.list ?? []) {
        const day = /^(\d{4}-\d{2}-\d{2})/.exec(row.dimensions?.stat_time_day ?? '')?.[1];
        if (!day || day < range.from || day > range.to) continue;
        const sum = figures.get(day) ?? { conversions: 0, value: 0 };
        sum.conversions += metric(row.metrics?.complete_payment);
        sum.value += metric(row.metrics?.total_complete_payment_rate);
        figures.set(day, sum);
      }
      const totalPages = answer.data?.page_info?.total_page ?? 1;
      if (page >= totalPages || !(answer.data?.list ?? []).length) break;
    }
  }

  // The window's days, and one more: the report's days are the ad account's, whose zone is not known here.
  const provisionalFrom = new Date(context.now.getTime() - (settings.attributionWindowDays + 1) * 86_400_000).toISOString().slice(0, 10);
  // A day without a row is a day TikTok attributed no purchase to: it answered, so 0 is what it reported.
  const days: PlatformDay[] = daysOf(period).map((date) => ({
    date,
    conversions: figures.get(date)?.conversions ?? 0,
    value: figures.get(date)?.value ?? 0,
    provisional: date >= provisionalFrom,
  }));
  const provisionalDays = days.filter((day) => day.provisional).length;
  const notes = [
    `TikTok counts a purchase (Complete Payment) on the day of the ad click or view that led to it, in the ad account's time zone and currency; ${calls} report call${calls === 1 ? '' : 's'}`,
  ];
  if (provisionalDays) notes.push(`TikTok may still attribute purchases to the last ${provisionalDays} day${provisionalDays === 1 ? '' : 's'} (${settings.attributionWindowDays}-day click-through window): read again by the next comparison`);
  return { platform: 'tiktok', days, source: `TikTok Reporting API v1.3, advertiser ${settings.advertiserId}`, notes };
}

/** A TikTok platform client; `options.retry` lets tests run the retries without waiting. */
export function createTiktokClient(options: TiktokClientOptions = {}): PlatformClient {
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    id: 'tiktok',
    label: 'TikTok (Reporting API)',
    permission: PERMISSION,
    validateSettings: (settings) => tiktokSettingsProblems(settings),
    credentialProblems(settings, env) {
      const parsed = parseTiktokSettings(settings);
      if ('problems' in parsed) return [];
      const token = readTiktokToken(parsed, env);
      return 'problem' in token ? [token.problem] : [];
    },
    async report(period, settings, context) {
      const parsed = parseTiktokSettings(settings);
      if ('problems' in parsed) throw new PlatformUnreachableError(`TikTok settings are invalid:\n${parsed.problems.map((line) => `  - ${line}`).join('\n')}`);
      const token = readTiktokToken(parsed, context.env);
      if ('problem' in token) throw new PlatformUnreachableError(`TikTok cannot be read: ${token.problem}`);
      return readTiktok(period, parsed, token.token, context, retry);
    },
  };
}

export const tiktok: PlatformClient = createTiktokClient();
export default tiktok;
