import { describe, expect, it } from 'vitest';
import { defineReporter, NotificationError, reporterProblems, type NotifyContext, type ReportContext, type ReporterDefinition } from '../../src/report/define-reporter.ts';
import { loadReporters, notifyAll, renderedLookup, renderReports } from '../../src/report/run-reporters.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import type { Alert } from '../../src/model/alert.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

const verdict: Verdict = {
  runId: 'R1',
  monitor: 'm',
  baseUrl: 'http://127.0.0.1',
  startedAt: '2026-11-26T04:00:00Z',
  finishedAt: '2026-11-26T04:00:10Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4).',
  journeys: [],
  loss: [{ vendor: 'ga4', condition: 'baseline', orders: 2, tracked: 0, attributable: null, lost: 2, duplicated: 0, consentPings: 0, lossRate: 1, ci95: [0.34, 1], maxLossRate: 0, overThreshold: true }],
  findings: [{ severity: 'error', kind: 'tag-missing', vendor: 'ga4', message: 'ga4 lost \u001b[2J order <script>' }],
  diagnostics: [],
};

const alert: Alert = { kind: 'failure', monitor: 'm', runId: 'R1', consecutiveFailures: 1, since: 'R1', fingerprint: 'tag-missing|ga4|baseline', headline: 'ga4 purchase tracking broke on m' };
const alerting: Verdict = { ...verdict, alert: { alert, reason: 'first failure' } };
const quiet: Verdict = { ...verdict, alert: { reason: 'the same failure as already announced: deduplicated, no alert' } };

const monitor = validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }, 'm');
const context: ReportContext = { runDir: '/tmp/reports/R1', monitor, env: {} };
const notifyContext = { ...context, write: () => undefined, rendered: () => undefined };

function renderer(id: string, render: ReporterDefinition['render'], fields: Partial<ReporterDefinition> = {}): ReporterDefinition {
  return defineReporter({ id, description: id, render, ...fields });
}

/** A notifier that records what it was given and does what `act` says. */
function notifier(channel: string, act: (context: NotifyContext) => Promise<'sent' | 'nothing-to-send'>, seen: { channel: string; alert?: Alert; failed: string[] }[], fields: Partial<ReporterDefinition> = {}) {
  return defineReporter({
    id: channel,
    channel,
    description: channel,
    notify: (_verdict, ctx) => {
      seen.push({ channel, alert: ctx.alert, failed: [...ctx.failedChannels] });
      return act(ctx);
    },
    ...fields,
  });
}

describe('renderReports', () => {
  it('a renderer that throws is a problem line; the others still render, in order (then id), enabled ones only', () => {
    const { outputs, problems } = renderReports(
      [
        renderer('late', () => 'late text', { order: 90 }),
        renderer('broken', () => { throw new Error('template missing'); }, { file: 'broken.txt' }),
        renderer('csv', (v) => `runId\n${v.runId}\n`, { file: 'report.csv', order: 5 }),
        renderer('off', () => 'never', { enabled: () => false }),
        renderer('alpha', () => 'alpha text'),
        // A notifier is not rendered, even next to renderers.
        defineReporter({ id: 'teams', channel: 'teams', description: '', notify: async () => 'sent' }),
      ],
      verdict,
      context,
    );
    expect(outputs).toEqual([
      { id: 'csv', file: 'report.csv', text: 'runId\nR1\n' },
      { id: 'alpha', text: 'alpha text' },
      { id: 'late', text: 'late text' },
    ]);
    expect(problems).toEqual(['reporter broken failed: template missing']);
  });

  it('a render that returns no text, or an enabled() that throws, is a problem line too', () => {
    const { outputs, problems } = renderReports(
      [
        renderer('empty', (() => undefined) as unknown as ReporterDefinition['render']),
        renderer('picky', () => 'x', { enabled: () => { throw new Error('no settings'); } }),
        renderer('ok', () => ''),
      ],
      verdict,
      context,
    );
    expect(outputs).toEqual([{ id: 'ok', text: '' }]);
    expect(problems).toEqual(['reporter empty failed: render returned undefined, not the text', 'reporter picky failed: no settings']);
  });

  it('renderedLookup gives notifiers another reporter\'s text by id', () => {
    const rendered = renderedLookup([{ id: 'json', file: 'results.json', text: '{}' }, { id: 'console', text: 'table' }]);
    expect(rendered('json')).toEqual({ file: 'results.json', text: '{}' });
    expect(rendered('console')).toEqual({ text: 'table' });
    expect(rendered('html')).toBeUndefined();
  });
});

describe('notifyAll', () => {
  it('an alert: notifiers in order; a failed channel is failed for the later ones; a thread-only failure still counts as sent', async () => {
    const seen: { channel: string; alert?: Alert; failed: string[] }[] = [];
    const delivery = await notifyAll(
      [
        notifier('email', async () => 'sent', seen, { order: 90 }),
        notifier('slack', async () => { throw new Error('chat.postMessage answered channel_not_found'); }, seen, { order: 80 }),
        notifier('teams', async () => { throw new NotificationError('card posted, its details were not', true); }, seen, { order: 85 }),
        notifier('pager', async () => 'sent', seen, { order: 10, enabled: () => false }),
      ],
      alerting,
      notifyContext,
    );
    expect(seen).toEqual([
      { channel: 'slack', alert, failed: [] },
      { channel: 'teams', alert, failed: ['slack'] },
      { channel: 'email', alert, failed: ['slack'] },
    ]);
    expect(delivery).toEqual({
      sent: ['teams', 'email'],
      failedChannels: ['slack'],
      problems: ['slack: chat.postMessage answered channel_not_found', 'teams: card posted, its details were not'],
    });
  });

  it('no alert: a settings problem is a problem line, not a failed channel; nothing-to-send is not sent', async () => {
    const seen: { channel: string; alert?: Alert; failed: string[] }[] = [];
    const delivery = await notifyAll(
      [
        notifier('slack', async () => { throw new Error('no token: SLACK_BOT_TOKEN is not set'); }, seen, { order: 80 }),
        notifier('email', async (ctx) => (ctx.alert ? 'sent' : 'nothing-to-send'), seen, { order: 90 }),
      ],
      quiet,
      notifyContext,
    );
    expect(seen.map((s) => [s.channel, s.alert, s.failed])).toEqual([
      ['slack', undefined, []],
      ['email', undefined, []],
    ]);
    expect(delivery).toEqual({ sent: [], failedChannels: [], problems: ['slack: no token: SLACK_BOT_TOKEN is not set'] });
  });

  it('a throw of anything (not an Error) is isolated too, and a notifier can read another one\'s rendering', async () => {
    let attached: string | undefined;
    const delivery = await notifyAll(
      [
        notifier('odd', async () => { throw 'a string'; }, [], { order: 1 }),
        notifier('mail', async (ctx) => { attached = ctx.rendered('json')?.text; return 'sent'; }, []),
      ],
      alerting,
      { ...notifyContext, rendered: renderedLookup([{ id: 'json', file: 'results.json', text: '{"runId":"R1"}' }]) },
    );
    expect(delivery).toEqual({ sent: ['mail'], failedChannels: ['odd'], problems: ['odd: a string'] });
    expect(attached).toBe('{"runId":"R1"}');
  });
});

describe('reporterProblems', () => {
  it('a reporter is a renderer or a notifier, not both nor neither', () => {
    const either = 'needs either `render(verdict, context)` (a renderer) or `notify(verdict, context)` (a notifier)';
    expect(reporterProblems({ id: 'x', description: 'x', render: () => '', notify: async () => 'sent', channel: 'x' })).toEqual([either]);
    expect(reporterProblems({ id: 'x', description: 'x' })).toEqual([either]);
    // The old hook alone is neither.
    expect(reporterProblems({ id: 'x', description: 'x', onVerdict: () => undefined })).toEqual([either]);
    expect(reporterProblems({ id: 'x', description: 'x', render: () => '', file: 'report.csv' })).toEqual([]);
    expect(reporterProblems({ id: 'x', description: 'x', notify: async () => 'sent', channel: 'teams' })).toEqual([]);
  });

  it('a file must be a plain name; a notifier needs a channel; hooks must be functions', () => {
    expect(reporterProblems({ id: 'x', description: 'x', render: () => '', file: '../escape.txt' })).toEqual(['`file`, when present, must be a plain file name such as report.csv']);
    expect(reporterProblems({ id: 'x', description: 'x', notify: async () => 'sent' })).toEqual(["a notifier needs a `channel` name, e.g. channel: 'teams'"]);
    expect(reporterProblems({ id: 'x', render: 'text' })).toEqual([
      'needs a `description` string',
      '`render`, when present, must be a function',
      'needs either `render(verdict, context)` (a renderer) or `notify(verdict, context)` (a notifier)',
    ]);
  });
});

describe('built-in reporters', () => {
  it('load without a problem: four renderers (three with a file) and two notifiers', async () => {
    const { plugins, diagnostics } = await loadReporters();
    expect(diagnostics).toEqual([]);
    const kinds = Object.fromEntries(plugins.map((p) => [p.id, p.render ? `render ${p.file ?? '(terminal)'}` : `notify ${p.channel}`]));
    expect(kinds).toEqual({
      console: 'render (terminal)',
      email: 'notify email',
      html: 'render report.html',
      json: 'render results.json',
      junit: 'render junit.xml',
      slack: 'notify slack',
    });
  });

  it('json: the whole verdict as text, delivery included', async () => {
    const { plugins } = await loadReporters();
    const withDelivery: Verdict = { ...alerting, delivery: { sent: [], failedChannels: ['slack'], problems: ['slack: chat.postMessage answered channel_not_found'] } };
    const { outputs, problems } = renderReports(plugins.filter((p) => p.id === 'json'), withDelivery, context);
    expect(problems).toEqual([]);
    expect(outputs).toEqual([{ id: 'json', file: 'results.json', text: `${JSON.stringify(withDelivery, null, 2)}\n` }]);
    expect(JSON.parse(outputs[0]!.text)).toEqual(withDelivery);
  });
});

describe('console reporter', () => {
  async function consoleText(v: Verdict): Promise<string> {
    const { plugins } = await loadReporters();
    const { outputs, problems } = renderReports(plugins.filter((p) => p.id === 'console'), v, context);
    expect(problems).toEqual([]);
    expect(outputs[0]!.file).toBeUndefined();
    return outputs[0]!.text;
  }

  it('the loss table, with control characters neutralised, and where results.json is', async () => {
    const text = await consoleText(verdict);
    expect(text).toMatch(/ga4\s+baseline\s+2\s+0\s+2\s+0\s+100%\s+34%–100%/);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Report: /tmp/reports/R1/results.json');
  });

  it('groups findings of one kind, vendor and condition into one line', async () => {
    const many = { ...verdict, findings: [1, 2, 3].map((n) => ({ severity: 'info' as const, kind: 'attribution-lost' as const, vendor: 'meta', condition: 'cross-device', message: `meta lost click on order ${n}` })) };
    const text = await consoleText(many);
    expect(text).toContain('Findings (3):');
    expect(text).toContain('meta lost click on order 1 (and 2 more like it)');
    expect(text).not.toContain('order 2');
  });

  it('a line per delivery problem, after the diagnostics', async () => {
    const text = await consoleText({
      ...alerting,
      diagnostics: ['plugin x failed'],
      delivery: { sent: ['email'], failedChannels: ['slack'], problems: ['slack: Slack alert not sent to #alerts: chat.postMessage answered channel_not_found\u001b[2J'] },
    });
    expect(text).toContain('  note: plugin x failed\n  alert delivery: slack: Slack alert not sent to #alerts: chat.postMessage answered channel_not_found?[2J\n');
  });
});
