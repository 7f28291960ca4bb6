import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import emailReporter from '../../reporters/email.ts';
import { loadReporters, notifyAll, renderedLookup } from '../../src/report/run-reporters.ts';
import { defineReporter, type NotifyContext } from '../../src/report/define-reporter.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import type { MonitorInput } from '../../src/monitor/schema.ts';
import type { Alert } from '../../src/model/alert.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { closedPort, startSilentServer, startSmtpServer, type LocalSmtpServer } from '../support/smtp-server.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

const USER = 'alerts@shop.example';
const PASSWORD = 'S3cret:p@ss/word';

const verdict: Verdict = {
  runId: '20261126-040000-ab12',
  monitor: 'demo-shop',
  baseUrl: 'http://127.0.0.1:4100',
  startedAt: '2026-11-26T04:00:00Z',
  finishedAt: '2026-11-26T04:01:00Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4), duplicate-hit (meta).',
  journeys: [
    { journeyId: 'j1', scenario: 'purchase', condition: 'baseline', repeat: 0, orderId: '1041', orderInBackend: true, status: 'passed', hits: [], vendors: { ga4: 'tracked', meta: 'duplicated' }, lossCauses: {} },
    { journeyId: 'j2', scenario: 'purchase', condition: 'baseline', repeat: 1, orderId: '1042', orderInBackend: true, status: 'passed', hits: [], vendors: { ga4: 'lost', meta: 'duplicated' }, lossCauses: {} },
  ],
  loss: [
    { vendor: 'ga4', condition: 'baseline', orders: 4, tracked: 3, attributable: null, lost: 1, duplicated: 0, consentPings: 0, lossRate: 0.25, ci95: [0.046, 0.7], maxLossRate: 0, overThreshold: true },
    { vendor: 'meta', condition: 'baseline', orders: 4, tracked: 4, attributable: null, lost: 0, duplicated: 2, consentPings: 0, lossRate: 0, ci95: [0, 0.49], maxLossRate: 0, overThreshold: false },
  ],
  // As the judge reckons it: 200 orders/day x 50 EUR x the row's loss rate (and its interval).
  broke: [
    {
      vendor: 'ga4',
      condition: 'baseline',
      orders: 4,
      lost: 1,
      lossRate: 0.25,
      ci95: [0.046, 0.7],
      exampleOrder: '1042',
      revenueAtRisk: { perDay: 2500, range: [460, 7000], currency: 'EUR', dailyOrders: 200, averageOrderValue: 50 },
    },
  ],
  findings: [
    { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed 1 of 4 orders under baseline (loss 25%, above the 0% threshold)' },
    { severity: 'error', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'meta sent Purchase twice for order <script>alert("x")</script>' },
    { severity: 'error', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'meta sent Purchase twice for order 1042' },
    { severity: 'info', kind: 'tag-appeared', message: 'clarity appeared' },
  ],
  diagnostics: [],
};

const failure: Alert = { kind: 'failure', monitor: 'demo-shop', runId: verdict.runId, consecutiveFailures: 1, since: verdict.runId, fingerprint: 'tag-missing|ga4|baseline', headline: 'ga4 purchase tracking broke on demo-shop' };

function monitor(email: Record<string, unknown> = {}, extra: Partial<MonitorInput> = {}) {
  return validateMonitor(
    {
      ...REQUIRED_FIELDS,
      name: 'demo-shop',
      expect: { ga4: {}, meta: {} },
      alerts: { email: { to: ['ops@shop.example'], from: 'tagwatch <tagwatch@shop.example>', timeoutSeconds: 5, ...email }, reportBaseUrl: 'https://ci.example/reports/' },
      business: { dailyOrders: 200, averageOrderValue: 50, currency: 'EUR' },
      ...extra,
    },
    'demo-shop.monitor.ts',
  );
}

const REPORT_HTML = '<!doctype html><title>tagwatch report</title><h1>demo-shop</h1>';

/** What the html and json renderers made of this verdict; `html: false`: the html renderer failed or is off. */
function renderings(v: Verdict, options: { html: boolean } = { html: true }): NotifyContext['rendered'] {
  return renderedLookup([
    { id: 'json', file: 'results.json', text: `${JSON.stringify(v, null, 2)}\n` },
    ...(options.html ? [{ id: 'html', file: 'report.html', text: REPORT_HTML }] : []),
  ]);
}

function context(overrides: Partial<NotifyContext> & { smtpUrl?: string }): NotifyContext & { output: string[] } {
  const output: string[] = [];
  const { smtpUrl, ...rest } = overrides;
  return {
    runDir: '/srv/reports/20261126-040000-ab12',
    monitor: monitor(),
    write: (text) => void output.push(text),
    env: smtpUrl ? { TAGWATCH_SMTP_URL: smtpUrl } : {},
    alert: failure,
    failedChannels: [],
    rendered: renderings(verdict),
    output,
    ...rest,
  };
}

async function send(ctx: NotifyContext, v: Verdict = verdict): Promise<string> {
  return emailReporter.notify!(v, ctx);
}

describe('e-mail reporter against a real SMTP server', () => {
  let smtp: LocalSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ user: USER, password: PASSWORD });
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('loads from reporters/ after Slack, enabled only when the monitor has alerts.email', async () => {
    const { plugins, diagnostics } = await loadReporters();
    expect(diagnostics).toEqual([]);
    const email = plugins.find((p) => p.id === 'email')!;
    expect(email.order).toBe(90);
    expect(email.channel).toBe('email');
    expect(email.enabled!(context({}))).toBe(true);
    expect(email.enabled!(context({ monitor: validateMonitor({ ...REQUIRED_FIELDS, name: 'demo-shop', expect: { ga4: {} } }, 'm') }))).toBe(false);
  });

  it('a failure alert: one mail with the subject, the summary in HTML and text, both attachments', async () => {
    const before = smtp.mails.length;
    const ctx = context({ smtpUrl: smtp.url(USER, PASSWORD) });
    expect(await send(ctx)).toBe('sent');
    expect(smtp.mails.length).toBe(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.user).toBe(USER);
    expect(mail.from).toBe('tagwatch@shop.example');
    expect(mail.to).toEqual(['ops@shop.example']);
    expect(mail.parsed.subject).toBe('[tagwatch] FAILURE demo-shop: ga4 purchase lost under baseline');

    const html = mail.parsed.html as string;
    const text = mail.parsed.text!;
    for (const part of [html, text]) {
      expect(part).toContain('Tracking is broken: tag-missing (ga4), duplicate-hit (meta).');
      expect(part).toContain('loss 25% (95% CI 5%–70%)');
      expect(part).toContain('example order 1042');
      // verdict.broke's estimate (200 orders/day x EUR 50 x 25%), labelled an estimate, in the money format Slack uses.
      expect(part).toContain('Revenue at risk (estimate): about €2,500 per day not seen by ga4 (€460–€7,000 over the 95% interval) = 200 orders/day × €50 average order × 25% loss.');
      expect(part).toContain('https://ci.example/reports/20261126-040000-ab12/report.html');
      expect(part).toContain('meta sent Purchase twice for order');
      expect(part).toContain('(and 1 more like it)');
      expect(part).not.toContain('clarity appeared');
    }
    expect(html).toContain('<a href="https://ci.example/reports/20261126-040000-ab12/report.html">');
    expect(html).toContain('<strong>ga4</strong> under <strong>baseline</strong>');

    const attachments = Object.fromEntries(mail.parsed.attachments.map((a) => [a.filename, a]));
    expect(Object.keys(attachments).sort()).toEqual(['report.html', 'results.json']);
    expect(attachments['report.html']!.contentType).toBe('text/html');
    expect(attachments['report.html']!.content.toString()).toBe(REPORT_HTML);
    expect(JSON.parse(attachments['results.json']!.content.toString())).toEqual(verdict);
    expect(ctx.output.join('')).toContain('failure e-mail sent to ops@shop.example');
  });

  it('captured strings read as text: a <script> in a finding or an order id is escaped in the HTML part', async () => {
    const hostile: Verdict = {
      ...verdict,
      summary: 'Tracking is broken: <img src=x onerror=alert(1)>',
      broke: verdict.broke!.map((row) => ({ ...row, exampleOrder: '"><b>1042' })),
    };
    const ctx = context({ smtpUrl: smtp.url(USER, PASSWORD) });
    await send(ctx, hostile);
    const mail = smtp.mails.at(-1)!;
    const html = mail.parsed.html as string;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('meta sent Purchase twice for order &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('example order &quot;&gt;&lt;b&gt;1042');
    // The text part carries them as they were: plain text is not interpreted.
    expect(mail.parsed.text).toContain('<script>alert("x")</script>');
  });

  it('no alert from the policy: no mail, not even a connection', async () => {
    const mails = smtp.mails.length;
    const logins = smtp.logins;
    expect(await send(context({ smtpUrl: smtp.url(USER, PASSWORD), alert: undefined }))).toBe('nothing-to-send');
    expect(smtp.mails.length).toBe(mails);
    expect(smtp.logins).toBe(logins);
  });

  it('Slack failed before (notifyAll): the subject and the body say this mail is the fallback', async () => {
    const slackDown = defineReporter({ id: 'slack', channel: 'slack', order: 80, description: '', notify: async () => { throw new Error('chat.postMessage answered channel_not_found'); } });
    const judged: Verdict = { ...verdict, alert: { alert: failure, reason: 'first failure' } };
    const delivery = await notifyAll([emailReporter, slackDown], judged, {
      runDir: '/srv/reports/20261126-040000-ab12',
      monitor: monitor(),
      env: { TAGWATCH_SMTP_URL: smtp.url(USER, PASSWORD) },
      write: () => undefined,
      // The html renderer failed: no report to attach.
      rendered: renderings(judged, { html: false }),
    });
    expect(delivery).toEqual({ sent: ['email'], failedChannels: ['slack'], problems: ['slack: chat.postMessage answered channel_not_found'] });
    const mail = smtp.mails.at(-1)!;
    expect(mail.parsed.subject).toBe('[tagwatch] [Slack failed] FAILURE demo-shop: ga4 purchase lost under baseline');
    expect(mail.parsed.html).toContain('<strong>Slack delivery failed</strong> for this alert: this e-mail is the fallback.');
    expect(mail.parsed.text).toContain('Slack delivery failed for this alert: this e-mail is the fallback.');
    // No html rendering: only results.json travels.
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['results.json']);
  });

  it('no json rendering either: the verdict itself is attached as results.json', async () => {
    await send(context({ smtpUrl: smtp.url(USER, PASSWORD), rendered: () => undefined }));
    const mail = smtp.mails.at(-1)!;
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['results.json']);
    expect(JSON.parse(mail.parsed.attachments[0]!.content.toString())).toEqual(verdict);
  });

  it('reminder and recovery subjects; a recovery has nothing under "What broke"', async () => {
    await send(context({ smtpUrl: smtp.url(USER, PASSWORD), alert: { ...failure, kind: 'reminder', consecutiveFailures: 7, since: '20261125-000000-aaaa' } }));
    const reminder = smtp.mails.at(-1)!;
    expect(reminder.parsed.subject).toBe('[tagwatch] REMINDER (7 failing runs) demo-shop: ga4 purchase lost under baseline');
    expect(reminder.parsed.text).toContain('7 failing runs in a row, since run 20261125-000000-aaaa');

    const passed: Verdict = { ...verdict, status: 'pass', summary: 'ga4, meta tracked all 4 test orders under baseline.', loss: [{ ...verdict.loss[0]!, tracked: 4, lost: 0, lossRate: 0, overThreshold: false }], findings: [], broke: [] };
    await send(context({ smtpUrl: smtp.url(USER, PASSWORD), alert: { ...failure, kind: 'recovery', consecutiveFailures: 0, headline: 'ga4 purchase tracking recovered on demo-shop' } }), passed);
    const recovery = smtp.mails.at(-1)!;
    expect(recovery.parsed.subject).toBe('[tagwatch] RECOVERY demo-shop: tracking back to normal');
    expect(recovery.parsed.text).toContain('ga4, meta tracked all 4 test orders under baseline.');
    expect(recovery.parsed.text).not.toContain('What broke');
  });

  it('a wrong password: the SMTP reason, never the password; e-mail marked failed', async () => {
    const mails = smtp.mails.length;
    const wrong = 'Wr0ng-Secret-9';
    const ctx = context({ smtpUrl: smtp.url(USER, wrong), failedChannels: ['slack'] });
    const error = await send(ctx).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/535 Authentication failed/);
    expect(error?.message).toContain(`user "${USER}"`);
    expect(error?.message).toContain('check the user and password in TAGWATCH_SMTP_URL');
    expect(error?.message).toContain('slack failed too: this alert reached no one');
    expect(error?.message).not.toContain(wrong);
    expect(smtp.mails.length).toBe(mails);
    // Through notifyAll, as the pipeline runs it: a failed channel.
    const delivery = await notifyAll([emailReporter], { ...verdict, alert: { alert: failure, reason: 'first failure' } }, { ...ctx, rendered: renderings(verdict) });
    expect(delivery.failedChannels).toEqual(['email']);
    expect(delivery.problems).toEqual([expect.stringMatching(/^email: e-mail alert to ops@shop\.example not sent: .*535 Authentication failed/)]);
  });
});

describe('e-mail reporter when the SMTP server cannot be reached', () => {
  it('nothing listening: connection refused, with host and port and no password', async () => {
    const port = await closedPort();
    const ctx = context({ smtpUrl: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}` });
    const error = await send(ctx).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain(`SMTP server smtp://127.0.0.1:${port} refused the connection`);
    expect(error?.message).toContain('ECONNREFUSED');
    expect(error?.message).not.toContain(PASSWORD);
    expect(error?.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  // nodemailer waits 30 s for a greeting by default: this test's own 15 s limit fails if timeoutSeconds is not applied.
  it('a server that never greets: a timeout error within alerts.email.timeoutSeconds', { timeout: 15_000 }, async () => {
    const silent = await startSilentServer();
    try {
      const ctx = context({ smtpUrl: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${silent.port}`, monitor: monitor({ timeoutSeconds: 1 }) });
      const error = await send(ctx).then(() => undefined, (e: Error) => e);
      expect(error?.message).toContain(`SMTP server smtp://127.0.0.1:${silent.port} did not answer within 1 s`);
      expect(error?.message).not.toContain(PASSWORD);
    } finally {
      await silent.close();
    }
  });

  it('the environment variable is missing: an error naming it (and the one the monitor chose)', async () => {
    const ctx = context({});
    const error = await send(ctx).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('the environment variable TAGWATCH_SMTP_URL is not set');
    expect(error?.message).toContain('smtp://user:password@host:port');

    const custom = context({ monitor: monitor({ smtpUrlEnv: 'SHOP_SMTP' }), env: { TAGWATCH_SMTP_URL: 'smtp://a:b@127.0.0.1:25' } });
    await expect(send(custom)).rejects.toThrow('the environment variable SHOP_SMTP is not set');
  });

  it('a URL that is not smtp(s): refused without echoing it', async () => {
    const ctx = context({ smtpUrl: `https://${USER}:${encodeURIComponent(PASSWORD)}@mail.example:587` });
    const error = await send(ctx).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('TAGWATCH_SMTP_URL starts with "https://"; expected smtp://');
    expect(error?.message).not.toContain(encodeURIComponent(PASSWORD));
    expect(error?.message).not.toContain('mail.example');
  });
});
