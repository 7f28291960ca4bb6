import { fileURLToPath } from 'node:url';
import type { Verdict } from '../model/verdict.ts';
import { loadPluginFolder, type PluginKind } from '../plugins/load-plugin-folder.ts';
import { reporterProblems, type ReportContext, type ReporterDefinition } from './define-reporter.ts';

/** The built-in reporters' folder (reporters/ at the top of the package). */
export const REPORTERS_DIR = fileURLToPath(new URL('../../reporters/', import.meta.url));

export const REPORTER_KIND: PluginKind = { name: 'reporter', defineFunction: 'defineReporter', problemsOf: reporterProblems };

export function loadReporters(dir = REPORTERS_DIR) {
  return loadPluginFolder<ReporterDefinition>(dir, REPORTER_KIND);
}

/**
 * Sends the verdict to every enabled reporter, in order. One reporter throwing becomes a line in
 * the returned problems (and so in the verdict's diagnostics), never a stop for the others.
 */
export async function runReporters(reporters: ReporterDefinition[], verdict: Verdict, context: ReportContext): Promise<string[]> {
  const problems: string[] = [];
  for (const reporter of reporters) {
    try {
      if (reporter.enabled && !reporter.enabled(context)) continue;
      await reporter.onVerdict?.(verdict, context);
    } catch (error) {
      problems.push(`reporter ${reporter.id} failed: ${(error as Error).message}`);
    }
  }
  return problems;
}
