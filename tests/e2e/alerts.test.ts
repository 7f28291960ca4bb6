import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model/verdict.ts';
import { openHistory } from '../../src/storage/history.ts';
import { auditDemo } from '../support/audit.ts';
import { money } from '../../src/report/money.ts';
import { escapeHtml } from '../../src/report/html/escape.ts';
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

/** One audit of the monitor into the shared report folder; what reached Slack and the mailbox during it. */
async function audit(monitor: string, outDir: string, demoFaults: string[] = []) {
  const [slackBefore, mailsBefore] = [slack.requests.length, smtp.mails.length];
  const result = await auditDemo({ monitorFile: monitor, outDir, demoFaults, conditions: ['baseline'], repeat: 1, workers: 1 });
  return { ...result, slack: slack.requests.slice(slackBefore), mails: smtp.mails.slice(mailsBefore) };
}

function readJson(path: string): Verdict {
  return JSON.parse(readFileSync(path, 'utf8')) as Verdict;
}

describe('alert policy end to end (real Chromium, demo shop, fake Slack API, real SMTP server)', () => {
  it('clean: nothing; broken: one failure (Slack + thread + e-mail); broken again: nothing; clean: a recovery', { timeout: 600_000 }, async () => {
    const monitor = monitorFile();
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-alerts-'));

    const clean = await audit(monitor, outDir);
    expect(clean.verdict.status).toBe('pass');
    expect(clean.slack).toEqual([]);
    expect(clean.mails).toEqual([]);
    expect(clean.verdict.alert).toEqual({ reason: expect.stringMatching(/first run of the monitor, passing/) });
    expect(clean.verdict.delivery).toBeUndefined();

    const broken = await audit(monitor, outDir, FAULT);
    expect(broken.verdict.status).toBe('fail');
    const failure = broken.verdict.alert?.alert;
    expect(failure).toMatchObject({ kind: 'failure', monitor: MONITOR, runId: broken.verdict.runId, since: broken.verdict.runId, consecutiveFailures: 1 });
    expect(failure!.fingerprint).toMatch(/tag-missing:ga4:baseline/);
    expect(failure!.headline).toBe(`ga4 purchase tracking broke under baseline on ${MONITOR}`);
    // The alert, then its details in its thread.
    expect(broken.slack.map((r) => r.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(broken.slack[0]!.args).toMatchObject({ channel: 'C0ALERTS' });
    expect(String(broken.slack[0]!.args.text)).toContain(failure!.headline);
    expect(broken.slack[0]!.args.thread_ts).toBeUndefined();
    expect(broken.slack[1]!.args.thread_ts).toMatch(/^1700000000\.\d+$/);
    expect(broken.mails).toHaveLength(1);
    expect(broken.mails[0]!.to).toEqual(['tracking@shop.example']);
    expect(broken.mails[0]!.parsed.subject).toMatch(new RegExp(`^\\[tagwatch\\] FAILURE ${MONITOR}: ga4 purchase lost under baseline`));
    expect(broken.output).toContain('failure alert sent to Slack C0ALERTS');
    expect(broken.verdict.delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
    // One figure for the revenue at risk, reckoned with the verdict: the Slack message and the e-mail say the same.
    const risk = broken.verdict.broke?.[0]?.revenueAtRisk;
    expect(risk).toMatchObject({ perDay: 200 * 50 * 1, currency: 'EUR' });
    const figure = money(risk!.perDay, risk!.currency);
    expect(figure).toBe('€10,000');
    expect(JSON.stringify(broken.slack[0]!.args.blocks)).toContain(`~${figure}/day`);
    expect(broken.mails[0]!.parsed.text).toContain(figure);

    const stillBroken = await audit(monitor, outDir, FAULT);
    expect(stillBroken.verdict.status).toBe('fail');
    expect(stillBroken.slack).toEqual([]);
    expect(stillBroken.mails).toEqual([]);
    expect(stillBroken.verdict.alert?.alert).toBeUndefined();
    expect(stillBroken.verdict.alert?.reason).toMatch(/same failure as already announced \(2 failing runs in a row.*deduplicated/);

    const recovered = await audit(monitor, outDir);
    expect(recovered.verdict.status).toBe('pass');
    expect(recovered.verdict.alert?.alert).toMatchObject({ kind: 'recovery', since: broken.verdict.runId, consecutiveFailures: 0, fingerprint: failure!.fingerprint });
    // A recovery has no details to thread.
    expect(recovered.slack).toHaveLength(1);
    expect(String(recovered.slack[0]!.args.text)).toContain(`Tracking recovered on ${MONITOR} after 2 failing runs`);
    expect(recovered.mails).toHaveLength(1);
    expect(recovered.mails[0]!.parsed.subject).toBe(`[tagwatch] RECOVERY ${MONITOR}: tracking back to normal`);
    expect(recovered.mails[0]!.parsed.text).toContain(`after the failures that began with run ${broken.verdict.runId}`);

    // One history: every run, the alerts they sent, and the state the next run starts from.
    const history = await openHistory(join(outDir, 'history.json'));
    expect(history.runsOf(MONITOR).map((run) => [run.status, run.alert?.kind ?? null])).toEqual([
      ['pass', null],
      ['fail', 'failure'],
      ['fail', null],
      ['pass', 'recovery'],
    ]);
    expect(history.monitorState(MONITOR)).toMatchObject({ lastStatus: 'pass', consecutiveFailures: 0 });
  });

  it('Slack answers 500: the e-mail still goes, as the fallback, and the stored verdict has the Slack failure', { timeout: 300_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-alerts-500-'));
    slack.answers.push({ status: 500 });
    const run = await audit(monitorFile(), outDir, FAULT);
    expect(run.verdict.status).toBe('fail');
    expect(run.verdict.alert?.alert?.kind).toBe('failure');
    expect(run.slack).toHaveLength(1);

    expect(run.mails).toHaveLength(1);
    const mail = run.mails[0]!.parsed;
    expect(mail.subject).toMatch(/^\[tagwatch\] \[Slack failed\] FAILURE alerts-e2e: /);
    expect(mail.text).toContain('Slack delivery failed for this alert: this e-mail is the fallback.');

    const slackFailure = /^slack: Slack alert not sent to C0ALERTS: chat\.postMessage answered HTTP 500/;
    expect(run.verdict.delivery).toMatchObject({ sent: ['email'], failedChannels: ['slack'], problems: [expect.stringMatching(slackFailure)] });
    // Every file is written after the notifiers: the run folder and latest/ have the failure.
    for (const file of [join(run.runDir, 'results.json'), join(outDir, 'latest', 'results.json')]) {
      const stored = readJson(file);
      expect(stored.runId).toBe(run.verdict.runId);
      expect(stored.delivery).toMatchObject({ failedChannels: ['slack'], problems: [expect.stringMatching(slackFailure)] });
      expect(stored.alert).toMatchObject({ alert: { kind: 'failure' } });
    }
    const history = await openHistory(join(outDir, 'history.json'));
    const stored = history.lastRun(MONITOR)!;
    expect(stored.runId).toBe(run.verdict.runId);
    expect(stored.alert?.kind).toBe('failure');
    // The e-mail reached someone: the failure counts as announced, the next identical run stays quiet.
    expect(history.monitorState(MONITOR)).toMatchObject({ lastStatus: 'fail', consecutiveFailures: 1, lastAlertFingerprint: stored.alert!.fingerprint });
    // Nothing of the token anywhere in the stored results.
    expect(readFileSync(join(run.runDir, 'results.json'), 'utf8')).not.toContain(SLACK_TOKEN);
  });

  it('Slack stopped mid-run: its failure is in results.json, report.html and junit.xml alike; the e-mail goes as the fallback', { timeout: 300_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-alerts-down-'));
    const doomed = await startFakeSlack(SLACK_TOKEN);
    setEnv({ TAGWATCH_SLACK_API_URL: doomed.apiUrl });
    const mailsBefore = smtp.mails.length;
    try {
      const running = auditDemo({ monitorFile: monitorFile(), outDir, demoFaults: FAULT, conditions: ['baseline'], repeat: 1, workers: 1 });
      // Slack goes down while the journeys run, once the run folder shows a journey started.
      await waitFor(() => readdirSync(outDir).some((run) => /^\d{8}-/.test(run) && readdirSync(join(outDir, run)).some((f) => /^run-log\..+\.ndjson$/.test(f) && readFileSync(join(outDir, run, f), 'utf8').includes('"journey-start"'))));
      await doomed.close();
      const run = await running;
      expect(doomed.requests).toEqual([]);
      expect(run.verdict.delivery?.failedChannels).toEqual(['slack']);
      const [problem] = run.verdict.delivery!.problems;
      expect(problem).toMatch(/^slack: .*(ECONNREFUSED|connect|request failed)/i);
      // The same failure in every file of the run.
      expect(readJson(join(run.runDir, 'results.json')).delivery).toEqual(run.verdict.delivery);
      const html = readFileSync(join(run.runDir, 'report.html'), 'utf8');
      expect(html).toMatch(/slack/i);
      expect(html).toContain(escapeHtml(problem!.replace(/^slack: /, '')).slice(0, 60));
      const junit = readFileSync(join(run.runDir, 'junit.xml'), 'utf8');
      expect(junit).toMatch(/<testcase [^>]*name="[^"]*slack[^"]*"[^>]*>\s*<failure/i);
      // The e-mail reached someone, as the fallback.
      const mails = smtp.mails.slice(mailsBefore);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.parsed.subject).toMatch(/\[Slack failed\]/);
    } finally {
      setEnv({ TAGWATCH_SLACK_API_URL: slack.apiUrl });
    }
  });
});

async function waitFor(ready: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (ready()) return;
    } catch {
      // The run folder is being created.
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for the journeys to start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
