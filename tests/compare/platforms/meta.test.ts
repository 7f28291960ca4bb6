import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformUnreachableError, type PlatformContext } from '../../../src/compare/model.ts';
import meta, { createMetaClient } from '../../../src/compare/platforms/meta.ts';
import { DEFAULT_RETRY } from '../../../src/compare/platforms/retrying.ts';
import { startLocalServer } from '../../support/local-server.ts';
import { startFakeMetaMarketingApi, type FakeMetaDay, type FakeMetaMarketingApi } from '../../support/fake-meta-marketing-api.ts';

const ACCOUNT = '1234567890';
const TOKEN = `EAAG${randomBytes(24).toString('hex')}`;
const APP_SECRET = randomBytes(16).toString('hex');

/** 30 days of November 2026; the 7th had no delivery at all (no row), the 10th delivered but sold nothing. */
function november(): FakeMetaDay[] {
  const days: FakeMetaDay[] = [];
  for (let day = 1; day <= 30; day++) {
    if (day === 7) continue;
    const purchases = day === 10 ? 0 : 10 + (day % 5);
    days.push({ date: `2026-11-${String(day).padStart(2, '0')}`, purchases, value: purchases ? purchases * 41.5 + 0.25 * day : 0, omniPurchases: purchases + 2, omniValue: purchases * 41.5 + 80 });
  }
  return days;
}

const fakes: FakeMetaMarketingApi[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function fakeApi(options: { appSecret?: string } = {}): Promise<FakeMetaMarketingApi> {
  const fake = await startFakeMetaMarketingApi({ adAccountId: ACCOUNT, accessToken: TOKEN, days: november(), ...options });
  fakes.push(fake);
  return fake;
}

/** After the month, when no day of it may change any more. */
const LATER = new Date('2026-12-20T09:00:00Z');
const context = (env: NodeJS.ProcessEnv = { META_ACCESS_TOKEN: TOKEN }, now = LATER): PlatformContext => ({ env, timeoutMs: 5_000, now });
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

async function refusal(promise: Promise<unknown>): Promise<PlatformUnreachableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformUnreachableError);
  return error as PlatformUnreachableError;
}

describe('Meta: purchases per day from the Marketing API insights', () => {
  it('reports each day of the period as the ad account recorded it, all pages read, through the SDK against apiUrl', async () => {
    const fake = await fakeApi();
    const report = await meta.report(NOVEMBER, { adAccountId: `act_${ACCOUNT}`, apiUrl: fake.url }, context());

    const expected = november();
    expect(report.days).toHaveLength(30);
    for (const day of report.days) {
      const recorded = expected.find((row) => row.date === day.date);
      expect(day).toEqual({ date: day.date, conversions: recorded?.purchases ?? 0, value: recorded ? Math.round(recorded.value * 100) / 100 : 0, currency: 'EUR', provisional: false });
    }
    expect(report.days.find((day) => day.date === '2026-11-07')).toMatchObject({ conversions: 0, value: 0 });
    expect(report.days.find((day) => day.date === '2026-11-10')).toMatchObject({ conversions: 0, value: 0 });
    expect(report.timeZone).toBe('Europe/Berlin');
    expect(report.source).toBe(`Meta Marketing API v24.0 insights, ad account act_${ACCOUNT}, action offsite_conversion.fb_pixel_purchase (conversion time)`);

    // 29 rows at the API's 25 a page: two insights calls, the second by the first's paging.next.
    const insights = fake.requests.filter((request) => request.path === `/v24.0/act_${ACCOUNT}/insights`);
    expect(insights.map((request) => request.status)).toEqual([200, 200]);
    expect(insights[1]!.query.get('after')).toBeTruthy();
    const first = insights[0]!.query;
    expect(Object.fromEntries(first)).toMatchObject({
      level: 'account',
      time_increment: '1',
      action_report_time: 'conversion',
      use_unified_attribution_setting: 'true',
      fields: 'account_currency,actions,action_values,date_start,date_stop',
    });
    expect(JSON.parse(first.get('time_range')!)).toEqual({ since: '2026-11-01', until: '2026-11-30' });
    expect(fake.requests.every((request) => request.accessToken === TOKEN)).toBe(true);
  });

  it('counts the action the settings name: omni_purchase gives the omnichannel figures', async () => {
    const fake = await fakeApi();
    const report = await meta.report({ from: '2026-11-03', to: '2026-11-04' }, { adAccountId: ACCOUNT, apiUrl: fake.url, actionType: 'omni_purchase', pageSize: 1 }, context());
    expect(report.days.map(({ date, conversions, value }) => ({ date, conversions, value }))).toEqual([
      { date: '2026-11-03', conversions: 15, value: 13 * 41.5 + 80 },
      { date: '2026-11-04', conversions: 16, value: 14 * 41.5 + 80 },
    ]);
    // pageSize 1: one row a call, every page followed.
    expect(fake.requests.filter((request) => request.path.endsWith('/insights')).map((request) => request.query.get('limit'))).toEqual(['1', '1']);
  });

  it('marks the last 7 days before today in the account time zone, and today, as provisional', async () => {
    const fake = await fakeApi();
    // 23:30 UTC on the 20th is already the 21st in Berlin.
    const report = await meta.report({ from: '2026-11-10', to: '2026-11-21' }, { adAccountId: ACCOUNT, apiUrl: fake.url }, context(undefined, new Date('2026-11-20T23:30:00Z')));
    const provisional = report.days.filter((day) => day.provisional).map((day) => day.date);
    expect(provisional).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']);
  });

  it('retries a rate limit and still reports the figures, saying it was rate-limited', async () => {
    const fake = await fakeApi();
    fake.rateLimit = { times: 2, code: 17 };
    const { waits, sleep } = recordingSleep();
    const client = createMetaClient({ retry: { ...DEFAULT_RETRY, sleep } });
    const report = await client.report({ from: '2026-11-01', to: '2026-11-05' }, { adAccountId: ACCOUNT, apiUrl: fake.url }, context());

    expect(report.days.map((day) => day.conversions)).toEqual([11, 12, 13, 14, 10]);
    expect(waits).toEqual([1_000, 2_000]);
    expect(report.notes).toContain('Meta rate-limited the read 2 times');
    expect(fake.requests.filter((request) => request.path.endsWith('/insights')).map((request) => request.status)).toEqual([400, 400, 200]);
  });

  it('waits the estimated_time_to_regain_access the X-Business-Use-Case-Usage header names', async () => {
    const fake = await fakeApi();
    fake.rateLimit = { times: 1, code: 80000, estimatedMinutes: 3 };
    const { waits, sleep } = recordingSleep();
    const client = createMetaClient({ retry: { ...DEFAULT_RETRY, maxDelayMs: 10 * 60_000, sleep } });
    const report = await client.report({ from: '2026-11-01', to: '2026-11-02' }, { adAccountId: ACCOUNT, apiUrl: fake.url }, context());
    expect(waits).toEqual([180_000]);
    expect(report.days.map((day) => day.conversions)).toEqual([11, 12]);
    expect(report.notes).toContain('Meta rate-limited the read 1 time; waited 180 s as asked');
  });

  it('a wait longer than the client accepts makes Meta unavailable now, saying how long and why, not 0 purchases', async () => {
    const fake = await fakeApi();
    fake.rateLimit = { times: 5, code: 80000, estimatedMinutes: 19 };
    const { waits, sleep } = recordingSleep();
    const client = createMetaClient({ retry: { ...DEFAULT_RETRY, sleep } });
    const error = await refusal(client.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: fake.url }, context()));
    expect(error.message).toContain('Meta error 80000/2446079');
    expect(error.message).toContain('rate limit');
    expect(error.message).toContain('the API asks to wait 1140 s: try again later');
    expect(waits).toEqual([]);
  });

  it('a refused token is unavailable at once, naming the variable and the permission, never the token', async () => {
    const fake = await fakeApi();
    fake.refuse = 'token';
    const error = await refusal(meta.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: fake.url }, context()));
    expect(error.message).toContain('Meta error 190: Invalid OAuth access token');
    expect(error.message).toContain('the access token in META_ACCESS_TOKEN was refused');
    expect(error.message).toContain('ads_read');
    expect(error.message).not.toContain(TOKEN);
    expect(fake.requests).toHaveLength(1);
  });

  it('a token without ads_read on the account names the permission to grant', async () => {
    const fake = await fakeApi();
    fake.refuse = 'permission';
    const error = await refusal(meta.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: fake.url }, context()));
    expect(error.message).toContain('Meta error 200');
    expect(error.message).toContain(`the token lacks a permission for act_${ACCOUNT}: it needs ads_read on the ad account`);
    expect(error.message).not.toContain(TOKEN);
  });

  it('an ad account the token cannot see says to check adAccountId', async () => {
    const fake = await fakeApi();
    const error = await refusal(meta.report(NOVEMBER, { adAccountId: 'act_999', apiUrl: fake.url }, context()));
    expect(error.message).toContain('Meta error 100/33');
    expect(error.message).toContain('check compare.platforms.meta.adAccountId (act_999)');
  });

  it('sends appsecret_proof when appSecretEnv is set, and says to set it when the app requires one', async () => {
    const fake = await fakeApi({ appSecret: APP_SECRET });
    const settings = { adAccountId: ACCOUNT, apiUrl: fake.url, appSecretEnv: 'META_APP_SECRET' };
    const report = await meta.report({ from: '2026-11-01', to: '2026-11-30' }, settings, context({ META_ACCESS_TOKEN: TOKEN, META_APP_SECRET: APP_SECRET }));
    expect(report.days.reduce((sum, day) => sum + day.conversions, 0)).toBe(november().reduce((sum, day) => sum + day.purchases, 0));
    expect(fake.requests.every((request) => request.status === 200 && request.query.get('appsecret_proof'))).toBe(true);

    const error = await refusal(meta.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: fake.url }, context()));
    expect(error.message).toContain('set compare.platforms.meta.appSecretEnv');
    expect(error.message).not.toContain(APP_SECRET);
  });

  it('an API that does not answer is unavailable after the retries, saying what to check', async () => {
    const closed = await startLocalServer((_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const { waits, sleep } = recordingSleep();
    const client = createMetaClient({ retry: { ...DEFAULT_RETRY, sleep } });
    const error = await refusal(client.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: url }, context()));
    expect(error.message).toContain(`no answer from ${url}: the Graph API is down`);
    expect(error.message).toContain('still failing after 4 attempts');
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    expect(error.message).not.toContain(TOKEN);
  });
});

describe('Meta settings and credentials', () => {
  it('a missing or empty token variable is a credential problem naming the variable', () => {
    expect(meta.credentialProblems({ adAccountId: ACCOUNT }, {})).toEqual([
      'compare.platforms.meta.accessTokenEnv: environment variable META_ACCESS_TOKEN is not set: export a Marketing API access token with ads_read on the ad account (Business Settings > System users > Generate new token, ads_read)',
    ]);
    expect(meta.credentialProblems({ adAccountId: ACCOUNT, accessTokenEnv: 'SHOP_META_TOKEN', appSecretEnv: 'SHOP_META_SECRET' }, { SHOP_META_TOKEN: ' ' })).toEqual([
      'compare.platforms.meta.accessTokenEnv: environment variable SHOP_META_TOKEN is empty: export a Marketing API access token with ads_read on the ad account (Business Settings > System users > Generate new token, ads_read)',
      "compare.platforms.meta.appSecretEnv: environment variable SHOP_META_SECRET is not set: export the Meta app's secret (App Dashboard > App settings > Basic > App secret)",
    ]);
    expect(meta.credentialProblems({ adAccountId: ACCOUNT }, { META_ACCESS_TOKEN: TOKEN })).toEqual([]);
  });

  it('a report without the token variable is unavailable, naming the variable', async () => {
    const error = await refusal(meta.report(NOVEMBER, { adAccountId: ACCOUNT, apiUrl: 'http://127.0.0.1:9' }, context({})));
    expect(error.message).toContain('environment variable META_ACCESS_TOKEN is not set');
  });

  it('names each bad field with its path and what is expected', () => {
    expect(meta.validateSettings({ adAccountId: ACCOUNT })).toEqual([]);
    expect(meta.validateSettings({})).toEqual(['compare.platforms.meta.adAccountId: required: the ad account ID, e.g. "act_1234567890" (Ads Manager > account menu, or Business Settings > Ad accounts)']);
    expect(meta.validateSettings({ adAccountId: 'my shop' })).toEqual(['compare.platforms.meta.adAccountId: the ad account ID, "act_" and digits, e.g. "act_1234567890" (Ads Manager > account menu)']);
    expect(meta.validateSettings({ adAccountId: ACCOUNT, accessTokenEnv: TOKEN })).toEqual([
      'compare.platforms.meta.accessTokenEnv: the name of an environment variable holding the Marketing API access token: this looks like the Marketing API access token itself; export it in a variable and put the variable\'s name here',
    ]);
    expect(meta.validateSettings({ adAccountId: ACCOUNT, apiUrl: 'graph.facebook.com', reportTime: 'click' })).toEqual([
      'compare.platforms.meta.reportTime: one of "conversion" (default: the day the purchase happened), "impression" or "mixed"',
      'compare.platforms.meta.apiUrl: an http(s) URL, e.g. https://graph.facebook.com',
    ]);
    expect(meta.validateSettings({ adAccountId: ACCOUNT, actiontype: 'omni_purchase' })).toEqual([
      'compare.platforms.meta.actiontype: unknown field (the fields of compare.platforms.meta: adAccountId, accessTokenEnv, appSecretEnv, actionType, reportTime, apiUrl, pageSize): did you mean actionType?',
    ]);
  });
});
