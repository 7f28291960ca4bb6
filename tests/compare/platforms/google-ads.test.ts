import { afterEach, describe, expect, it } from 'vitest';
import { createGoogleAdsClient, googleAds } from '../../../src/compare/platforms/google-ads.ts';
import { PlatformUnreachableError, type PlatformContext } from '../../../src/compare/model.ts';
import { startFakeGoogleAdsApi, type FakeAdsConversionRow, type FakeGoogleAdsApi, type FakeGoogleAdsOptions } from '../../support/fake-google-ads-api.ts';

const CLIENT_ID = '1234567890-abc.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-fake-client-secret-0001';
const REFRESH_TOKEN = '1//0fake-refresh-token-for-tests-only';
const ENV = { GOOGLE_ADS_CLIENT_ID: CLIENT_ID, GOOGLE_ADS_CLIENT_SECRET: CLIENT_SECRET, GOOGLE_ADS_REFRESH_TOKEN: REFRESH_TOKEN };

const slept: number[] = [];
const client = createGoogleAdsClient({ retry: { attempts: 4, firstDelayMs: 1_000, maxDelayMs: 60_000, sleep: async (ms) => void slept.push(ms) } });

let api: FakeGoogleAdsApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  slept.length = 0;
});

/** Ten days of purchases (and a lead action that must not be counted when actions are named). */
function dataset(): FakeAdsConversionRow[] {
  const rows: FakeAdsConversionRow[] = [];
  for (let day = 1; day <= 10; day++) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    rows.push({ date, conversionAction: 'Purchase', conversions: day * 2, value: day * 100.5 });
    rows.push({ date, conversionAction: 'Purchase (app)', conversions: 1, value: 20 });
    rows.push({ date, conversionAction: 'Newsletter sign-up', conversions: 7, value: 0 });
  }
  // A day with no conversion at all: the API leaves it out, the report says 0.
  rows.push({ date: '2026-11-11', conversionAction: 'Purchase', conversions: 0, value: 0 });
  return rows;
}

async function start(overrides: Partial<FakeGoogleAdsOptions> = {}) {
  api = await startFakeGoogleAdsApi({ rows: dataset(), customerId: '1234567890', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, ...overrides });
  return api;
}

function context(now = '2026-12-04T10:00:00Z', env: NodeJS.ProcessEnv = ENV): PlatformContext {
  return { env, timeoutMs: 5_000, now: new Date(now) };
}

function settings(server: FakeGoogleAdsApi, more: Record<string, unknown> = {}) {
  return { customerId: '123-456-7890', conversionActions: ['Purchase', 'Purchase (app)'], apiUrl: server.url, tokenUrl: server.tokenUrl, ...more };
}

describe('Google Ads platform client', () => {
  it('is the default and the named export, with the permission it needs', async () => {
    const module = await import('../../../src/compare/platforms/google-ads.ts');
    expect(module.default).toBe(googleAds);
    expect(googleAds.id).toBe('google-ads');
    expect(googleAds.permission).toMatch(/Read only/);
    expect(googleAds.permission).toMatch(/auth\/adwords/);
  });

  it("sums the named conversion actions per day, every day of the period, in the account's currency and time zone", async () => {
    const server = await start();
    const report = await client.report({ from: '2026-11-01', to: '2026-11-12' }, settings(server), context());
    expect(report.platform).toBe('google-ads');
    expect(report.days.map((day) => day.date)).toEqual([...Array(12)].map((_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
    for (let day = 1; day <= 10; day++) {
      const figures = report.days[day - 1]!;
      expect(figures.conversions).toBe(day * 2 + 1);
      expect(figures.value).toBeCloseTo(day * 100.5 + 20, 6);
      expect(figures.currency).toBe('EUR');
    }
    expect(report.days.slice(10).map((day) => [day.conversions, day.value])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(report.timeZone).toBe('Europe/Paris');
    expect(report.source).toContain('customer 1234567890');

    const search = server.requests.filter((request) => request.path.endsWith('googleAds:search'));
    const query = String(search.at(-1)!.body.query);
    expect(query).toContain("segments.date BETWEEN '2026-11-01' AND '2026-11-12'");
    expect(query).toContain("segments.conversion_action_name IN ('Purchase', 'Purchase (app)')");
    expect(search.every((request) => request.headers.authorization === `Bearer ${server.issuedTokens[0]}`)).toBe(true);
    // One token for the whole read, obtained with the refresh-token grant.
    const tokenCalls = server.requests.filter((request) => request.path === '/token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.body).toMatchObject({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: REFRESH_TOKEN });
  });

  it('counts every primary action when no action is named, and says which ones it summed', async () => {
    const server = await start();
    const { conversionActions: _, ...all } = settings(server);
    const report = await client.report({ from: '2026-11-01', to: '2026-11-01' }, all, context());
    expect(report.days[0]!.conversions).toBe(2 + 1 + 7);
    expect(report.notes?.join('\n')).toMatch(/all primary conversion actions summed .*"Newsletter sign-up"/);
  });

  it('reads every page of the answer', async () => {
    const server = await start({ rowsPerPage: 4 });
    const report = await client.report({ from: '2026-11-01', to: '2026-11-10' }, settings(server), context());
    expect(report.days.reduce((sum, day) => sum + day.conversions, 0)).toBe(2 * 55 + 10);
    const pages = server.requests.filter((request) => request.path.endsWith('googleAds:search') && request.body.pageToken !== undefined);
    expect(pages).toHaveLength(4); // 20 rows at 4 a page: the first page and 4 more
  });

  it("marks the days within 72 hours of now as provisional, in the account's time zone", async () => {
    const server = await start({ timeZone: 'Pacific/Auckland' });
    // 2026-11-13 11:00 UTC is 2026-11-14 00:00 in Auckland; 72 h earlier it is 2026-11-11 00:00 there.
    const report = await client.report({ from: '2026-11-08', to: '2026-11-13' }, settings(server), context('2026-11-13T11:00:00Z'));
    expect(report.days.filter((day) => day.provisional).map((day) => day.date)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);
    expect(report.notes?.join('\n')).toMatch(/last 3 days \(within 72 h\)/);
  });

  it('waits the retryDelay the quota error asks for, then reads the period', async () => {
    const server = await start({ quotaErrors: 2, retryDelay: '7s' });
    const report = await client.report({ from: '2026-11-01', to: '2026-11-02' }, settings(server), context());
    expect(slept).toEqual([7_000, 7_000]);
    expect(report.days.map((day) => day.conversions)).toEqual([3, 5]);
    expect(server.requests.filter((request) => request.status === 429)).toHaveLength(2);
  });

  it('makes the platform unavailable, not 0, when the quota asks for a wait longer than a compare can take', async () => {
    const server = await start({ quotaErrors: 1, retryDelay: '86400s' });
    const error = await client.report({ from: '2026-11-01', to: '2026-11-02' }, settings(server), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/quota exhausted .*Number of operations per minute.*asks to wait 86400 s: try again later/);
    expect(slept).toEqual([]);
  });

  it('says which permission is missing when the user cannot read the customer, and no secret', async () => {
    const server = await start({ refuse: 'customer' });
    const error = await client.report({ from: '2026-11-01', to: '2026-11-02' }, settings(server), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    const message = (error as Error).message;
    expect(message).toContain('USER_PERMISSION_DENIED');
    expect(message).toMatch(/no access to customer 1234567890: grant it access, or set loginCustomerId/);
    expect(message).toContain(googleAds.permission);
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, ...server.issuedTokens]) expect(message).not.toContain(secret);
  });

  it('sends login-customer-id when the access goes through a manager account', async () => {
    const server = await start({ loginCustomerId: '9876543210' });
    const refused = await client.report({ from: '2026-11-01', to: '2026-11-01' }, settings(server), context()).catch((e: unknown) => e);
    expect((refused as Error).message).toContain('USER_PERMISSION_DENIED');
    const report = await client.report({ from: '2026-11-01', to: '2026-11-01' }, settings(server, { loginCustomerId: '987-654-3210' }), context());
    expect(report.days[0]!.conversions).toBe(3);
    expect(server.requests.at(-1)!.headers['login-customer-id']).toBe('9876543210');
  });

  it('says the refresh token was refused, naming its variable and not its value', async () => {
    const server = await start({ refuse: 'refresh-token' });
    const error = await client.report({ from: '2026-11-01', to: '2026-11-02' }, settings(server), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    const message = (error as Error).message;
    expect(message).toMatch(/invalid_grant.*refresh token in GOOGLE_ADS_REFRESH_TOKEN was refused/);
    expect(message).not.toContain(REFRESH_TOKEN);
    expect(message).not.toContain(CLIENT_SECRET);
    expect(server.requests.filter((request) => request.path.endsWith('googleAds:search'))).toHaveLength(0);
  });

  it('says the API is down after the retries when nothing listens', async () => {
    const server = await start();
    const url = server.url;
    await server.close();
    api = undefined;
    const error = await client.report({ from: '2026-11-01', to: '2026-11-02' }, { customerId: '1234567890', apiUrl: url, tokenUrl: `${url}/token` }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/cannot be reached \(ECONNREFUSED\).*still failing after 4 attempts/);
  });

  it('names each missing variable and what to export; the developer token only when the monitor names one', () => {
    const problems = googleAds.credentialProblems({ customerId: '1234567890' }, { GOOGLE_ADS_CLIENT_ID: CLIENT_ID });
    expect(problems).toEqual([
      expect.stringMatching(/^compare\.platforms\.google-ads\.clientSecretEnv: environment variable GOOGLE_ADS_CLIENT_SECRET is not set: export/),
      expect.stringMatching(/^compare\.platforms\.google-ads\.refreshTokenEnv: environment variable GOOGLE_ADS_REFRESH_TOKEN is not set: export a refresh token/),
    ]);
    expect(googleAds.credentialProblems({ customerId: '1234567890' }, ENV)).toEqual([]);
    expect(googleAds.credentialProblems({ customerId: '1234567890', developerTokenEnv: 'ADS_DEV_TOKEN' }, ENV)).toEqual([
      expect.stringMatching(/developerTokenEnv: environment variable ADS_DEV_TOKEN is not set: export the developer token \(optional since developer tokens were sunset/),
    ]);
  });

  it('sends the developer token when one is set', async () => {
    const server = await start();
    await client.report({ from: '2026-11-01', to: '2026-11-01' }, settings(server), context(undefined, { ...ENV, GOOGLE_ADS_DEVELOPER_TOKEN: 'fake-dev-token-1234' }));
    expect(server.requests.at(-1)!.headers['developer-token']).toBe('fake-dev-token-1234');
  });

  it('reports a missing variable as unavailable without calling the API', async () => {
    const server = await start();
    const error = await client.report({ from: '2026-11-01', to: '2026-11-02' }, settings(server), context(undefined, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toContain('GOOGLE_ADS_CLIENT_ID is not set');
    expect(server.requests).toHaveLength(0);
  });

  it('names the field of each bad setting', () => {
    expect(googleAds.validateSettings({ customerId: '123-456-7890', conversionActions: ['Purchase'] })).toEqual([]);
    expect(googleAds.validateSettings({})).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.customerId: required: the Google Ads customer ID/)]);
    expect(googleAds.validateSettings({ customerId: '123-456' })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.customerId: .*10 digits/)]);
    expect(googleAds.validateSettings({ customerId: '1234567890', conversionActions: [] })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.conversionActions: at least one/)]);
    expect(googleAds.validateSettings({ customerId: '1234567890', apiUrl: 'googleads.googleapis.com' })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.apiUrl: an http\(s\) URL/)]);
    expect(googleAds.validateSettings({ customerId: '1234567890', version: '26' })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.version: an API version like "v26"/)]);
    expect(googleAds.validateSettings({ customerId: '1234567890', refreshTokenEnv: '1//0abcdefghijklmnopqrstuvwxyz123456' })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.refreshTokenEnv: the name of an environment variable/)]);
    expect(googleAds.validateSettings({ customerId: '1234567890', customer: '1' })).toEqual([expect.stringMatching(/^compare\.platforms\.google-ads\.customer: unknown field .*did you mean customerId\?/)]);
  });
});
