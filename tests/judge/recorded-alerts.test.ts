import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeRunFolder } from '../../src/judge/judge-run-folder.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { publishRun } from '../../src/publish/publish-run.ts';
import { escapeHtml } from '../../src/report/html/escape.ts';
import { money } from '../../src/report/money.ts';
import { openHistory, type History } from '../../src/storage/history.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { startSmtpServer, type LocalSmtpServer } from '../support/smtp-server.ts';
import { ALERTS } from '../fixtures/runs/record-runs.ts';
import { copyOfRun, reportRecorded } from './recorded-run.ts';

/**
 * The alert policy over four recorded runs of one monitor into one history
 * (tests/fixtures/runs/alerts-*: clean, ga4-purchase-missing, again, clean), each judged against
 * the state the one before left (its inputs.json), with what its notifiers did then (its
 * effects.json). What the notifiers send is checked by publishing a recorded run again, live, to a
 * fake Slack API and a real SMTP server on loopback; the one real audit delivering an alert is
 * tests/e2e/alerts.test.ts. Were five audits there.
 */
const SLACK_TOKEN = 'xoxb-judge-alerts-secret';
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let smtp: LocalSmtpServer;

beforeAll(async () => {
  slack = await startFakeSlack(SLACK_TOKEN);
  smtp = await startSmtpServer({ user: ALERTS.smtpUser, password: ALERTS.smtpPassword });
});
afterAll(async () => {
  await slack?.close();
  await smtp?.close();
});

const envFor = (slackApiUrl: string): NodeJS.ProcessEnv => ({
  ...process.env,
  [ALERTS.tokenEnv]: SLACK_TOKEN,
  TAGWATCH_SLACK_API_URL: slackApiUrl,
  [ALERTS.smtpEnv]: smtp.url(ALERTS.smtpUser, ALERTS.smtpPassword),
  TAGWATCH_SLACK_CHANNEL: undefined,
});

/** A recorded run judged again and published live: notified (not stored unless a history is given), its files written again. */
async function publishAgain(folder: string, options: { slackApiUrl?: string; history?: History } = {}) {
  const runDir = copyOfRun(folder);
  const { verdict, record } = await judgeRunFolder(runDir);
  const [slackBefore, mailsBefore] = [slack.requests.length, smtp.mails.length];
  let output = '';
  const reported = await publishRun(verdict, { record, outDir: dirname(runDir), write: (t) => (output += t), env: envFor(options.slackApiUrl ?? slack.apiUrl), live: { history: options.history } });
  return { verdict: reported, runDir, output, slack: slack.requests.slice(slackBefore), mails: smtp.mails.slice(mailsBefore) };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Verdict;

describe('alert policy, judged from recorded runs: clean, broken, broken again, clean', () => {
  it('each run decides as its history said: nothing; one failure, delivered; deduplicated; a recovery', async () => {
    const clean = (await reportRecorded('alerts-1-clean')).verdict;
    expect(clean.status).toBe('pass');
    expect(clean.alert).toEqual({ reason: expect.stringMatching(/first run of the monitor, passing/) });
    expect(clean.delivery).toBeUndefined();

    const broken = (await reportRecorded('alerts-2-broken')).verdict;
    expect(broken.status).toBe('fail');
    const failure = broken.alert?.alert;
    expect(failure).toMatchObject({ kind: 'failure', monitor: ALERTS.monitor, runId: broken.runId, since: broken.runId, consecutiveFailures: 1 });
    expect(failure!.fingerprint).toMatch(/tag-missing:ga4:baseline/);
    expect(failure!.headline).toBe(`ga4 purchase tracking broke under baseline on ${ALERTS.monitor}`);
    // What the notifiers did then, from effects.json.
    expect(broken.delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
    expect(broken.broke?.[0]?.revenueAtRisk).toMatchObject({ perDay: 200 * 50 * 1, currency: 'EUR' });

    const stillBroken = (await reportRecorded('alerts-3-still-broken')).verdict;
    expect(stillBroken.status).toBe('fail');
    expect(stillBroken.alert?.alert).toBeUndefined();
    expect(stillBroken.alert?.reason).toMatch(/same failure as already announced \(2 failing runs in a row.*deduplicated/);
    expect(stillBroken.delivery).toBeUndefined();

    const recovered = (await reportRecorded('alerts-4-recovered')).verdict;
    expect(recovered.status).toBe('pass');
    expect(recovered.alert?.alert).toMatchObject({ kind: 'recovery', since: broken.runId, consecutiveFailures: 0, fingerprint: failure!.fingerprint });
    expect(recovered.delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
  });

  it('the failure, published again: Slack (the alert, then its details in its thread) and one e-mail, with one revenue-at-risk figure', async () => {
    const broken = await publishAgain('alerts-2-broken');
    const failure = broken.verdict.alert!.alert!;
    expect(broken.slack.map((r) => r.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(broken.slack[0]!.args).toMatchObject({ channel: 'C0ALERTS' });
    expect(String(broken.slack[0]!.args.text)).toContain(failure.headline);
    expect(broken.slack[0]!.args.thread_ts).toBeUndefined();
    expect(broken.slack[1]!.args.thread_ts).toMatch(/^1700000000\.\d+$/);
    expect(broken.mails).toHaveLength(1);
    expect(broken.mails[0]!.to).toEqual(['tracking@shop.example']);
    expect(broken.mails[0]!.parsed.subject).toMatch(new RegExp(`^\\[tagwatch\\] FAILURE ${ALERTS.monitor}: ga4 purchase lost under baseline`));
    expect(broken.output).toContain('failure alert sent to Slack C0ALERTS');
    expect(broken.verdict.delivery).toEqual({ sent: ['slack', 'email'], failedChannels: [], problems: [] });
    const risk = broken.verdict.broke![0]!.revenueAtRisk!;
    const figure = money(risk.perDay, risk.currency);
    expect(figure).toBe('€10,000');
    expect(JSON.stringify(broken.slack[0]!.args.blocks)).toContain(`~${figure}/day`);
    expect(broken.mails[0]!.parsed.text).toContain(figure);
  });

  it('the recovery, published again: one Slack message (no details to thread) and one e-mail naming the run the failures began with', async () => {
    const broken = (await reportRecorded('alerts-2-broken')).verdict;
    const recovered = await publishAgain('alerts-4-recovered');
    expect(recovered.slack).toHaveLength(1);
    expect(String(recovered.slack[0]!.args.text)).toContain(`Tracking recovered on ${ALERTS.monitor} after 2 failing runs`);
    expect(recovered.mails).toHaveLength(1);
    expect(recovered.mails[0]!.parsed.subject).toBe(`[tagwatch] RECOVERY ${ALERTS.monitor}: tracking back to normal`);
    expect(recovered.mails[0]!.parsed.text).toContain(`after the failures that began with run ${broken.runId}`);
  });

  it('Slack answers 500: the e-mail still goes, as the fallback; the stored verdict and the history have the Slack failure', async () => {
    const outHistory = join(mkdtempSync(join(tmpdir(), 'tagwatch-judge-alerts-')), 'history.json');
    const history = await openHistory(outHistory);
    slack.answers.push({ status: 500 });
    const run = await publishAgain('alerts-2-broken', { history });
    expect(run.verdict.alert?.alert?.kind).toBe('failure');
    expect(run.slack).toHaveLength(1);
    expect(run.mails).toHaveLength(1);
    const mail = run.mails[0]!.parsed;
    expect(mail.subject).toMatch(new RegExp(`^\\[tagwatch\\] \\[Slack failed\\] FAILURE ${ALERTS.monitor}: `));
    expect(mail.text).toContain('Slack delivery failed for this alert: this e-mail is the fallback.');

    const slackFailure = /^slack: Slack alert not sent to C0ALERTS: chat\.postMessage answered HTTP 500/;
    expect(run.verdict.delivery).toMatchObject({ sent: ['email'], failedChannels: ['slack'], problems: [expect.stringMatching(slackFailure)] });
    // Every file is written after the notifiers: the run folder and latest/ have the failure.
    for (const file of [join(run.runDir, 'results.json'), join(dirname(run.runDir), 'latest', 'results.json')]) {
      const stored = readJson(file);
      expect(stored.runId).toBe(run.verdict.runId);
      expect(stored.delivery).toMatchObject({ failedChannels: ['slack'], problems: [expect.stringMatching(slackFailure)] });
      expect(stored.alert).toMatchObject({ alert: { kind: 'failure' } });
    }
    const stored = (await openHistory(outHistory)).lastRun(ALERTS.monitor)!;
    expect(stored.runId).toBe(run.verdict.runId);
    expect(stored.alert?.kind).toBe('failure');
    // The e-mail reached someone: the failure counts as announced, the next identical run stays quiet.
    expect((await openHistory(outHistory)).monitorState(ALERTS.monitor)).toMatchObject({ lastStatus: 'fail', consecutiveFailures: 1, lastAlertFingerprint: stored.alert!.fingerprint });
    expect(readFileSync(join(run.runDir, 'results.json'), 'utf8')).not.toContain(SLACK_TOKEN);
  });

  it('Slack not answering at all: its failure is in results.json, report.html and junit.xml alike; the e-mail goes as the fallback', async () => {
    const doomed = await startFakeSlack(SLACK_TOKEN);
    const apiUrl = doomed.apiUrl;
    await doomed.close();
    const run = await publishAgain('alerts-2-broken', { slackApiUrl: apiUrl });
    expect(run.verdict.delivery?.failedChannels).toEqual(['slack']);
    const [problem] = run.verdict.delivery!.problems;
    expect(problem).toMatch(/^slack: .*(ECONNREFUSED|connect|request failed)/i);
    expect(readJson(join(run.runDir, 'results.json')).delivery).toEqual(run.verdict.delivery);
    const html = readFileSync(join(run.runDir, 'report.html'), 'utf8');
    expect(html).toContain(escapeHtml(problem!.replace(/^slack: /, '')).slice(0, 60));
    const junit = readFileSync(join(run.runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase [^>]*name="[^"]*slack[^"]*"[^>]*>\s*<failure/i);
    expect(run.mails).toHaveLength(1);
    expect(run.mails[0]!.parsed.subject).toMatch(/\[Slack failed\]/);
  });
});
