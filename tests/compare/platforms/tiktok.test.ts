import { afterEach, describe, expect, it } from 'vitest';
import { createTiktokClient, ranges, tiktok } from '../../../src/compare/platforms/tiktok.ts';
import { PlatformUnreachableError, type PlatformContext } from '../../../src/compare/model.ts';
import { startFakeTiktokReportingApi, type FakeTiktokDay, type FakeTiktokOptions, type FakeTiktokReportingApi } from '../../support/fake-tiktok-reporting-api.ts';

const TOKEN = 'fake0tiktok0access0token0for0tests0only0000';
const ADVERTISER = '7012345678901234567';

const slept: number[] = [];
const client = createTiktokClient({ retry: { attempts: 4, firstDelayMs: 1_000, maxDelayMs: 60_000, sleep: async (ms) => void slept.push(ms) } });

let api: FakeTiktokReportingApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  slept.length = 0;
});

/** 45 days of purchases from 2026-10-01, none on 2026-10-15. */
function dataset(): FakeTiktokDay[] {
  const days: FakeTiktokDay[] = [];
  for (let i = 0; i < 45; i++) {
    const date = new Date(Date.parse('2026-10-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
    if (date !== '2026-10-15') days.push({ date, completePayments: i + 1, value: (i + 1) * 31.25 });
  }
  return days;
}

async function start(overrides: Partial<FakeTiktokOptions> = {}) {
  api = await startFakeTiktokReportingApi({ days: dataset(), advertiserId: ADVERTISER, accessToken: TOKEN, ...overrides });
  return api;
}

function context(now = '2026-12-04T10:00:00Z', env: NodeJS.ProcessEnv = { TIKTOK_ACCESS_TOKEN: TOKEN }): PlatformContext {
  return { env, timeoutMs: 5_000, now: new Date(now) };
}

const settings = (server: FakeTiktokReportingApi, more: Record<string, unknown> = {}) => ({ advertiserId: ADVERTISER, apiUrl: server.url, ...more });

describe('TikTok platform client', () => {
  it('is the default and the named export, with the permission it needs', async () => {
    const module = await import('../../../src/compare/platforms/tiktok.ts');
    expect(module.default).toBe(tiktok);
    expect(tiktok.id).toBe('tiktok');
    expect(tiktok.permission).toMatch(/Reporting permission/);
  });

  it("reads complete payments and their value per day, every day of the period, 30 days a call at most", async () => {
    const server = await start();
    const report = await client.report({ from: '2026-10-01', to: '2026-11-14' }, settings(server), context());
    expect(report.platform).toBe('tiktok');
    expect(report.days).toHaveLength(45);
    expect(report.days[0]).toEqual({ date: '2026-10-01', conversions: 1, value: 31.25, provisional: false });
    expect(report.days[14]).toEqual({ date: '2026-10-15', conversions: 0, value: 0, provisional: false });
    expect(report.days[44]).toEqual({ date: '2026-11-14', conversions: 45, value: 45 * 31.25, provisional: false });
    expect(report.days.reduce((sum, day) => sum + day.conversions, 0)).toBe((45 * 46) / 2 - 15);

    const calls = server.requests.filter((request) => request.code === 0);
    expect(calls.map((request) => [request.query.get('start_date'), request.query.get('end_date')])).toEqual([
      ['2026-10-01', '2026-10-30'],
      ['2026-10-31', '2026-11-14'],
    ]);
    const query = calls[0]!.query;
    expect(calls.every((request) => request.accessToken === TOKEN)).toBe(true);
    expect(query.get('advertiser_id')).toBe(ADVERTISER);
    expect(query.get('report_type')).toBe('BASIC');
    expect(query.get('data_level')).toBe('AUCTION_ADVERTISER');
    expect(JSON.parse(query.get('dimensions')!)).toEqual(['stat_time_day']);
    expect(JSON.parse(query.get('metrics')!)).toEqual(['complete_payment', 'total_complete_payment_rate']);
  });

  it('reads every page of the answer', async () => {
    const server = await start();
    const report = await client.report({ from: '2026-10-01', to: '2026-10-20' }, settings(server, { pageSize: 6 }), context());
    expect(report.days.reduce((sum, day) => sum + day.conversions, 0)).toBe((20 * 21) / 2 - 15);
    expect(server.requests.map((request) => request.query.get('page'))).toEqual(['1', '2', '3', '4']); // 19 rows, 6 a page
  });

  it('marks the days TikTok may still attribute purchases to as provisional', async () => {
    const server = await start();
    const report = await client.report({ from: '2026-11-01', to: '2026-11-14' }, settings(server), context('2026-11-14T10:00:00Z'));
    // 7-day window plus a day for the account's time zone: from 2026-11-06.
    expect(report.days.filter((day) => day.provisional).map((day) => day.date)).toEqual(['2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14']);
    const shorter = await client.report({ from: '2026-11-01', to: '2026-11-14' }, settings(server, { attributionWindowDays: 1 }), context('2026-11-14T10:00:00Z'));
    expect(shorter.days.filter((day) => day.provisional).map((day) => day.date)).toEqual(['2026-11-12', '2026-11-13', '2026-11-14']);
  });

  it('retries the rate limit (code 40100 with HTTP 200) with backoff, then reads the period', async () => {
    const server = await start({ rateLimits: 2 });
    const report = await client.report({ from: '2026-10-01', to: '2026-10-02' }, settings(server), context());
    expect(slept).toEqual([1_000, 2_000]);
    expect(report.days.map((day) => day.conversions)).toEqual([1, 2]);
    expect(server.requests.map((request) => request.code)).toEqual([40100, 40100, 0]);
  });

  it('makes the platform unavailable, not 0, when the rate limit lasts', async () => {
    const server = await start({ rateLimits: 10 });
    const error = await client.report({ from: '2026-10-01', to: '2026-10-02' }, settings(server), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/rate limit reached \(code 40100.*still failing after 4 attempts/);
  });

  it('says the token was refused and which permission it needs, without the token', async () => {
    const server = await start({ refuse: 'token' });
    const error = await client.report({ from: '2026-10-01', to: '2026-10-02' }, settings(server), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    const message = (error as Error).message;
    expect(message).toMatch(/code 40105.*access token in TIKTOK_ACCESS_TOKEN is missing, wrong or revoked/);
    expect(message).toContain(tiktok.permission);
    expect(message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(1);
  });

  it('says the token has no permission on the advertiser', async () => {
    const server = await start({ refuse: 'advertiser' });
    const error = await client.report({ from: '2026-10-01', to: '2026-10-02' }, settings(server), context()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/code 40001.*no permission on advertiser 7012345678901234567: authorise the app for this ad account/);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('names a missing variable and what to export, and does not call the API without it', async () => {
    expect(tiktok.credentialProblems({ advertiserId: ADVERTISER }, {})).toEqual([
      expect.stringMatching(/^compare\.platforms\.tiktok\.accessTokenEnv: environment variable TIKTOK_ACCESS_TOKEN is not set: export a TikTok Marketing API access token/),
    ]);
    expect(tiktok.credentialProblems({ advertiserId: ADVERTISER, accessTokenEnv: 'SHOP_TIKTOK_TOKEN' }, { SHOP_TIKTOK_TOKEN: TOKEN })).toEqual([]);
    const server = await start();
    const error = await client.report({ from: '2026-10-01', to: '2026-10-02' }, settings(server), context(undefined, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect(server.requests).toHaveLength(0);
  });

  it('names the field of each bad setting', () => {
    expect(tiktok.validateSettings({ advertiserId: ADVERTISER })).toEqual([]);
    expect(tiktok.validateSettings({})).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.advertiserId: required/)]);
    expect(tiktok.validateSettings({ advertiserId: 7012345678901234 })).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.advertiserId: required: the TikTok advertiser ID as a quoted string/)]);
    expect(tiktok.validateSettings({ advertiserId: ADVERTISER, pageSize: 5000 })).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.pageSize: at most 1000/)]);
    expect(tiktok.validateSettings({ advertiserId: ADVERTISER, attributionWindowDays: 30 })).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.attributionWindowDays: at most 28/)]);
    expect(tiktok.validateSettings({ advertiserId: ADVERTISER, apiUrl: 'https://business-api.tiktok.com/open_api/v1.3' })).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.apiUrl: scheme, host and port only/)]);
    expect(tiktok.validateSettings({ advertiserId: ADVERTISER, accessToken: 'x' })).toEqual([expect.stringMatching(/^compare\.platforms\.tiktok\.accessToken: unknown field .*did you mean accessTokenEnv\?/)]);
  });

  it('splits a period into ranges of at most 30 days', () => {
    expect(ranges({ from: '2026-01-01', to: '2026-03-01' })).toEqual([
      { from: '2026-01-01', to: '2026-01-30' },
      { from: '2026-01-31', to: '2026-03-01' },
    ]);
    expect(ranges({ from: '2026-01-01', to: '2026-01-01' })).toEqual([{ from: '2026-01-01', to: '2026-01-01' }]);
  });
});
