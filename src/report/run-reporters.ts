import { fileURLToPath } from 'node:url';
import type { Delivery, Verdict } from '../model/verdict.ts';
import { loadPluginFolder, type PluginKind } from '../plugins/load-plugin-folder.ts';
import { NotificationError, reporterProblems, type NotifyContext, type ReportContext, type ReporterDefinition } from './define-reporter.ts';

/** The built-in reporters' folder (reporters/ at the top of the package). */
export const REPORTERS_DIR = fileURLToPath(new URL('../../reporters/', import.meta.url));

export const REPORTER_KIND: PluginKind = { name: 'reporter', defineFunction: 'defineReporter', problemsOf: reporterProblems };

export function loadReporters(dir = REPORTERS_DIR) {
  return loadPluginFolder<ReporterDefinition>(dir, REPORTER_KIND);
}

/** One renderer's text: `file` is where the run folder keeps it; absent, it is printed. */
export interface RenderedOutput {
  id: string;
  file?: string;
  text: string;
}

/**
 * Every enabled renderer's text for this verdict, by `order` (then id). Pure as the renderers
 * are: nothing is written here. A renderer that throws, or returns no string, is a problem line
 * and the others still render.
 */
export function renderReports(reporters: ReporterDefinition[], verdict: Verdict, context: ReportContext): { outputs: RenderedOutput[]; problems: string[] } {
  const outputs: RenderedOutput[] = [];
  const problems: string[] = [];
  for (const reporter of inOrder(reporters.filter((r) => typeof r.render === 'function'))) {
    try {
      if (reporter.enabled && !reporter.enabled(context)) continue;
      const text = reporter.render!(verdict, context);
      if (typeof text !== 'string') throw new Error(`render returned ${text === null ? 'null' : typeof text}, not the text`);
      outputs.push({ id: reporter.id, ...(reporter.file !== undefined ? { file: reporter.file } : {}), text });
    } catch (error) {
      problems.push(`reporter ${reporter.id} failed: ${messageOf(error)}`);
    }
  }
  return { outputs, problems };
}

/** `rendered(id)` for notifiers, from renderReports' outputs. */
export function renderedLookup(outputs: readonly RenderedOutput[]): NotifyContext['rendered'] {
  return (id) => {
    const output = outputs.find((o) => o.id === id);
    return output && { ...(output.file !== undefined ? { file: output.file } : {}), text: output.text };
  };
}

/**
 * Runs every enabled notifier, by `order` (then id), with the verdict's alert (verdict.alert.alert;
 * none: notifiers only check their settings). Each one is isolated: a throw is a problem line
 * `<channel>: <reason>`, never a stop. A channel counts as failed when it threw while there was an
 * alert to send, unless it threw a NotificationError saying the alert itself went out (then it is
 * sent, with its problem line); later notifiers see the failed channels so far (e-mail knows it is
 * the fallback). A settings problem with nothing to send is a problem line only.
 */
export async function notifyAll(
  reporters: ReporterDefinition[],
  verdict: Verdict,
  context: Omit<NotifyContext, 'failedChannels' | 'rendered' | 'alert'> & { rendered: NotifyContext['rendered'] },
): Promise<Delivery> {
  const alert = verdict.alert?.alert;
  const delivery: Delivery = { sent: [], failedChannels: [], problems: [] };
  for (const reporter of inOrder(reporters.filter((r) => typeof r.notify === 'function'))) {
    const channel = typeof reporter.channel === 'string' && reporter.channel ? reporter.channel : reporter.id;
    // The verdict's alert, whatever else the caller's object carries.
    const notifyContext: NotifyContext = { ...context, alert, failedChannels: [...delivery.failedChannels] };
    try {
      if (reporter.enabled && !reporter.enabled(notifyContext)) continue;
      const result = await reporter.notify!(verdict, notifyContext);
      if (result === 'sent') delivery.sent.push(channel);
    } catch (error) {
      delivery.problems.push(`${channel}: ${messageOf(error)}`);
      if (deliveredAnyway(error)) delivery.sent.push(channel);
      else if (alert) delivery.failedChannels.push(channel);
    }
  }
  return delivery;
}

/**
 * A NotificationError with delivered=true: the alert went out, a part did not. By name too: a
 * project's reporter may import the class from another copy of tagwatch than the one running.
 */
function deliveredAnyway(error: unknown): boolean {
  if (error instanceof NotificationError) return error.delivered;
  return error instanceof Error && error.name === 'NotificationError' && (error as { delivered?: unknown }).delivered === true;
}

/** Lower `order` first (default 50), ties by id; the array given is left as it is. */
function inOrder(reporters: ReporterDefinition[]): ReporterDefinition[] {
  return [...reporters].sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.id.localeCompare(b.id));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
