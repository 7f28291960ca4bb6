import type { Alert } from '../model/alert.ts';
import type { Verdict } from '../model/verdict.ts';
import type { MonitorState } from '../judge/stored-run.ts';
import { openHistory, type History } from './history.ts';
import { historySettings } from './history-file.ts';

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

/** What the alert policy keeps with a run: the alert sent, and the monitor's next state. */
export interface AlertRecord {
  alert?: Alert;
  /** The next state from the one stored: called under the history's lock, on the state read fresh. */
  nextState?: (previous: MonitorState | undefined) => MonitorState;
}

/**
 * Stores the verdict in the history (a release check is stored marked `kind: 'check'`: never the
 * monitor's baseline or last status), with the monitor's alert state. Returns the problems met:
 * the run's record keeps them, the verdict stands.
 */
export async function storeVerdict(history: History, verdict: Verdict, alerting: AlertRecord = {}): Promise<string[]> {
  const known = history.diagnostics.length;
  const problems: string[] = [];
  try {
    // Read-modify-write under the lock: two audits of the monitor finishing together both count.
    if (alerting.nextState) await history.updateMonitorState(verdict.monitor, alerting.nextState);
  } catch (error) {
    problems.push(`the alert state of monitor ${verdict.monitor} was not stored in the run history (the next run may repeat or miss an alert): ${(error as Error).message}`);
  }
  try {
    await history.appendRun(verdict, { alert: alerting.alert });
  } catch (error) {
    problems.push(`run ${verdict.runId} was not stored in the run history: ${(error as Error).message}`);
  }
  // The file may have been damaged since it was opened: moved aside while storing.
  return [...history.diagnostics.slice(known), ...problems];
}
