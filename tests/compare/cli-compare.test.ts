import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonVerdict } from '../../src/compare/compare-verdict.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { createServiceAccount, startFakeGa4DataApi } from '../support/fake-ga4-data-api.ts';
import { startFakeGoogleAdsApi } from '../support/fake-google-ads-api.ts';
import { startFakeMetaMarketingApi } from '../support/fake-meta-marketing-api.ts';
import { startFakeTiktokReportingApi } from '../support/fake-tiktok-reporting-api.ts';
import { generateShop } from '../support/generated-orders.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startSmtpServer, type LocalSmtpServer } from '../support/smtp-server.ts';
import { tagwatch } from '../security/shard-folders.ts';

/**
 * `tagwatch compare` as a shop runs it: a month of real orders in PostgreSQL (and two of
 * tagwatch's test orders), local servers speaking the GA4 Data API, Google Ads API, Marketing API
 * and TikTok Reporting API shapes, Slack and SMTP on loopback. GA4 received every order except
 * those paid with PayPal on 2026-11-18 (a checkout path whose tag broke that day).
 */
const BROKEN_DAY = '2026-11-18';
const shop = generateShop({ firstDay: '2026-11-01', days: 30, brokenDay: BROKEN_DAY, brokenPayment: 'paypal', steadyLoss: 0 });
const brokenOrders = shop.orders.filter((o) => o.createdAt.startsWith(BROKEN_DAY) && o.paymentMethod === 'paypal').map((o) => o.id);
const TEST_ORDERS = [
  { id: 'SO-90001', createdAt: '2026-11-10T10:00:00Z', email: 'tagwatch+20261110-100000-ab12-0f3c9a@example.com' },
  { id: 'SO-90002', createdAt: '2026-11-20T10:00:00Z', email: 'tagwatch+20261120-100000-cd34-77aa01@example.com' },
];
const SLACK_TOKEN = 'xoxb-compare-test';
const ADS = { customerId: '1234567890', clientId: 'ads-client.apps.googleusercontent.com', clientSecret: 'ads-secret-value', refreshToken: 'ads-refresh-token-value' };
const META = { adAccountId: '777000111', accessToken: 'EAAB-meta-token-value' };
const TIKTOK = { advertiserId: '7000000000000000001', accessToken: 'tiktok-token-value' };

let db: TestDatabase;
let project: string;
let env: NodeJS.ProcessEnv;
let smtp: LocalSmtpServer;
const closers: (() => Promise<void>)[] = [];

/** Per day, `share` of the real orders and of their revenue: an ad platform that sees part of the buyers. */
function perDay(share: number) {
  const days = new Map<string, { count: number; value: number }>();
  for (const order of shop.orders) {
    const day = days.get(order.createdAt.slice(0, 10)) ?? { count: 0, value: 0 };
    day.count++;
    day.value += order.total;
    days.set(order.createdAt.slice(0, 10), day);
  }
  return [...days].map(([date, d]) => ({ date, count: Math.round(d.count * share), value: Math.round(d.value * share * 100) / 100 }));
}

beforeAll(async () => {
  db = await createTestDatabase('compare_e2e');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(`CREATE TABLE orders (id text PRIMARY KEY, total numeric(12,2), currency char(3), created_at timestamptz, email text, customer_name text, payment_method text, shipping_method text, line_items integer, device text)`);
  const rows = [
    ...shop.orders.map((o, i) => ({ id: o.id, total: o.total, currency: o.currency, created_at: o.createdAt, email: `buyer${i}@mail.example`, customer_name: `Buyer ${i}`, payment_method: o.paymentMethod, shipping_method: o.shippingMethod, line_items: o.lineItems, device: o.device })),
    ...TEST_ORDERS.map((t) => ({ id: t.id, total: 10, currency: 'EUR', created_at: t.createdAt, email: t.email, customer_name: 'tagwatch', payment_method: 'paypal', shipping_method: 'standard', line_items: 1, device: 'desktop' })),
  ];
  await client.query(`INSERT INTO orders SELECT * FROM json_populate_recordset(NULL::orders, $1)`, [JSON.stringify(rows)]);
  await client.end();

  const account = createServiceAccount();
  const ga4 = await startFakeGa4DataApi({
    propertyId: '345678901',
    serviceAccount: account,
    timeZone: 'UTC',
    currencyCode: 'EUR',
    // GA4 also got the test orders' purchases: it counts them, and they match no real order.
    transactions: [
      ...shop.orders.filter((o) => shop.ga4Received.has(o.id)).map((o) => ({ date: o.createdAt.slice(0, 10), transactionId: o.id, value: o.total })),
      ...TEST_ORDERS.map((t) => ({ date: t.createdAt.slice(0, 10), transactionId: t.id, value: 10 })),
    ],
  });
  const ads = await startFakeGoogleAdsApi({ ...ADS, currencyCode: 'EUR', timeZone: 'UTC', rows: perDay(0.62).map((d) => ({ date: d.date, conversionAction: 'Purchase', conversions: d.count, value: d.value })) });
  const meta = await startFakeMetaMarketingApi({ ...META, timeZone: 'UTC', currency: 'EUR', days: perDay(0.74).map((d) => ({ date: d.date, purchases: d.count, value: d.value })) });
  const tiktok = await startFakeTiktokReportingApi({ ...TIKTOK, days: perDay(0.3).map((d) => ({ date: d.date, completePayments: d.count, value: d.value })) });
  const slack = await startFakeSlack(SLACK_TOKEN);
  smtp = await startSmtpServer({ user: 'tagwatch', password: 'smtp-pass' });
  closers.push(ga4.close, ads.close, meta.close, tiktok.close, slack.close, smtp.close);
  slackRequests = slack.requests;

  project = mkdtempSync(join(tmpdir(), 'tagwatch-compare-'));
  const keyFile = join(project, 'ga4-reader.json');
  writeFileSync(keyFile, JSON.stringify(account.keyFile));
  const monitor = {
    name: 'shop',
    site: { baseUrl: 'https://shop.example' },
    scenariosDir: DEMO_SCENARIOS_DIR,
    expect: { ga4: {} },
    orders: {
      source: 'postgres',
      urlEnv: 'SHOP_DATABASE_URL',
      query: 'SELECT id, total, currency, created_at, email AS stamp, payment_method, shipping_method, line_items, device FROM orders WHERE created_at >= $1 AND created_at < $2',
    },
    alerts: { slack: { channel: 'tagwatch-alerts' }, email: { to: ['marketing-ops@shop.example'], smtpUrlEnv: 'SHOP_SMTP_URL' } },
    compare: {
      timeZone: 'UTC',
      platforms: {
        ga4: { propertyId: '345678901', apiUrl: ga4.url },
        'google-ads': { customerId: ADS.customerId, conversionActions: ['Purchase'], apiUrl: ads.url, tokenUrl: ads.tokenUrl },
        meta: { adAccountId: META.adAccountId, apiUrl: meta.url },
        tiktok: { advertiserId: TIKTOK.advertiserId, apiUrl: tiktok.url },
      },
    },
  };
  writeFileSync(join(project, 'shop.monitor.ts'), `export default ${JSON.stringify(monitor, null, 2)};\n`);
  env = {
    SHOP_DATABASE_URL: db.url,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    GOOGLE_ADS_CLIENT_ID: ADS.clientId,
    GOOGLE_ADS_CLIENT_SECRET: ADS.clientSecret,
    GOOGLE_ADS_REFRESH_TOKEN: ADS.refreshToken,
    META_ACCESS_TOKEN: META.accessToken,
    TIKTOK_ACCESS_TOKEN: TIKTOK.accessToken,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    TAGWATCH_SLACK_API_URL: slack.apiUrl,
    SHOP_SMTP_URL: smtp.url('tagwatch', 'smtp-pass'),
    TAGWATCH_HISTORY_FILE: '',
    FORCE_COLOR: '0',
  };
}, 120_000);

let slackRequests: { method: string; args: Record<string, unknown> }[] = [];

afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  await db?.drop();
});

const SECRETS = () => [ADS.clientSecret, ADS.refreshToken, META.accessToken, TIKTOK.accessToken, SLACK_TOKEN, 'smtp-pass'];

describe('tagwatch compare: a month of real orders in PostgreSQL against GA4, Google Ads, Meta and TikTok (local API servers)', () => {
  let first: Awaited<ReturnType<typeof tagwatch>>;
  let verdict: ComparisonVerdict;
  let dir: string;

  beforeAll(async () => {
    first = await tagwatch(['compare', 'shop.monitor.ts', '--from', '2026-11-01', '--to', '2026-11-30', '--out', 'reports'], project, env);
    const folder = readdirSync(join(project, 'reports')).find((name) => name.startsWith('compare-'))!;
    dir = join(project, 'reports', folder);
    verdict = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as ComparisonVerdict;
  }, 120_000);

  it('prints the table per platform, reported / real, test orders left out', () => {
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`2026-11-01 to 2026-11-30 (UTC): ${shop.orders.length} real orders`);
    const ga4 = verdict.comparison!.platforms.find((p) => p.platform === 'ga4')!;
    expect(ga4).toMatchObject({ available: true, total: { realOrders: shop.orders.length, reported: shop.ga4Received.size + TEST_ORDERS.length, missingOrders: brokenOrders.length }, unmatchedTransactions: TEST_ORDERS.length });
    for (const platform of ['google-ads', 'meta', 'tiktok']) expect(verdict.comparison!.platforms.find((p) => p.platform === platform)).toMatchObject({ available: true });
    expect(first.stdout).toMatch(/^ga4\s+\d+\s+\d+\s+\d+\.\d%/m);
    expect(first.stdout).toMatch(/^meta\s+\d+\s+\d+\s+7\d\.\d%/m);
  });

  it('names that day, that payment method and those orders; exit 1', () => {
    const drop = verdict.findings.find((f) => f.kind === 'reported-ratio-drop')!;
    expect(drop).toMatchObject({ vendor: 'ga4', condition: BROKEN_DAY });
    expect(verdict.findings.filter((f) => f.kind === 'reported-ratio-drop')).toHaveLength(1);
    expect(verdict.patterns).toEqual([{ platform: 'ga4', pattern: expect.objectContaining({ attribute: 'paymentMethod', value: 'paypal', day: BROKEN_DAY, missing: brokenOrders.length }) }]);
    expect([...verdict.patterns[0]!.pattern.missingOrderIds].sort()).toEqual([...brokenOrders].sort());
    expect(first.stdout).toContain(`on ${BROKEN_DAY}`);
    expect(first.stdout).toContain('paid with "paypal"');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const id of brokenOrders) expect(html).toContain(id);
    expect(html).toContain('<svg');
    expect(first.code).toBe(1);
  });

  it('the alert fires once, with the figures and the top separating attribute; a second run is deduplicated', async () => {
    const posts = slackRequests.filter((r) => r.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args)).toContain(BROKEN_DAY);
    expect(JSON.stringify(posts[0]!.args)).toContain('paypal');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.parsed.text).toContain(BROKEN_DAY);

    const again = await tagwatch(['compare', 'shop.monitor.ts', '--from', '2026-11-01', '--to', '2026-11-30', '--out', 'reports'], project, env);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/alert: the same failure as already announced/);
    expect(slackRequests.filter((r) => r.method === 'chat.postMessage')).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it('`tagwatch history` shows the daily ratios per platform, the drop day among them', async () => {
    const shown = await tagwatch(['history', 'shop', '--out', 'reports', '--limit', '30'], project, env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('shop: no audit in');
    expect(shown.stdout).toMatch(/reported \/ real orders per day \(tagwatch compare/);
    expect(shown.stdout).toMatch(/^day\s+ga4\s+google-ads\s+meta\s+tiktok/m);
    const dropRow = shown.stdout.split('\n').find((line) => line.startsWith(BROKEN_DAY))!;
    const ga4 = verdict.comparison!.platforms.find((p) => p.platform === 'ga4')!;
    const day = ga4.available ? ga4.days.find((d) => d.date === BROKEN_DAY)! : undefined;
    expect(dropRow).toMatch(new RegExp(`^${BROKEN_DAY}\\s+${Math.round(day!.countRatio! * 100)}%`));
    const json = await tagwatch(['history', 'shop', '--out', 'reports', '--json'], project, env);
    const reported = JSON.parse(json.stdout).monitors[0].reported;
    expect(reported.platforms).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
  });

  it('writes no e-mail address, name or secret into the report folder or the history', () => {
    const files = [join(dir, 'comparison.json'), join(dir, 'report.html'), join(project, 'reports', 'history.json')].map((file) => readFileSync(file, 'utf8'));
    for (const text of [...files, first.stdout]) {
      expect(text).not.toMatch(/buyer\d+@mail\.example|Buyer \d+/);
      for (const secret of SECRETS()) expect(text).not.toContain(secret);
    }
    // The history keeps each platform's daily ratios for `tagwatch history` and the next comparison.
    const history = JSON.parse(files[2]!) as { reported: Record<string, Record<string, Record<string, { ratio: number }>>> };
    expect(Object.keys(history.reported.shop!).sort()).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
    expect(Object.keys(history.reported.shop!.ga4!)).toHaveLength(30);
  });
});

describe('tagwatch compare: bad input is said before anything is read, exit 2', () => {
  it('a day that is not one, a period the wrong way round, a future day', async () => {
    for (const [args, said] of [
      [['--from', '2026-11-31'], /--from 2026-11-31: a calendar day as YYYY-MM-DD/],
      [['--from', '2026-11-20', '--to', '2026-11-10'], /--from 2026-11-20 is after --to 2026-11-10/],
      [['--to', '2999-01-01'], /--to 2999-01-01 is in the future/],
    ] as const) {
      const result = await tagwatch(['compare', 'shop.monitor.ts', '--out', 'bad-reports', ...args], project, env);
      expect(result.stderr).toMatch(said);
      expect(result.code).toBe(2);
    }
  });

  it('a platform credential not in the environment: the variable named, nothing read, no folder written', async () => {
    const { META_ACCESS_TOKEN: _token, ...withoutMeta } = env;
    const result = await tagwatch(['compare', 'shop.monitor.ts', '--out', 'bad-reports', '--from', '2026-11-01', '--to', '2026-11-02'], project, { ...withoutMeta, META_ACCESS_TOKEN: '' });
    expect(result.stderr).toContain('shop.monitor.ts');
    expect(result.stderr).toMatch(/compare\.platforms\.meta\.accessTokenEnv: environment variable META_ACCESS_TOKEN is (not set|empty)/);
    expect(result.code).toBe(2);
    expect(readdirSync(project)).not.toContain('bad-reports');
  });
});
