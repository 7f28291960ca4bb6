import type { Verdict } from '../model/verdict.ts';
import type { Monitor } from '../monitor/schema.ts';
import { loadProjectPlugins } from '../project/plugins.ts';
import { readRunEffects, withEffects, writeRunEffects, type RunEffects } from '../record/run-effects.ts';
import { writeRunFiles } from '../record/run-folder.ts';
import { decideAlert } from '../judge/alert-policy.ts';
import { alertDelivered } from '../report/alert-delivery.ts';
import type { ReportContext, ReporterDefinition } from '../report/define-reporter.ts';
import { notifyAll, renderReports } from '../report/run-reporters.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { History } from '../storage/history.ts';
import { storeVerdict } from '../storage/audit-history.ts';

export interface PublishOptions {
  record: RunRecord;
  /** Parent folder of run folders (latest/ is there). */
  outDir: string;
  /** Terminal output: the console report, the notifiers' progress lines. */
  write: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /**
   * A live run: notify, store in the history (opened by the gathering), record what the effects
   * did. Absent: the run is reported again from its folder (`tagwatch report`), with the effects
   * its folder recorded, and nobody is told anything twice.
   */
  live?: { history: History | undefined };
}

/**
 * The effects after a verdict, in one pipeline: notifiers first (Slack, e-mail, the project's),
 * then the run history, then every file of the run folder from the verdict as reported (with
 * how the notifications went), so no file is ever stale and every report shows the same
 * figures. Returns the verdict as reported.
 */
export async function publishRun(verdict: Verdict, options: PublishOptions): Promise<Verdict> {
  const { record, outDir, write } = options;
  const env = options.env ?? process.env;
  const { runDir, monitor } = { runDir: record.runDir, monitor: record.settings.monitor };
  const context: ReportContext = { monitor, runDir, env };
  const loaded = await loadProjectPlugins('reporters', monitor.plugins);
  const reporters = [...loaded.plugins].sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.id.localeCompare(b.id));
  const enabled = reporters.filter((reporter) => isEnabled(reporter, context, write));

  let effects: RunEffects;
  if (options.live) {
    effects = { problems: [...loaded.diagnostics, ...loaded.projectDiagnostics] };
    const delivery = await notifyAll(enabled, verdict, { monitor, runDir, env, write, rendered: renderedFor(enabled, verdict, context) });
    if (delivery.sent.length || delivery.failedChannels.length || delivery.problems.length) effects.delivery = delivery;
    effects.problems.push(...(await store(verdict, monitor, env, effects, options.live.history, write)));
  } else {
    effects = record.effects ?? readRunEffects(runDir) ?? { problems: [] };
  }

  let reported = withEffects(verdict, effects);
  let rendered = renderReports(enabled, reported, context);
  // A renderer that threw is said in the others' files: rendered once more with the problem in.
  const renderProblems = rendered.problems.filter((problem) => !effects.problems.includes(problem));
  if (renderProblems.length) {
    effects = { ...effects, problems: [...effects.problems, ...renderProblems] };
    reported = withEffects(verdict, effects);
    rendered = renderReports(enabled, reported, context);
  }
  if (options.live) writeRunEffects(runDir, effects);
  const files = rendered.outputs.flatMap((output) => (output.file ? [{ file: output.file, text: output.text }] : []));
  writeRunFiles(runDir, outDir, verdict.runId, files, { latest: options.live ? 'always' : 'when-this-run' });
  for (const output of rendered.outputs) if (!output.file) write(output.text);
  return reported;
}

/** Stores the run in the history with the monitor's next alert state; the problems met, for every report. */
async function store(verdict: Verdict, monitor: Monitor, env: NodeJS.ProcessEnv, effects: RunEffects, history: History | undefined, write: (text: string) => void): Promise<string[]> {
  if (!history) return [];
  const alert = verdict.alert?.alert;
  // An alert no channel delivered is not remembered as said: the next run announces it again.
  const delivered = alertDelivered(monitor, env, effects.delivery?.failedChannels ?? []);
  // An inconclusive run leaves the state as it was; a release check never moves it.
  const moves = verdict.kind !== 'check' && verdict.status !== 'inconclusive';
  const problems = await storeVerdict(history, withEffects(verdict, effects), {
    ...(alert ? { alert } : {}),
    ...(moves ? { nextState: (fresh) => decideAlert(fresh, verdict, monitor.alerts, { delivered }).nextState ?? { lastStatus: verdict.status, consecutiveFailures: 0 } } : {}),
  });
  for (const problem of problems) write(`tagwatch: note: ${problem}\n`);
  return problems;
}

/** Another reporter's text for a notifier's attachments, rendered when first asked, from the verdict as judged. */
function renderedFor(reporters: ReporterDefinition[], verdict: Verdict, context: ReportContext) {
  const cache = new Map<string, { file?: string; text: string } | undefined>();
  return (id: string) => {
    if (!cache.has(id)) {
      const reporter = reporters.find((r) => r.id === id && r.render);
      const output = reporter ? renderReports([reporter], verdict, context).outputs[0] : undefined;
      cache.set(id, output ? { ...(output.file ? { file: output.file } : {}), text: output.text } : undefined);
    }
    return cache.get(id);
  };
}

function isEnabled(reporter: ReporterDefinition, context: ReportContext, write: (text: string) => void): boolean {
  try {
    return reporter.enabled ? reporter.enabled(context) : true;
  } catch (error) {
    write(`tagwatch: note: reporter ${reporter.id} left out: its enabled() failed (${(error as Error).message})\n`);
    return false;
  }
}
