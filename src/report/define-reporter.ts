import type { Monitor } from '../monitor/schema.ts';
import type { Verdict } from '../model/verdict.ts';
import type { Alert } from '../model/alert.ts';

export interface ReportContext {
  /** reports/<runId>/ */
  runDir: string;
  /** reports/, the parent of every run folder (and of latest/). */
  outDir: string;
  monitor: Monitor;
  /** Where human-readable output goes (the terminal, or a buffer in tests). */
  write: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Set when the alert policy decided this run notifies people; absent: notifiers stay quiet. */
  alert?: Alert;
  /**
   * Channels that failed to deliver the alert so far in this run ('slack', ...): reporters run in
   * order, so a later one (e-mail) knows it is the fallback. Reporters add to it.
   */
  failedChannels: string[];
}

/** A verdict consumer. Every hook is optional, so a reporter implements only what it needs. */
export interface ReporterDefinition {
  /** Equal to the file name in reporters/. */
  id: string;
  description: string;
  /**
   * When it runs among reporters, lower first; ties by id. Default 50. Files come first (json 0,
   * html/junit 10) so notifiers (slack 80, email 90) can attach or link them, and e-mail comes
   * after Slack so it knows when it is the fallback.
   */
  order?: number;
  /** Whether the reporter runs for this monitor and environment. Default: always. */
  enabled?(context: ReportContext): boolean;
  onVerdict?(verdict: Verdict, context: ReportContext): Promise<void> | void;
}

export function defineReporter(reporter: ReporterDefinition): ReporterDefinition {
  return reporter;
}

/** What a reporter file must export besides its id. */
export function reporterProblems(reporter: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof reporter.description !== 'string') problems.push('needs a `description` string');
  for (const hook of ['enabled', 'onVerdict']) {
    if (reporter[hook] !== undefined && typeof reporter[hook] !== 'function') problems.push(`\`${hook}\`, when present, must be a function`);
  }
  return problems;
}
