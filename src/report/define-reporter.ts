import type { Monitor } from '../monitor/schema.ts';
import type { Verdict } from '../model/verdict.ts';
import type { Alert } from '../model/alert.ts';

/** What every reporter gets besides the verdict. */
export interface ReportContext {
  monitor: Monitor;
  /** reports/<runId>/: links to the run's artifacts are relative to it. */
  runDir: string;
  env: NodeJS.ProcessEnv;
}

/** What a notifier gets besides the verdict. */
export interface NotifyContext extends ReportContext {
  /** The alert the policy decided for this run (verdict.alert.alert); absent: no one needs telling (settings may still be checked). */
  alert?: Alert;
  /** Channels that failed before this notifier in this run: a later one (e-mail) knows it is the fallback. */
  failedChannels: readonly string[];
  /** Another reporter's rendering of this verdict, to attach (e-mail attaches 'html' and 'json'); undefined when it has none or it failed. */
  rendered(reporterId: string): { file?: string; text: string } | undefined;
  /** Progress lines for the terminal ("failure alert sent to Slack #tracking"). */
  write(text: string): void;
}

/** A notifier's result: the alert went out, or there was nothing to send. */
export type NotifyResult = 'sent' | 'nothing-to-send';

/**
 * A notifier that failed: `delivered` when the alert itself went out and only a part (a thread
 * reply) did not, so the channel still counts as reached.
 */
export class NotificationError extends Error {
  constructor(
    message: string,
    readonly delivered = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NotificationError';
  }
}

/**
 * A verdict consumer, one of two kinds:
 * - a renderer (`render`): the verdict as text, pure (verdict in, text out; no file written, no
 *   network). With `file`, tagwatch writes it into the run folder (and latest/); without, prints it;
 * - a notifier (`notify` and `channel`): tells people (Slack, e-mail, yours). Notifiers run before
 *   any file is written, so every file shows how they did.
 */
export interface ReporterDefinition {
  /** Equal to the file name in reporters/ (or in the monitor's plugins.reporters). */
  id: string;
  description: string;
  /** Among reporters of its kind, lower first; ties by id. Default 50 (Slack 80, e-mail 90: e-mail knows when it is the fallback). */
  order?: number;
  /** Whether the reporter runs for this monitor and environment. Default: always. */
  enabled?(context: ReportContext): boolean;
  /** Renderer: the verdict as text. */
  render?(verdict: Verdict, context: ReportContext): string;
  /** Renderer: the file of the run folder the text goes to ('results.json'); absent: printed. */
  file?: string;
  /** Notifier: the channel name in the delivery record ('slack'). */
  channel?: string;
  /** Notifier: resolves 'sent' or 'nothing-to-send'; throws (a NotificationError, or any error) when the alert did not go out. */
  notify?(verdict: Verdict, context: NotifyContext): Promise<NotifyResult>;
}

export function defineReporter(reporter: ReporterDefinition): ReporterDefinition {
  return reporter;
}

/** What a reporter file must export besides its id: a renderer or a notifier, well formed. */
export function reporterProblems(reporter: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof reporter.description !== 'string') problems.push('needs a `description` string');
  for (const hook of ['enabled', 'render', 'notify']) {
    if (reporter[hook] !== undefined && typeof reporter[hook] !== 'function') problems.push(`\`${hook}\`, when present, must be a function`);
  }
  const renders = typeof reporter.render === 'function';
  const notifies = typeof reporter.notify === 'function';
  if (renders === notifies) problems.push('needs either `render(verdict, context)` (a renderer) or `notify(verdict, context)` (a notifier)');
  if (reporter.file !== undefined && (typeof reporter.file !== 'string' || !/^[\w.-]+$/.test(reporter.file))) problems.push('`file`, when present, must be a plain file name such as report.csv');
  if (notifies && (typeof reporter.channel !== 'string' || reporter.channel === '')) problems.push('a notifier needs a `channel` name, e.g. channel: \'teams\'');
  return problems;
}
