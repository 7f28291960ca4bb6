import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformUnreachableError, type PlatformContext } from '../../../src/compare/model.ts';
import { createGa4Client, ga4 } from '../../../src/compare/platforms/ga4.ts';
import { createServiceAccount, startFakeGa4DataApi, type FakeGa4DataApi, type FakeGa4Transaction } from '../../support/fake-ga4-data-api.ts';

const PROPERTY = '312456789';
const account = createServiceAccount();
const dir = mkdtempSync(join(tmpdir(), 'tagwatch-ga4-'));
const keyPath = join(dir, 'service-account.json');
writeFileSync(keyPath, JSON.stringify(account.keyFile));

/** Ten purchases over four days (none on the 3rd), one without a transactionId. */
const transactions: FakeGa4Transaction[] = [
  { date: '2026-03-01', transactionId: '1001', value: 40 },
  { date: '2026-03-01', transactionId: '1002', value: 25.5 },
  { date: '2026-03-01', transactionId: '1003', value: 10 },
  { date: '2026-03-02', transactionId: '1004', value: 99.99 },
  { date: '2026-03-02', transactionId: '1005', value: 12 },
  { date: '2026-03-04', transactionId: '1006', value: 30 },
  { date: '2026-03-04', transactionId: '1007', value: 31 },
  { date: '2026-03-04', transactionId: '', value: 5 },
  { date: '2026-03-05', transactionId: '1008', value: 70 },
  { date: '2026-03-05', transactionId: '1009', value: 80 },
  // Outside the period: never reported.
  { date: '2026-03-06', transactionId: '1010', value: 1000 },
];
const period = { from: '2026-03-01', to: '2026-03-05' };

const sleeps: number[] = [];
const client = createGa4Client({ retry: { attempts: 3, firstDelayMs: 1_000, maxDelayMs: 60_000, sleep: async (ms) => void sleeps.push(ms) } });

let api: FakeGa4DataApi;
beforeAll(async () => {
  api = await startFakeGa4DataApi({ propertyId: PROPERTY, transactions, serviceAccount: account, timeZone: 'America/New_York', currencyCode: 'USD' });
});
afterEach(() => {
  api.requests.length = 0;
  api.rateLimit = { times: 0, quota: 'concurrent' };
  api.refuse = false;
  sleeps.length = 0;
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = { GA4_KEY: keyPath };
/** Long after the period: no day provisional. */
const context = (now = new Date('2026-04-01T12:00:00Z')): PlatformContext => ({ env, timeoutMs: 10_000, now });
const settings = (extra: Record<string, unknown> = {}) => ({ propertyId: PROPERTY, credentialsEnv: 'GA4_KEY', apiUrl: api.url, ...extra });

describe('GA4 platform client against the Data API', () => {
  it("reports the period's purchases and revenue per day, and each transactionId, as the dataset has them", async () => {
    const report = await client.report(period, settings(), context());

    expect(report.platform).toBe('ga4');
    expect(report.timeZone).toBe('America/New_York');
    expect(report.days).toEqual([
      { date: '2026-03-01', conversions: 3, value: 75.5, currency: 'USD', provisional: false },
      { date: '2026-03-02', conversions: 2, value: 111.99, currency: 'USD', provisional: false },
      { date: '2026-03-03', conversions: 0, value: 0, currency: 'USD', provisional: false },
      { date: '2026-03-04', conversions: 3, value: 66, currency: 'USD', provisional: false },
      { date: '2026-03-05', conversions: 2, value: 150, currency: 'USD', provisional: false },
    ]);
    expect(report.transactions).toEqual(
      transactions.filter((tx) => tx.transactionId && tx.date <= period.to).map((tx) => ({ date: tx.date, transactionId: tx.transactionId, value: tx.value })),
    );
    expect(report.source).toContain(PROPERTY);
    expect(report.notes?.join('\n')).toMatch(/GA4 property tokens: this read used 24 in 2 calls; per day 199,976 left/);
    expect(report.notes?.join('\n')).toMatch(/without a transactionId/);

    // What the API was asked: the period, the documented names, quota returned, as the service account.
    const asked = api.requests.map((request) => request.body);
    expect(asked.map((body) => body?.dimensions)).toEqual([['date'], ['date', 'transactionId']]);
    expect(asked.map((body) => body?.metrics)).toEqual([['ecommercePurchases', 'purchaseRevenue'], ['purchaseRevenue']]);
    for (const request of api.requests) {
      expect(request).toMatchObject({ path: `/v1beta/properties/${PROPERTY}:runReport`, authorizedAs: account.clientEmail, status: 200 });
      expect(request.body).toMatchObject({ dateRanges: [{ startDate: '2026-03-01', endDate: '2026-03-05' }], returnPropertyQuota: true });
    }
  });

  it('reads every page of a report larger than pageSize', async () => {
    const report = await client.report(period, settings({ pageSize: 3 }), context());

    expect(report.transactions?.map((tx) => tx.transactionId)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009']);
    expect(report.days.reduce((sum, day) => sum + day.conversions, 0)).toBe(10);
    // 4 days in 2 pages, 10 date+transactionId rows (one "(not set)") in 4 pages.
    const pages = api.requests.map((request) => [request.body?.dimensions.length, request.body?.offset, request.body?.limit]);
    expect(pages).toEqual([
      [1, 0, 3],
      [1, 3, 3],
      [2, 0, 3],
      [2, 3, 3],
      [2, 6, 3],
      [2, 9, 3],
    ]);
  });

  it('marks the days GA4 may still revise (within 72 h of now) as provisional', async () => {
    // 2026-03-07 18:00 in New York: 72 h earlier is 2026-03-04 18:00 there, so the 4th and 5th may still change.
    const report = await client.report(period, settings(), context(new Date('2026-03-07T23:00:00Z')));

    expect(report.days.map((day) => [day.date, day.provisional])).toEqual([
      ['2026-03-01', false],
      ['2026-03-02', false],
      ['2026-03-03', false],
      ['2026-03-04', true],
      ['2026-03-05', true],
    ]);
    expect(report.notes?.join('\n')).toMatch(/may still revise the last 2 days/);
  });

  it('waits and retries when GA4 answers 429 for concurrent requests, honouring its RetryInfo delay', async () => {
    api.rateLimit = { times: 2, quota: 'concurrent', retryDelaySeconds: 7 };

    const report = await client.report(period, settings(), context());

    expect(report.days.find((day) => day.date === '2026-03-05')?.conversions).toBe(2);
    expect(sleeps).toEqual([7_000, 7_000]);
    expect(api.requests.map((request) => request.status)).toEqual([429, 429, 200, 200]);
  });

  it('gives up with PlatformUnreachableError after the attempts when the rate limit persists', async () => {
    api.rateLimit = { times: 10, quota: 'concurrent' };

    const error = await client.report(period, settings(), context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/quota exhausted.*Exhausted concurrent requests quota.*still failing after 3 attempts/);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('does not hammer a daily quota that is used up: one call, and a message saying when to try again', async () => {
    api.rateLimit = { times: 1, quota: 'daily' };

    const error = await client.report(period, settings(), context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/Exhausted property tokens per day.*compare again tomorrow/);
    expect(api.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('says which permission to grant when GA4 refuses the service account, without a secret', async () => {
    api.refuse = true;

    const error = await client.report(period, settings(), context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformUnreachableError);
    const message = (error as Error).message;
    expect(message).toContain(account.clientEmail);
    expect(message).toContain(ga4.permission);
    expect(message).toMatch(/User does not have sufficient permissions for this property/);
    expect(message).not.toContain('PRIVATE KEY');
    expect(message).not.toMatch(/eyJ|Bearer/);
    expect(api.requests).toHaveLength(1);
  });

  it("says the key was not accepted when it is not the service account's current key", async () => {
    const stale = createServiceAccount(account.clientEmail);
    const stalePath = join(dir, 'stale.json');
    writeFileSync(stalePath, JSON.stringify(stale.keyFile));

    const error = await client.report(period, settings(), { ...context(), env: { GA4_KEY: stalePath } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/did not accept the key of service account .*Request had invalid authentication credentials.*GA4_KEY/);
    expect((error as Error).message).not.toContain(stale.keyFile.private_key!.slice(40, 80));
    expect(api.requests.map((request) => request.status)).toEqual([401]);
  });

  it('says the API cannot be reached (after retrying) when nothing listens at apiUrl', async () => {
    const gone = await startFakeGa4DataApi({ propertyId: PROPERTY, transactions, serviceAccount: account });
    await gone.close();

    const error = await client.report(period, settings({ apiUrl: gone.url }), context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toContain(`cannot reach the GA4 Data API at ${gone.url}`);
    expect(sleeps).toHaveLength(2);
  });
});

describe('GA4 settings and credentials', () => {
  it('names the unset environment variable and what to export', () => {
    expect(ga4.credentialProblems({ propertyId: PROPERTY }, {})).toEqual([
      expect.stringMatching(/^compare\.platforms\.ga4\.credentialsEnv: environment variable GOOGLE_APPLICATION_CREDENTIALS is not set: export the path of the GA4 service account's JSON key file/),
    ]);
    expect(ga4.credentialProblems({ propertyId: PROPERTY, credentialsEnv: 'GA4_KEY' }, env)).toEqual([]);
  });

  it('says when the variable names a file that is missing or not a service account key, without quoting it', () => {
    const notKey = join(dir, 'not-key.json');
    writeFileSync(notKey, '{"type": "authorized_user", "refresh_token": "1//secret-refresh"}');
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n');

    const missing = ga4.credentialProblems({ propertyId: PROPERTY }, { GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'nope.json') });
    const wrong = ga4.credentialProblems({ propertyId: PROPERTY }, { GOOGLE_APPLICATION_CREDENTIALS: notKey });
    const garbled = ga4.credentialProblems({ propertyId: PROPERTY }, { GOOGLE_APPLICATION_CREDENTIALS: notJson });

    expect(missing).toEqual([expect.stringMatching(/nope\.json, which cannot be read \(ENOENT\)/)]);
    expect(wrong).toEqual([expect.stringMatching(/not a service account key/)]);
    expect(garbled).toEqual([expect.stringMatching(/not JSON/)]);
    expect([...wrong, ...garbled].join('\n')).not.toMatch(/secret-refresh|MIIEvQ/);
  });

  it('reports bad fields with their path, and unknown ones with the known fields', () => {
    expect(ga4.validateSettings(settings())).toEqual([]);
    expect(ga4.validateSettings({ propertyId: 312456789 })).toEqual([]);
    expect(ga4.validateSettings({ propertyId: 'G-ABC123XYZ' })).toEqual([expect.stringMatching(/^compare\.platforms\.ga4\.propertyId: this is a measurement ID \(G-\.\.\.\)/)]);
    expect(ga4.validateSettings({})).toEqual([expect.stringMatching(/^compare\.platforms\.ga4\.propertyId: required/)]);
    const problems = ga4.validateSettings({ propertyId: PROPERTY, apiUrl: 'ftp://example.com', pageSize: 300_000, credentialsEnv: 'ya29.a0AfH6SMBx1234567890abcdef', propertyid: '1' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^compare\.platforms\.ga4\.apiUrl: an http\(s\) URL/),
        expect.stringMatching(/^compare\.platforms\.ga4\.pageSize: at most 250000/),
        expect.stringMatching(/^compare\.platforms\.ga4\.credentialsEnv: the name of an environment variable/),
        expect.stringMatching(/^compare\.platforms\.ga4\.propertyid: unknown field .*did you mean propertyId\?/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('ya29.a0AfH6SMBx1234567890abcdef');
  });
});
