import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { loadReporters, notifyAll, renderedLookup, renderReports } from '../../src/report/run-reporters.ts';
import type { ReporterDefinition } from '../../src/report/define-reporter.ts';
import type { SlackBlock } from '../../src/report/slack/alert-message.ts';
import type { Alert } from '../../src/model/alert.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { startSmtpServer, type LocalSmtpServer } from '../support/smtp-server.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

/** Every reporter reading one judged verdict: what Slack says, the mail says, and every file says, agree. */

const TOKEN = 'xoxb-delivery-0000';
const USER = 'alerts@shop.example';
const PASSWORD = 'pw-delivery';

const alert: Alert = { kind: 'failure', monitor: 'shop', runId: 'R-del', consecutiveFailures: 1, since: 'R-del', fingerprint: 'tag-missing|ga4|baseline', headline: 'ga4 purchase tracking broke on shop' };

const verdict: Verdict = {
  runId: 'R-del',
  monitor: 'shop',
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-11-26T04:00:00.000Z',
  finishedAt: '2026-11-26T04:00:20.000Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4).',
  journeys: [],
  loss: [{ vendor: 'ga4', condition: 'baseline', orders: 3, tracked: 2, attributable: null, lost: 1, duplicated: 0, consentPings: 0, lossRate: 1 / 3, ci95: [0.061, 0.792], maxLossRate: 0, overThreshold: true }],
  findings: [{ severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed 1 of 3 orders under baseline' }],
  diagnostics: [],
  alert: { alert, reason: 'first failure of the monitor' },
  // 137 orders/day x USD 27.03 x 1/3 (and its interval): cents and thousands both to round.
  broke: [
    {
      vendor: 'ga4',
      condition: 'baseline',
      orders: 3,
      lost: 1,
      lossRate: 1 / 3,
      ci95: [0.061, 0.792],
      exampleOrder: 'O-7',
      revenueAtRisk: { perDay: (137 * 27.03) / 3, range: [137 * 27.03 * 0.061, 137 * 27.03 * 0.792], currency: 'USD', dailyOrders: 137, averageOrderValue: 27.03 },
    },
  ],
};

const monitor = validateMonitor(
  {
    ...REQUIRED_FIELDS,
    name: 'shop',
    expect: { ga4: {} },
    alerts: { slack: { channel: '#tagwatch-alerts', maxRetries: 0, timeoutSeconds: 5 }, email: { to: ['ops@shop.example'], from: 'tagwatch@shop.example', timeoutSeconds: 5 } },
    business: { dailyOrders: 137, averageOrderValue: 27.03, currency: 'USD' },
  },
  'shop',
);

let reporters: ReporterDefinition[];
let fake: Awaited<ReturnType<typeof startFakeSlack>>;
let smtp: LocalSmtpServer;

beforeAll(async () => {
  const loaded = await loadReporters();
  expect(loaded.diagnostics).toEqual([]);
  reporters = loaded.plugins;
  smtp = await startSmtpServer({ user: USER, password: PASSWORD });
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  fake = await startFakeSlack(TOKEN);
  return () => fake.close();
});

/** The pipeline's order: render (for the attachments), notify, render again from the verdict with its delivery. */
async function pipeline(v: Verdict) {
  const context = { runDir: '/srv/reports/R-del', monitor, env: { SLACK_BOT_TOKEN: TOKEN, TAGWATCH_SLACK_API_URL: fake.apiUrl, TAGWATCH_SMTP_URL: smtp.url(USER, PASSWORD) } };
  const before = renderReports(reporters, v, context);
  expect(before.problems).toEqual([]);
  const delivery = await notifyAll(reporters, v, { ...context, write: () => undefined, rendered: renderedLookup(before.outputs) });
  const final: Verdict = { ...v, delivery };
  const after = renderReports(reporters, final, context);
  expect(after.problems).toEqual([]);
  const text = (id: string) => after.outputs.find((o) => o.id === id)!.text;
  return { delivery, final, before, text };
}

function blockText(blocks: unknown): string {
  return (blocks as SlackBlock[]).map((b) => (b.type === 'context' ? b.elements.map((e) => e.text).join(' ') : b.type === 'divider' ? '' : b.text.text)).join('\n');
}

describe('one verdict, every reporter', () => {
  it('Slack failed: results.json, report.html, junit.xml and the terminal all say so; the mail is the fallback', async () => {
    fake.answers.push({ error: 'channel_not_found' });
    const mails = smtp.mails.length;
    const { delivery, text } = await pipeline(verdict);
    const reason = 'Slack alert not sent to #tagwatch-alerts: chat.postMessage answered channel_not_found';
    expect(delivery).toEqual({ sent: ['email'], failedChannels: ['slack'], problems: [expect.stringMatching(/^slack: Slack alert not sent to #tagwatch-alerts: chat\.postMessage answered channel_not_found/)] });

    expect(JSON.parse(text('json')).delivery).toEqual(delivery);
    const html = text('html');
    expect(html).toContain('Alert not delivered via slack.');
    expect(html).toMatch(/<li class="channel failed" data-channel="slack"><strong>slack<\/strong> <span class="sev-error">not delivered<\/span>: <span class="mono">Slack alert not sent to #tagwatch-alerts: chat.postMessage answered channel_not_found/);
    const junit = text('junit');
    expect(junit).toMatch(/<testcase name="failure alert via slack" classname="tagwatch\.shop\.notifications">\s*<failure message="Slack alert not sent to #tagwatch-alerts: chat.postMessage answered channel_not_found[^"]*" type="alert-not-delivered">/);
    expect(junit).toMatch(/<testsuite name="notifications" tests="2" failures="1"/);
    expect(text('console')).toContain(`  alert delivery: slack: ${reason}`);

    // E-mail went out, said it was the fallback, and carried the renderings made before the notifiers.
    expect(smtp.mails.length).toBe(mails + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.parsed.subject).toBe('[tagwatch] [Slack failed] FAILURE shop: ga4 purchase lost under baseline');
    expect(mail.parsed.attachments.map((a) => a.filename).sort()).toEqual(['report.html', 'results.json']);
    expect(JSON.parse(mail.parsed.attachments.find((a) => a.filename === 'results.json')!.content.toString()).runId).toBe('R-del');
  });

  it('Slack and e-mail show the same revenue at risk, from verdict.broke, in the same money format', async () => {
    const { delivery } = await pipeline(verdict);
    expect(delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
    const slack = blockText(fake.requests[0]!.args.blocks);
    const mail = smtp.mails.at(-1)!.parsed.text!;
    // 137 x 27.03 / 3 = 1234.37; 225.89 and 2932.75 over the interval; 27.03 in whole units.
    expect(slack).toContain('*ga4*: ~$1,234/day of sales it does not record ($226–$2,933 over the 95% interval)');
    expect(slack).toContain('137 orders/day × $27 average order value');
    expect(mail).toContain('about $1,234 per day not seen by ga4 ($226–$2,933 over the 95% interval) = 137 orders/day × $27 average order × 33% loss.');
    const amounts = (text: string) => [...text.matchAll(/\$[\d,]+/g)].map((m) => m[0]);
    expect(amounts(slack)).toEqual(['$1,234', '$226', '$2,933', '$27']);
    expect(amounts(mail)).toEqual(['$1,234', '$226', '$2,933', '$27']);
  });
});
