import { BetaAnalyticsDataClient, type protos } from '@google-analytics/data';
import { PlatformUnreachableError, type Day, type Period, type PlatformClient, type PlatformContext, type PlatformDay, type PlatformReport, type ReportedTransaction } from '../model.ts';
import { dayIn, daysOf } from '../days.ts';
import { DEFAULT_RETRY, retrying, type RetryOptions } from './retrying.ts';
import { adviseGa4, ga4CallError, type Ga4CallContext } from './ga4-errors.ts';
import { ga4SettingsProblems, loadServiceAccountKey, parseGa4Settings, type Ga4Settings, type ServiceAccountKey } from './ga4-settings.ts';

/**
 * Google Analytics 4 through the Data API v1beta (`properties/{id}:runReport`), read with the
 * official client `@google-analytics/data` in its REST mode (`fallback: true`: HTTP/1.1 + JSON,
 * which also lets `apiUrl` point at a local server).
 *
 * Authentication: the client signs a JWT with the service account's private key and the
 * analytics.readonly scope and sends it as the bearer token itself (google-auth-library's
 * "self-signed JWT", which GAPIC clients always use for service accounts): no call to the key's
 * token_uri, so there is no token address to override.
 */

const SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

/** GA4 keeps processing a day's events for up to 72 hours: those days are read again next time. */
const REVISION_WINDOW_MS = 72 * 3600_000;

const PERMISSION =
  "Viewer on the GA4 property for the service account's e-mail (GA4 Admin > Property access management), and the Google Analytics Data API enabled in its Google Cloud project";

export interface Ga4ClientOptions {
  /** Retry policy for rate limits and passing faults (tests inject `sleep`). Default DEFAULT_RETRY. */
  retry?: RetryOptions;
}

type RunReportRequest = protos.google.analytics.data.v1beta.IRunReportRequest;
type RunReportResponse = protos.google.analytics.data.v1beta.IRunReportResponse;
type QuotaStatus = { consumed?: number | null; remaining?: number | null } | null | undefined;

/** GA4's `date` dimension is YYYYMMDD; the comparison's days are YYYY-MM-DD. */
export function ga4Day(value: string): Day | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Every day whose end is less than 72 h before `now` (in the property's time zone): GA4 may still revise it. */
function firstProvisionalDay(now: Date, timeZone: string): Day {
  return dayIn(new Date(now.getTime() - REVISION_WINDOW_MS), timeZone);
}

/** A metric value as the API sends it (a decimal string); a missing or odd one is 0, not NaN. */
function metricNumber(value: string | null | undefined): number {
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
}

/** What the calls of one report share: the client, the property, the retry loop. */
interface ReportSession {
  client: BetaAnalyticsDataClient;
  settings: Ga4Settings;
  context: PlatformContext;
  errors: Ga4CallContext;
  retry: RetryOptions;
  /** Each call's propertyQuota, the latest last. */
  quotas: NonNullable<RunReportResponse['propertyQuota']>[];
}

/** All rows of a report: limit/offset pages until rowCount rows are read. */
async function readAllRows(session: ReportSession, what: string, request: Omit<RunReportRequest, 'limit' | 'offset' | 'property' | 'returnPropertyQuota'>) {
  const { client, settings, context } = session;
  const rows: NonNullable<RunReportResponse['rows']> = [];
  let first: RunReportResponse | undefined;
  for (let offset = 0; ; ) {
    const page = await retrying(
      `GA4 ${what}`,
      async () => {
        try {
          const [response] = await client.runReport(
            { ...request, property: `properties/${settings.propertyId}`, limit: settings.pageSize, offset, returnPropertyQuota: true },
            { timeout: context.timeoutMs },
          );
          return response;
        } catch (error) {
          throw ga4CallError(error, session.errors);
        }
      },
      adviseGa4,
      session.retry,
    );
    first ??= page;
    if (page.propertyQuota) session.quotas.push(page.propertyQuota);
    const pageRows = page.rows ?? [];
    rows.push(...pageRows);
    offset += pageRows.length;
    // rowCount is the whole report's; an empty page before it means the report shrank while being read.
    if (offset >= (page.rowCount ?? 0) || pageRows.length === 0) break;
  }
  return { rows, metadata: first?.metadata ?? undefined };
}

function quotaNotes(quotas: ReportSession['quotas']): string[] {
  const latest = quotas.at(-1);
  if (!latest) return [];
  const used = quotas.reduce((sum, quota) => sum + (quota.tokensPerDay?.consumed ?? 0), 0);
  const left = (label: string, status: QuotaStatus) => (status?.remaining == null ? [] : [`${label} ${status.remaining.toLocaleString('en-US')} left`]);
  const parts = [...left('per day', latest.tokensPerDay), ...left('per hour', latest.tokensPerHour), ...left('per project per hour', latest.tokensPerProjectPerHour)];
  return [`GA4 property tokens: this read used ${used.toLocaleString('en-US')} in ${quotas.length} call${quotas.length === 1 ? '' : 's'}${parts.length ? `; ${parts.join(', ')}` : ''}`];
}

async function readGa4(period: Period, settings: Ga4Settings, key: ServiceAccountKey, context: PlatformContext, retry: RetryOptions): Promise<PlatformReport> {
  const api = new URL(settings.apiUrl);
  const client = new BetaAnalyticsDataClient({
    apiEndpoint: api.hostname,
    port: Number(api.port || (api.protocol === 'http:' ? 80 : 443)),
    protocol: api.protocol.replace(':', ''),
    fallback: true,
    scopes: [SCOPE],
    // private_key_id becomes the JWT's `kid`, which tells Google which of the account's keys signed it.
    credentials: { type: 'service_account', client_email: key.clientEmail, private_key: key.privateKey, ...(key.privateKeyId ? { private_key_id: key.privateKeyId } : {}) },
  });
  const session: ReportSession = {
    client,
    settings,
    context,
    retry,
    quotas: [],
    errors: { propertyId: settings.propertyId, apiUrl: settings.apiUrl, clientEmail: key.clientEmail, credentialsEnv: settings.credentialsEnv, permission: PERMISSION },
  };
  const dateRanges = [{ startDate: period.from, endDate: period.to }];
  try {
    const perDay = await readAllRows(session, 'purchases per day', {
      dateRanges,
      dimensions: [{ name: 'date' }],
      metrics: [{ name: 'ecommercePurchases' }, { name: 'purchaseRevenue' }],
      orderBys: [{ dimension: { dimensionName: 'date' } }],
    });
    const perTransaction = await readAllRows(session, 'purchases per transactionId', {
      dateRanges,
      dimensions: [{ name: 'date' }, { name: 'transactionId' }],
      metrics: [{ name: 'purchaseRevenue' }],
      // A stable order, so that the pages neither skip nor repeat a row.
      orderBys: [{ dimension: { dimensionName: 'date' } }, { dimension: { dimensionName: 'transactionId' } }],
    });

    const timeZone = perDay.metadata?.timeZone || undefined;
    const currency = perDay.metadata?.currencyCode || undefined;
    const provisionalFrom = firstProvisionalDay(context.now, timeZone ?? 'UTC');
    const figures = new Map<Day, { conversions: number; value: number }>();
    for (const row of perDay.rows) {
      const day = ga4Day(row.dimensionValues?.[0]?.value ?? '');
      if (!day) continue;
      const sum = figures.get(day) ?? { conversions: 0, value: 0 };
      sum.conversions += metricNumber(row.metricValues?.[0]?.value);
      sum.value += metricNumber(row.metricValues?.[1]?.value);
      figures.set(day, sum);
    }
    // A day GA4 has no row for is a day it counted no purchase: it answered, so 0 is what it reported.
    const days: PlatformDay[] = daysOf(period).map((date) => ({
      date,
      conversions: figures.get(date)?.conversions ?? 0,
      value: figures.get(date)?.value ?? 0,
      ...(currency ? { currency } : {}),
      provisional: date >= provisionalFrom,
    }));

    const transactions: ReportedTransaction[] = [];
    let withoutId = 0;
    for (const row of perTransaction.rows) {
      const day = ga4Day(row.dimensionValues?.[0]?.value ?? '');
      const transactionId = row.dimensionValues?.[1]?.value ?? '';
      if (!day) continue;
      if (transactionId === '' || transactionId === '(not set)') {
        withoutId++;
        continue;
      }
      transactions.push({ date: day, transactionId, value: metricNumber(row.metricValues?.[0]?.value) });
    }

    const notes = quotaNotes(session.quotas);
    if (withoutId) notes.push(`GA4 has purchase revenue without a transactionId on ${withoutId} day${withoutId === 1 ? '' : 's'}: the tag sent purchases without transaction_id, which cannot be matched to orders`);
    if (perDay.metadata?.subjectToThresholding || perTransaction.metadata?.subjectToThresholding) notes.push('GA4 applied thresholding to this report (Google signals): some rows may be withheld');
    if (perTransaction.metadata?.dataLossFromOtherRow) notes.push('GA4 grouped some transactionIds into "(other)" (too many distinct values): those purchases cannot be matched one by one');
    const provisionalDays = days.filter((day) => day.provisional).length;
    if (provisionalDays) notes.push(`GA4 may still revise ${provisionalDays === 1 ? 'the last day' : `the last ${provisionalDays} days`} (data within 72 h): read again by the next comparison`);

    return {
      platform: 'ga4',
      days,
      transactions,
      source: `GA4 Data API v1beta, property ${settings.propertyId}`,
      ...(timeZone ? { timeZone } : {}),
      notes,
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A GA4 platform client; `options.retry` lets tests run the retries without waiting. */
export function createGa4Client(options: Ga4ClientOptions = {}): PlatformClient {
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    id: 'ga4',
    label: 'Google Analytics 4 (Data API)',
    permission: PERMISSION,
    validateSettings: (settings) => ga4SettingsProblems(settings),
    credentialProblems(settings, env) {
      const parsed = parseGa4Settings(settings);
      if ('problems' in parsed) return [];
      const key = loadServiceAccountKey(parsed.credentialsEnv, env);
      return 'problem' in key ? [key.problem] : [];
    },
    async report(period, settings, context) {
      const parsed = parseGa4Settings(settings);
      if ('problems' in parsed) throw new PlatformUnreachableError(`GA4 settings are invalid:\n${parsed.problems.map((line) => `  - ${line}`).join('\n')}`);
      const key = loadServiceAccountKey(parsed.credentialsEnv, context.env);
      if ('problem' in key) throw new PlatformUnreachableError(`GA4 cannot be read: ${key.problem}`);
      return readGa4(period, parsed, key, context, retry);
    },
  };
}

export const ga4: PlatformClient = createGa4Client();
export default ga4;
