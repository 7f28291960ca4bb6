import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { loadReporters, notifyAll } from '../../src/report/run-reporters.ts';
import { buildAlertMessages, type SlackBlock } from '../../src/report/slack/alert-message.ts';
import type { ReporterDefinition } from '../../src/report/define-reporter.ts';
import type { Alert } from '../../src/model/alert.ts';
import type { MonitorInput } from '../../src/monitor/schema.ts';
import type { JourneyResult, Verdict } from '../../src/model/verdict.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

const TOKEN = 'xoxb-test-0000-secret';
const HOSTILE = 'ga4 missed order <!channel> & <https://evil.example|click me>\u0000\u001b[2J';

function journey(id: string, condition: string, orderId: string, vendors: JourneyResult['vendors']): JourneyResult {
  return { journeyId: id, scenario: 'purchase', condition, repeat: 0, orderId, orderInBackend: true, status: 'passed', hits: [], vendors, lossCauses: {} };
}

const verdict: Verdict = {
  runId: 'R-slack',
  monitor: 'shop',
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-11-26T04:00:00.000Z',
  finishedAt: '2026-11-26T04:00:12.000Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4).',
  journeys: [
    journey('b1', 'baseline', '1002', { ga4: 'lost', meta: 'tracked' }),
    journey('b2', 'baseline', '1003', { ga4: 'lost', meta: 'tracked' }),
    journey('b3', 'baseline', '1004', { ga4: 'tracked', meta: 'tracked' }),
  ],
  loss: [
    { vendor: 'ga4', condition: 'baseline', orders: 3, tracked: 1, attributable: null, lost: 2, duplicated: 0, consentPings: 0, lossRate: 0.6667, ci95: [0.208, 0.939], maxLossRate: 0, overThreshold: true },
    { vendor: 'meta', condition: 'baseline', orders: 3, tracked: 3, attributable: null, lost: 0, duplicated: 0, consentPings: 0, lossRate: 0, ci95: [0, 0.562], maxLossRate: 0, overThreshold: false },
  ],
  // As the judge reckons it: 120 orders/day x 45 EUR x the row's loss rate (and its interval).
  broke: [
    {
      vendor: 'ga4',
      condition: 'baseline',
      orders: 3,
      lost: 2,
      lossRate: 0.6667,
      ci95: [0.208, 0.939],
      exampleOrder: '1002',
      revenueAtRisk: { perDay: 120 * 45 * 0.6667, range: [120 * 45 * 0.208, 120 * 45 * 0.939], currency: 'EUR', dailyOrders: 120, averageOrderValue: 45 },
    },
  ],
  findings: [
    { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed 2 of 3 orders under baseline (loss 67%, above the 0% threshold)', evidence: { lostOrders: ['1002', '1003'] } },
    { severity: 'error', kind: 'value-mismatch', vendor: 'meta', condition: 'baseline', orderId: '1004', message: HOSTILE, evidence: { url: 'https://www.facebook.com/tr/?a=1&b=<2>' } },
    { severity: 'warning', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'warning only: not in the alert' },
  ],
  diagnostics: [],
};

const failure: Alert = { kind: 'failure', monitor: 'shop', runId: 'R-slack', consecutiveFailures: 1, since: 'R-slack', fingerprint: 'tag-missing:ga4:baseline', headline: 'ga4 purchase tracking broke on shop' };

let fake: Awaited<ReturnType<typeof startFakeSlack>>;
let slack: ReporterDefinition;

beforeEach(async () => {
  fake = await startFakeSlack(TOKEN);
  const { plugins, diagnostics } = await loadReporters();
  expect(diagnostics).toEqual([]);
  slack = plugins.find((p) => p.id === 'slack')!;
});
afterEach(async () => {
  await fake.close();
});

function monitor(alerts: MonitorInput['alerts'] = {}, extra: Partial<MonitorInput> = {}) {
  return validateMonitor(
    {
      ...REQUIRED_FIELDS,
      name: 'shop',
      expect: { ga4: {}, meta: {} },
      alerts: { slack: { channel: '#tagwatch-alerts', maxRetries: 0, timeoutSeconds: 5 }, reportBaseUrl: 'https://ci.example/artifacts/', ...alerts },
      business: { dailyOrders: 120, averageOrderValue: 45, currency: 'EUR' },
      ...extra,
    },
    'shop',
  );
}

/** Runs the real slack reporter through notifyAll, as the pipeline does, with the alert on the verdict. */
async function run(options: { monitor?: ReturnType<typeof monitor>; alert?: Alert; env?: NodeJS.ProcessEnv; verdict?: Verdict } = {}) {
  let written = '';
  const alert = 'alert' in options ? options.alert : failure;
  const judged: Verdict = { ...(options.verdict ?? verdict), alert: alert ? { alert, reason: 'first failure' } : { reason: 'no change: no alert' } };
  const delivery = await notifyAll([slack], judged, {
    runDir: '/srv/reports/R-slack',
    monitor: options.monitor ?? monitor(),
    write: (text) => (written += text),
    env: options.env ?? { SLACK_BOT_TOKEN: TOKEN, TAGWATCH_SLACK_API_URL: fake.apiUrl },
    rendered: () => undefined,
  });
  return { delivery, problems: delivery.problems, written, failedChannels: delivery.failedChannels };
}

/** Every text a person sees in the blocks, in order. */
function blockText(blocks: unknown): string {
  return (blocks as SlackBlock[])
    .map((b) => (b.type === 'context' ? b.elements.map((e) => e.text).join(' ') : b.type === 'divider' ? '' : b.text.text))
    .join('\n');
}

describe('slack reporter', () => {
  it('a failure alert: one message with what broke, revenue at risk and the report link, then the details in its thread', async () => {
    const { delivery, written } = await run();
    expect(delivery).toEqual({ sent: ['slack'], failedChannels: [], problems: [] });
    expect(fake.requests.map((r) => r.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    const [alert, reply] = fake.requests;
    expect(alert!.token).toBe(TOKEN);
    expect(alert!.args.channel).toBe('#tagwatch-alerts');
    expect(alert!.args.text).toBe('ga4 purchase tracking broke on shop: Tracking is broken: tag-missing (ga4).');
    const blocks = alert!.args.blocks as SlackBlock[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: Tracking broke on shop', emoji: true } });
    const text = blockText(blocks);
    expect(text).toContain('*ga4* under *baseline*: lost 66.7% of test orders (2 of 3; 95% CI 20.8%–93.9%), e.g. order `1002` (tag-missing)');
    expect(text).toContain('*meta* under *baseline*: ');
    expect(text).toContain('e.g. order `1004` (value-mismatch)');
    // verdict.broke's estimate, as the judge made it; meta did not break: no estimate for it.
    expect(text).toContain('*ga4*: ~€3,600/day of sales it does not record (€1,123–€5,071 over the 95% interval)');
    expect(text).not.toMatch(/\*meta\*: ~/);
    expect(text).toContain('Estimate: 120 orders/day × €45 average order value (monitor `business`) × the loss rate of this run\'s test orders (ga4 under baseline 66.7%)');
    expect(text).toContain('<https://ci.example/artifacts/R-slack/report.html|Open the HTML report>');
    expect(text).toContain('Run `R-slack` · verdict *fail* · first failing run · details in the thread');
    expect(text).not.toContain('warning only');

    expect(reply!.args.thread_ts).toBe('1700000000.000100');
    expect(reply!.args.channel).toBe('C0ALERTS');
    expect(reply!.args.text).toBe('2 error findings: ga4 missed 2 of 3 orders under baseline (loss 67%, above the 0% threshold)');
    const details = blockText(reply!.args.blocks);
    expect(details).toContain('*2 error findings* in run `R-slack`');
    expect(details).toContain('*tag-missing* · ga4 · baseline\nga4 missed 2 of 3 orders');
    expect(details).toContain('*value-mismatch* · meta · baseline · order `1004`');
    expect(written).toContain('tagwatch: failure alert sent to Slack #tagwatch-alerts');
  });

  it('captured strings are escaped: no mention, link or control character gets through', async () => {
    await run();
    const raw = JSON.stringify(fake.requests.map((r) => r.args));
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<https://evil');
    expect(raw).not.toMatch(/\\u0000|\\u001b/);
    const details = blockText(fake.requests[1]!.args.blocks);
    expect(details).toContain('ga4 missed order &lt;!channel&gt; &amp; &lt;https://evil.example|click me&gt;[2J');
    expect(details).toContain('"url": "https://www.facebook.com/tr/?a=1&amp;b=&lt;2&gt;"');
  });

  it('no alert decided: nothing is sent; no Slack settings: the reporter is off', async () => {
    const quiet = await run({ alert: undefined });
    expect(quiet.delivery).toEqual({ sent: [], failedChannels: [], problems: [] });
    const off = await run({ monitor: validateMonitor({ ...REQUIRED_FIELDS, name: 'shop', expect: { ga4: {} } }, 'shop') });
    expect(off.delivery).toEqual({ sent: [], failedChannels: [], problems: [] });
    expect(fake.requests).toEqual([]);
  });

  it('TAGWATCH_SLACK_CHANNEL alone turns it on, and the report link falls back to the local file', async () => {
    const bare = validateMonitor({ ...REQUIRED_FIELDS, name: 'shop', expect: { ga4: {}, meta: {} } }, 'shop');
    // No `business` in the monitor: the judge made no estimate.
    const unestimated: Verdict = { ...verdict, broke: verdict.broke!.map(({ revenueAtRisk: _, ...row }) => row) };
    const { problems } = await run({ monitor: bare, verdict: unestimated, env: { SLACK_BOT_TOKEN: TOKEN, TAGWATCH_SLACK_API_URL: fake.apiUrl, TAGWATCH_SLACK_CHANNEL: 'C0ALERTS' } });
    expect(problems).toEqual([]);
    expect(fake.requests[0]!.args.channel).toBe('C0ALERTS');
    const text = blockText(fake.requests[0]!.args.blocks);
    expect(text).toContain('Report: `/srv/reports/R-slack/report.html` (on the machine that ran the audit)');
    expect(text).not.toMatch(/revenue/i);
  });

  it('a missing token is an error naming the variable, and Slack counts as failed', async () => {
    const { problems, failedChannels } = await run({ monitor: monitor({ slack: { channel: '#tagwatch-alerts', tokenEnv: 'SHOP_SLACK_TOKEN', maxRetries: 0 } }) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^slack: .*environment variable SHOP_SLACK_TOKEN \(alerts\.slack\.tokenEnv\) is not set/);
    expect(failedChannels).toEqual(['slack']);
    expect(fake.requests).toEqual([]);
  });

  it('a missing token on a run with nothing to send: still a problem line (before the day it matters), not a failed channel', async () => {
    const { delivery } = await run({ alert: undefined, monitor: monitor({ slack: { channel: '#tagwatch-alerts', tokenEnv: 'SHOP_SLACK_TOKEN', maxRetries: 0 } }) });
    expect(delivery.failedChannels).toEqual([]);
    expect(delivery.sent).toEqual([]);
    expect(delivery.problems).toHaveLength(1);
    expect(delivery.problems[0]).toContain('environment variable SHOP_SLACK_TOKEN (alerts.slack.tokenEnv) is not set');
    expect(fake.requests).toEqual([]);
  });

  it('ok:false answers: the error names what Slack said, never the token', async () => {
    fake.answers.push({ error: 'channel_not_found' });
    const notFound = await run();
    expect(notFound.problems[0]).toContain('Slack alert not sent to #tagwatch-alerts: chat.postMessage answered channel_not_found');
    expect(notFound.failedChannels).toEqual(['slack']);

    const wrong = 'xoxb-wrong-token-value';
    const badAuth = await run({ env: { SLACK_BOT_TOKEN: wrong, TAGWATCH_SLACK_API_URL: fake.apiUrl } });
    expect(fake.requests.at(-1)!.token).toBe(wrong);
    expect(badAuth.problems[0]).toContain('answered invalid_auth: the token is not valid: check it (token from SLACK_BOT_TOKEN)');
    expect(badAuth.problems[0]).not.toContain(wrong);
    expect(badAuth.failedChannels).toEqual(['slack']);
    // Refusals are final: no retry, no thread.
    expect(fake.requests).toHaveLength(2);
  });

  it('HTTP 500 is retried maxRetries times, then fails with slack in failedChannels', async () => {
    fake.answers.push({ status: 500 }, { status: 500 });
    const { problems, failedChannels } = await run({ monitor: monitor({ slack: { channel: '#tagwatch-alerts', maxRetries: 1 } }) });
    expect(fake.requests).toHaveLength(2);
    expect(problems[0]).toContain('chat.postMessage answered HTTP 500 Internal Server Error (2 attempts)');
    expect(problems[0]).not.toContain(TOKEN);
    expect(failedChannels).toEqual(['slack']);
  });

  it('429: the client waits Retry-After before retrying, and the alert goes through', async () => {
    // The fake answers 429 again to any request before Retry-After is over: only a client that waits gets through.
    fake.answers.push({ status: 429, retryAfter: 2 });
    const { problems, written, failedChannels } = await run({ monitor: monitor({ slack: { channel: '#tagwatch-alerts', maxRetries: 1 } }) });
    expect(problems).toEqual([]);
    expect(failedChannels).toEqual([]);
    expect(fake.requests.map((r) => r.early)).toEqual([false, false, false]);
    expect(fake.requests[2]!.args.thread_ts).toBe('1700000000.000100');
    expect(written).toContain('Slack rate-limited the alert; retrying after 2 s (Retry-After)');
  });

  it('no answer within timeoutSeconds: an error saying so', async () => {
    fake.answers.push('hang');
    const { problems, failedChannels } = await run({ monitor: monitor({ slack: { channel: '#tagwatch-alerts', maxRetries: 0, timeoutSeconds: 1 } }) });
    expect(problems[0]).toContain('Slack alert not sent to #tagwatch-alerts: no answer from Slack within 1 s (1 attempt)');
    expect(failedChannels).toEqual(['slack']);
  });

  it('a network error (nothing listening) fails with the reason', async () => {
    await fake.close();
    const { problems, failedChannels } = await run();
    expect(problems[0]).toMatch(/Slack alert not sent to #tagwatch-alerts: could not reach Slack: fetch failed: .*ECONNREFUSED/);
    expect(failedChannels).toEqual(['slack']);
  });

  it('the alert posted but its thread reply refused: an error, yet Slack did tell people (no fallback)', async () => {
    fake.answers.push('ok', { error: 'msg_too_long' });
    const { delivery } = await run();
    expect(delivery).toEqual({ sent: ['slack'], failedChannels: [], problems: ['slack: Slack alert sent to #tagwatch-alerts, but its details (thread reply) were not: chat.postMessage answered msg_too_long: the message is too long'] });
  });

  it('a recovery: one message, what recovered since which run, no thread', async () => {
    const recovered: Verdict = { ...verdict, runId: 'R-ok', status: 'pass', summary: 'ga4, meta tracked all 3 test orders under baseline.', findings: [], broke: [], loss: verdict.loss.map((r) => ({ ...r, lost: 0, tracked: 3, lossRate: 0, overThreshold: false })) };
    const alert: Alert = { kind: 'recovery', monitor: 'shop', runId: 'R-ok', consecutiveFailures: 0, since: 'R-first-fail', fingerprint: 'tag-missing:ga4:baseline', headline: 'ga4 purchase tracking recovered on shop' };
    const { problems } = await run({ verdict: recovered, alert });
    expect(problems).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    const text = blockText(fake.requests[0]!.args.blocks);
    expect(text).toContain(':white_check_mark: Tracking recovered on shop');
    expect(text).toContain('*Recovered*: broken since run `R-first-fail`, passing again in run `R-ok`.');
    expect(text).toContain('Was: `tag-missing:ga4:baseline`');
    expect(text).toContain('• *ga4* under *baseline*: 3 of 3 test orders tracked (loss 0%)');
    expect(text).not.toMatch(/revenue/i);
    expect(fake.requests[0]!.args.text).toBe('ga4 purchase tracking recovered on shop: ga4, meta tracked all 3 test orders under baseline.');
  });
});

describe('slack alert message', () => {
  it('a reminder counts the streak; an estimate under another condition than baseline says it is partial', () => {
    const adblockOnly: Verdict = {
      ...verdict,
      loss: [{ vendor: 'ga4', condition: 'adblock', orders: 4, tracked: 1, attributable: null, lost: 3, duplicated: 0, consentPings: 0, lossRate: 0.75, ci95: [0.3, 0.95], maxLossRate: 0.5, overThreshold: true }],
      findings: [{ severity: 'error', kind: 'tag-blocked', vendor: 'ga4', condition: 'adblock', message: 'ga4 had its purchase blocked' }],
      broke: [{ vendor: 'ga4', condition: 'adblock', orders: 4, lost: 3, lossRate: 0.75, ci95: null, revenueAtRisk: { perDay: 150, range: null, currency: 'EUR', dailyOrders: 10, averageOrderValue: 20 } }],
    };
    const reminder: Alert = { ...failure, kind: 'reminder', consecutiveFailures: 6, since: 'R-first' };
    const { message, thread } = buildAlertMessages({ verdict: adblockOnly, alert: reminder, report: { path: '/r/report.html' } });
    const text = blockText(message.blocks);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: ':alarm_clock: Still broken on shop' } });
    expect(text).toContain('failing since run `R-first` (6 failing runs in a row)');
    expect(text).toContain('• *ga4* under *adblock*: lost 75% of test orders (3 of 4) (tag-blocked)');
    expect(text).toContain('• *ga4* under adblock: ~€150/day of sales it does not record\n');
    expect(text).toContain('Under a condition other than baseline only its visitors are affected, so the real figure is lower.');
    expect(thread?.blocks).toHaveLength(2);
  });

  it('error findings outside verdict.broke are still listed; none at all says so', () => {
    const siteDown: Verdict = { ...verdict, broke: [], findings: [{ severity: 'error', kind: 'site-unreachable', message: 'the site answered 503' }] };
    const text = blockText(buildAlertMessages({ verdict: siteDown, alert: failure, report: { path: '/r/report.html' } }).message.blocks);
    expect(text).toContain('*What broke*\n• the site answered 503 (site-unreachable)');
    const nothing = blockText(buildAlertMessages({ verdict: { ...verdict, broke: [], findings: [] }, alert: failure, report: { path: '/r/report.html' } }).message.blocks);
    expect(nothing).toContain('• no error finding in this run: see the report');
  });
});
