import type { Monitor } from '../monitor/schema.ts';
import type { Verdict } from '../model/verdict.ts';

export interface ReportContext {
  /** reports/<runId>/ */
  runDir: string;
  /** reports/, the parent of every run folder (and of latest/). */
  outDir: string;
  monitor: Monitor;
  /** Where human-readable output goes (the terminal, or a buffer in tests). */
  write: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** A verdict consumer. Every hook is optional, so a reporter implements only what it needs. */
export interface ReporterDefinition {
  /** Equal to the file name in reporters/. */
  id: string;
  description: string;
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
