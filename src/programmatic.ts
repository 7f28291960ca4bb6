import type { AuditOptions, AuditResult } from './audit/run-audit.ts';
import type { Verdict } from './model/index.ts';
import type { RunRecord } from './record/run-record.ts';

// The package's programmatic entry points, loaded when called: every scenario file and monitor
// imports 'tagwatch' (in the audit's process, Playwright's runner and each worker), and none of
// them needs the audit, the publishers or the history to declare journeys.

/** One audit of a monitor, as `tagwatch audit` runs it (src/audit/run-audit.ts). */
export async function runAudit(options?: AuditOptions): Promise<AuditResult> {
  return (await import('./audit/run-audit.ts')).runAudit(options);
}

/** A recorded run folder judged again and its reports written, as `tagwatch report` does (src/audit/report-run.ts). */
export async function reportRun(runDir: string, options?: { write?: (text: string) => void }): Promise<AuditResult> {
  return (await import('./audit/report-run.ts')).reportRun(runDir, options);
}

/** The verdict of a recorded run folder, nothing written (src/judge/judge-run-folder.ts). */
export async function judgeRunFolder(runDir: string): Promise<{ verdict: Verdict; record: RunRecord }> {
  return (await import('./judge/judge-run-folder.ts')).judgeRunFolder(runDir);
}
