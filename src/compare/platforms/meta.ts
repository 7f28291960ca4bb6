import { addDays, dayIn, daysOf } from '../days.ts';
import { isTimeZone } from '../../monitor/time-zone.ts';
import { PlatformUnreachableError, type Day, type Period, type PlatformClient, type PlatformContext, type PlatformDay, type PlatformReport } from '../model.ts';
import { adAccount, adviseGraph, asGraphError, ForeignPageError, GRAPH_VERSION, GraphTimeoutError, isRateLimit, parseJsonHeader, type InsightsPage } from './meta-graph.ts';
import { metaCredentialProblems, metaSettingsProblems, parseMetaSettings, type MetaSettings } from './meta-settings.ts';
import { DEFAULT_RETRY, retrying, type RetryAdvice, type RetryOptions } from './retrying.ts';

/**
 * Meta: purchases and purchase value per day from the Marketing API's ad account insights
 * (GET /v24.0/act_<id>/insights, level=account, time_increment=1), read through the official
 * facebook-nodejs-business-sdk. A purchase is the `actions` entry whose action_type is the
 * settings' `actionType`; its value is the `action_values` entry of the same type. Both are
 * numeric strings in the answer. Days are the ad account's days (its timezone_name).
 */

const PERMISSION = 'ads_read on the ad account: a system user (or user) token with ads_read, and the system user assigned to the ad account (Business Settings > Ad accounts > Assign people)';

/**
 * Days Meta may still revise: the 7 days before today (in the ad account's time zone) and today.
 * Why 7: the Conversions API accepts a purchase up to 7 days after it happened (event_time at
 * most 7 days old), and the default attribution setting is 7-day click / 1-day view, so a server
 * event or a late-matched click can still add a purchase to any of the last 7 days. Older days
 * are settled for the default setting (a 28-day click setting keeps changing longer: the
 * comparison re-reads provisional days only, so such accounts see late purchases as revisions).
 */
export const META_PROVISIONAL_DAYS = 7;

export interface MetaClientOptions {
  /** Retries of rate limits and passing faults. Default: DEFAULT_RETRY (4 calls, 1 s doubling, 60 s longest wait). */
  retry?: RetryOptions;
}

function invalid(problems: string[]): never {
  throw new PlatformUnreachableError(`Meta settings are not valid: ${problems.join('; ')}`);
}

/** The message of a refused or failed call, with every secret taken out. */
function explain(error: unknown, settings: MetaSettings, secrets: string[]): string {
  const account = `act_${settings.adAccountId}`;
  const graph = asGraphError(error);
  let text: string;
  if (error instanceof GraphTimeoutError) text = `${error.message} from ${settings.apiUrl}: the Graph API is slow or down (https://metastatus.com), or a proxy holds the call`;
  else if (error instanceof ForeignPageError) text = error.message;
  else if (!graph) text = `the answer from ${settings.apiUrl} could not be read (not the Graph API's JSON: a proxy or an outage page?)`;
  else if (graph.status === null) text = `no answer from ${settings.apiUrl}: the Graph API is down (https://metastatus.com), or the network or a proxy blocks it`;
  else {
    const body = graph.response ?? {};
    const said = `Meta error ${body.code ?? graph.status}${body.error_subcode ? `/${body.error_subcode}` : ''}: ${body.message ?? 'no message'}${body.fbtrace_id ? ` (fbtrace_id ${body.fbtrace_id})` : ''}`;
    const code = body.code;
    if (code === 190 || code === 102 || code === 463 || code === 467) {
      text = `${said}: the access token in ${settings.accessTokenEnv} was refused (expired, revoked or not a token): generate a new one with ${PERMISSION}`;
    } else if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
      text = `${said}: the token lacks a permission for ${account}: it needs ${PERMISSION}`;
    } else if (code === 100 && body.error_subcode === 33) {
      text = `${said}: check compare.platforms.meta.adAccountId (${account}) and that the token's user has ${PERMISSION}`;
    } else if (code === 100 && /appsecret_proof/i.test(body.message ?? '')) {
      text = `${said}: the app requires appsecret_proof: set compare.platforms.meta.appSecretEnv to a variable holding the app secret of the token's app`;
    } else if (isRateLimit(error)) {
      text = `${said}: Marketing API rate limit for ${account} (the ads_insights quota is shared with every tool reading this account)`;
    } else {
      text = said;
    }
  }
  // Graph messages do not quote tokens, but a proxy's page might: nothing secret leaves here.
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  return text;
}

/** The number of `actionType` in `actions` / `action_values` (numeric strings), 0 when absent. */
function actionNumber(list: unknown, actionType: string): number {
  if (!Array.isArray(list)) return 0;
  const entry = list.find((item) => (item as Record<string, unknown>)?.action_type === actionType) as Record<string, unknown> | undefined;
  const value = Number(entry?.value ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** A usage note when a rate-limit header says the account is close to its limit (75 % or more). */
function usageNotes(headers: Record<string, string> | undefined): string[] {
  const notes: string[] = [];
  const buc = parseJsonHeader(headers, 'x-business-use-case-usage');
  if (buc && typeof buc === 'object') {
    for (const entries of Object.values(buc as Record<string, unknown>)) {
      for (const entry of Array.isArray(entries) ? (entries as Record<string, unknown>[]) : []) {
        const peak = Math.max(Number(entry.call_count) || 0, Number(entry.total_cputime) || 0, Number(entry.total_time) || 0);
        if (peak >= 75) notes.push(`Meta ${String(entry.type ?? 'business use case')} rate limit: ${peak}% used (calls ${entry.call_count ?? '?'}%, CPU ${entry.total_cputime ?? '?'}%, time ${entry.total_time ?? '?'}%)`);
      }
    }
  }
  const account = parseJsonHeader(headers, 'x-ad-account-usage') as Record<string, unknown> | undefined;
  const pct = Number(account?.acc_id_util_pct);
  if (Number.isFinite(pct) && pct >= 75) notes.push(`Meta ad account rate limit: ${pct}% used`);
  return notes;
}

export function createMetaClient(options: MetaClientOptions = {}): PlatformClient {
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    id: 'meta',
    label: 'Meta (Marketing API insights)',
    permission: PERMISSION,

    validateSettings: (settings) => metaSettingsProblems(settings),

    credentialProblems(settings, env) {
      const parsed = parseMetaSettings(settings);
      return 'problems' in parsed ? [] : metaCredentialProblems(parsed, env);
    },

    async report(period: Period, raw: Record<string, unknown>, context: PlatformContext): Promise<PlatformReport> {
      const settings = parseMetaSettings(raw);
      if ('problems' in settings) invalid(settings.problems);
      const missing = metaCredentialProblems(settings, context.env);
      if (missing.length) throw new PlatformUnreachableError(`Meta cannot be read: ${missing.join('; ')}`);
      const accessToken = context.env[settings.accessTokenEnv]!.trim();
      const appSecret = settings.appSecretEnv ? context.env[settings.appSecretEnv]!.trim() : undefined;
      const secrets = [accessToken, ...(appSecret ? [appSecret] : [])];
      const account = adAccount(settings.adAccountId, { accessToken, ...(appSecret ? { appSecret } : {}), apiUrl: settings.apiUrl, timeoutMs: context.timeoutMs });
      const what = `Meta Marketing API (act_${settings.adAccountId})`;

      let rateLimited = 0;
      let waitedMs = 0;
      const advise = (error: unknown): RetryAdvice => {
        const advice = adviseGraph(error);
        if (advice.retry && isRateLimit(error)) {
          rateLimited++;
          waitedMs += advice.afterMs ?? 0;
        }
        return advice;
      };
      const call = <T>(read: () => Promise<T>): Promise<T> =>
        retrying(what, async () => {
          try {
            return await read();
          } catch (error) {
            // The SDK's error carries the URL with the token: only the explained message goes on.
            const advice = advise(error);
            throw advice.retry ? new RetryableGraphError(explain(error, settings, secrets), advice) : new PlatformUnreachableError(`${what}: ${explain(error, settings, secrets)}`);
          }
        }, (error) => (error instanceof RetryableGraphError ? error.advice : { retry: false }), retry);

      const info = (await call(() => account.get(['timezone_name', 'currency']))).exportAllData();
      const timeZone = typeof info.timezone_name === 'string' && isTimeZone(info.timezone_name) ? info.timezone_name : undefined;

      const params: Record<string, unknown> = {
        level: 'account',
        time_increment: 1,
        time_range: { since: period.from, until: period.to },
        action_report_time: settings.reportTime,
        // The ad sets' own attribution settings, as Ads Manager shows them.
        use_unified_attribution_setting: true,
        ...(settings.pageSize ? { limit: settings.pageSize } : {}),
      };
      const fields = ['account_currency', 'actions', 'action_values', 'date_start', 'date_stop'];
      const page: InsightsPage = await call(() => account.getInsights(fields, params));
      const rows = page.map((row) => row.exportAllData());
      let headers = page.headers;
      while (page.hasNext()) {
        await call(() => page.next());
        rows.push(...page.map((row) => row.exportAllData()));
        headers = page.headers ?? headers;
      }

      const reported = new Map<Day, { conversions: number; value: number; currency?: string }>();
      for (const row of rows) {
        const date = String(row.date_start ?? '');
        if (!date) continue;
        const day = reported.get(date) ?? { conversions: 0, value: 0 };
        day.conversions += actionNumber(row.actions, settings.actionType);
        day.value += actionNumber(row.action_values, settings.actionType);
        const currency = typeof row.account_currency === 'string' ? row.account_currency : typeof info.currency === 'string' ? info.currency : undefined;
        if (currency) day.currency = currency;
        reported.set(date, day);
      }

      const today = dayIn(context.now, timeZone ?? 'UTC');
      const settledBefore = addDays(today, -META_PROVISIONAL_DAYS);
      const accountCurrency = typeof info.currency === 'string' ? info.currency : undefined;
      // A day without a row had no delivery and no action: Meta reported 0 for it.
      const days: PlatformDay[] = daysOf(period).map((date) => {
        const day = reported.get(date);
        const currency = day?.currency ?? accountCurrency;
        return { date, conversions: day?.conversions ?? 0, value: Math.round((day?.value ?? 0) * 100) / 100, ...(currency ? { currency } : {}), provisional: date >= settledBefore };
      });

      const notes = usageNotes(headers);
      if (rateLimited) notes.unshift(`Meta rate-limited the read ${rateLimited} time${rateLimited === 1 ? '' : 's'}${waitedMs ? `; waited ${Math.ceil(waitedMs / 1000)} s as asked` : ''}`);
      return {
        platform: 'meta',
        days,
        source: `Meta Marketing API ${GRAPH_VERSION} insights, ad account act_${settings.adAccountId}, action ${settings.actionType} (${settings.reportTime} time)`,
        ...(timeZone ? { timeZone } : {}),
        ...(notes.length ? { notes } : {}),
      };
    },
  };
}

/** A failed call worth another try, its message already free of secrets. */
class RetryableGraphError extends Error {
  constructor(
    message: string,
    readonly advice: RetryAdvice,
  ) {
    super(message);
    this.name = 'RetryableGraphError';
  }
}

export const meta: PlatformClient = createMetaClient();
export default meta;
