import type { Alert } from '../model/alert.ts';
import type { Verdict } from '../model/verdict.ts';
import { baselineDiff } from '../judge/baseline-diff.ts';
import { openHistory, type History } from './history.ts';
import { historySettings } from './history-file.ts';
import { isReleaseCheck } from './run-kind.ts';
import { toStoredRun, type MonitorState } from '../judge/stored-run.ts';

/**
 * The run history of the report folder, for an audit. Whatever goes wrong with it (a corrupt
 * file moved aside, a lock never obtained) is a diagnostic of the run, never a failed audit:
 * undefined then, and the audit goes on without history.
 */
export async function openAuditHistory(outDir: string, diagnostics: string[]): Promise<History | undefined> {
  try {
    const { file, maxRuns } = historySettings(outDir);
    const history = await openHistory(file, { maxRuns });
    diagnostics.push(...history.diagnostics);
    return history;
  } catch (error) {
    diagnostics.push(`run history not used: ${(error as Error).message}`);
    return undefined;
  }
}

/** `verdict.changes`: what changed since the last passing run of the monitor, when there is one. */
export function addBaselineChanges(verdict: Verdict, history: History | undefined): void {
  const baseline = history?.lastPassingRun(verdict.monitor, { before: verdict.startedAt, where: (run) => run.runId !== verdict.runId });
  if (baseline) verdict.changes = baselineDiff(toStoredRun(verdict), baseline);
}

/** What the alert policy keeps with a run: the alert sent, and the monitor's next state. */
export interface AlertRecord {
  alert?: Alert;
  /** The next state from the one stored: called under the history's lock, on the state read fresh. */
  nextState?: (previous: MonitorState | undefined) => MonitorState;
}

/**
 * Stores the verdict in the history, once the reporters ran (their failures are in it), with the
 * monitor's alert state. A problem is added to the verdict's diagnostics and written out: the
 * reports are already done.
 */
export async function storeVerdict(history: History | undefined, verdict: Verdict, write: (text: string) => void, alerting: AlertRecord = {}): Promise<void> {
  if (!history) return;
  const known = history.diagnostics.length;
  const problems: string[] = [];
  try {
    // Read-modify-write under the lock: two audits of the monitor finishing together both count.
    if (alerting.nextState) await history.updateMonitorState(verdict.monitor, alerting.nextState);
  } catch (error) {
    problems.push(`the alert state of monitor ${verdict.monitor} was not stored in the run history (the next run may repeat or miss an alert): ${(error as Error).message}`);
  }
  try {
    // Marked when first stored: a nightly audit reading the history meanwhile must not take a check for its baseline.
    await history.appendRun(isReleaseCheck() ? { ...verdict, kind: 'check' } : verdict, { alert: alerting.alert });
  } catch (error) {
    problems.push(`run ${verdict.runId} was not stored in the run history: ${(error as Error).message}`);
  }
  // The file may have been damaged since it was opened: moved aside while storing.
  problems.unshift(...history.diagnostics.slice(known));
  for (const problem of problems) {
    verdict.diagnostics.push(problem);
    write(`tagwatch: note: ${problem}\n`);
  }
}
