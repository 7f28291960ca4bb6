import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../src/storage/history.ts';
import { auditDemo } from '../support/audit.ts';
import { money } from '../../src/report/money.ts';
import { demoShopFields } from '../support/monitors.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { startSmtpServer, type LocalSmtpServer } from '../support/smtp-server.ts';

const SLACK_TOKEN = 'xoxb-e2e-alerts-secret';
const TOKEN_ENV = 'TAGWATCH_E2E_SLACK_TOKEN';
const SMTP_ENV = 'TAGWATCH_E2E_SMTP_URL';
const MONITOR = 'alerts-e2e';
const FAULT = ['ga4-purchase-missing'];

let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let smtp: LocalSmtpServer;
const savedEnv: Record<string, string | undefined> = {};

/** The reporters read the environment of the process: set for this file, restored after it. */
function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(name in savedEnv)) savedEnv[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

beforeAll(async () => {
  slack = await startFakeSlack(SLACK_TOKEN);
  smtp = await startSmtpServer({ user: 'tagwatch', password: 'p@ss word' });
  setEnv({ [TOKEN_ENV]: SLACK_TOKEN, TAGWATCH_SLACK_API_URL: slack.apiUrl, [SMTP_ENV]: smtp.url('tagwatch', 'p@ss word'), TAGWATCH_SLACK_CHANNEL: undefined, TAGWATCH_HISTORY_FILE: undefined });
});
afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await slack?.close();
  await smtp?.close();
});

/** The demo shop, baseline x 1, alerting to the fake Slack and the local SMTP server. */
function monitorFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tagwatch-alerts-')), 'alerts.monitor.ts');
  const monitor = {
    name: MONITOR,
    scenarios: ['purchase'],
    conditions: ['baseline'],
    repeat: 1,
    ...demoShopFields(),
    expect: { ga4: { eventName: 'purchase' }, meta: { eventName: 'Purchase' } },
    business: { dailyOrders: 200, averageOrderValue: 50, currency: 'EUR' },
    alerts: {
      slack: { channel: 'C0ALERTS', tokenEnv: TOKEN_ENV, maxRetries: 0, timeoutSeconds: 10 },
      email: { to: ['tracking@shop.example'], smtpUrlEnv: SMTP_ENV },
    },
  };
  writeFileSync(file, `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return file;
}

function readJson(path: string): { runId: string; delivery?: unknown; alert?: unknown } {
  return JSON.parse(readFileSync(path, 'utf8')) as { runId: string; delivery?: unknown; alert?: unknown };
}

/**
 * The one real audit that delivers an alert. The policy over a sequence of runs (dedup, recovery)
 * and the channels failing (Slack 500, Slack gone) are judged and published again from recorded
 * runs in tests/judge/recorded-alerts.test.ts.
 */
describe('alert delivery end to end (real Chromium, demo shop, fake Slack API, real SMTP server)', () => {
  it('ga4-purchase-missing on a first run: one failure alert to Slack (with its thread) and by e-mail, stored in the history', { timeout: 300_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-alerts-'));
    const broken = await auditDemo({ monitorFile: monitorFile(), outDir, demoFaults: FAULT, conditions: ['baseline'], repeat: 1, workers: 1 });
    const sent = slack.requests;
    const mails = smtp.mails;
    expect(broken.verdict.status).toBe('fail');
    const failure = broken.verdict.alert?.alert;
    expect(failure).toMatchObject({ kind: 'failure', monitor: MONITOR, runId: broken.verdict.runId, since: broken.verdict.runId, consecutiveFailures: 1 });
    expect(failure!.fingerprint).toMatch(/tag-missing:ga4:baseline/);
    expect(failure!.headline).toBe(`ga4 purchase tracking broke under baseline on ${MONITOR}`);
    // The alert, then its details in its thread.
    expect(sent.map((r) => r.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(sent[0]!.token).toBe(SLACK_TOKEN);
    expect(sent[0]!.args).toMatchObject({ channel: 'C0ALERTS' });
    expect(String(sent[0]!.args.text)).toContain(failure!.headline);
    expect(sent[1]!.args.thread_ts).toMatch(/^1700000000\.\d+$/);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['tracking@shop.example']);
    expect(mails[0]!.user).toBe('tagwatch');
    expect(mails[0]!.parsed.subject).toMatch(new RegExp(`^\\[tagwatch\\] FAILURE ${MONITOR}: ga4 purchase lost under baseline`));
    expect(broken.output).toContain('failure alert sent to Slack C0ALERTS');
    expect(broken.verdict.delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
    const risk = broken.verdict.broke?.[0]?.revenueAtRisk;
    const figure = money(risk!.perDay, risk!.currency);
    expect(figure).toBe('€10,000');
    expect(JSON.stringify(sent[0]!.args.blocks)).toContain(`~${figure}/day`);
    expect(mails[0]!.parsed.text).toContain(figure);

    // Every file is written after the notifiers: the run folder and latest/ say how the delivery went.
    for (const file of [join(broken.runDir, 'results.json'), join(outDir, 'latest', 'results.json')]) {
      expect(readJson(file)).toMatchObject({ runId: broken.verdict.runId, delivery: broken.verdict.delivery, alert: { alert: { kind: 'failure' } } });
    }
    expect(readFileSync(join(broken.runDir, 'results.json'), 'utf8')).not.toContain(SLACK_TOKEN);
    // The history stores the run (its fingerprint of what each vendor sent, its trackers), the alert,
    // and the state the next run starts from: the failure counts as announced.
    const history = await openHistory(join(outDir, 'history.json'));
    const [stored] = history.runsOf(MONITOR);
    expect(history.runsOf(MONITOR)).toHaveLength(1);
    expect(stored).toMatchObject({ runId: broken.verdict.runId, status: 'fail', alert: { kind: 'failure' } });
    expect(stored!.fingerprint.meta?.baseline?.eventNames).toContain('Purchase');
    expect(stored!.trackers?.length).toBeGreaterThan(0);
    expect(history.monitorState(MONITOR)).toMatchObject({ lastStatus: 'fail', consecutiveFailures: 1, lastAlertFingerprint: failure!.fingerprint });
  });
});
