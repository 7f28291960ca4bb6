import { join } from 'node:path';
import type { OrderCleanup } from '../model/verdict.ts';
import type { OrdersResult } from '../reconcile/reconcile.ts';
import type { RunTrackers } from '../reconcile/tracker-changes.ts';
import type { MonitorState, StoredRun } from '../judge/stored-run.ts';
import { INPUTS_FILE, readJsonFile, writeJson } from './run-folder.ts';

/** The orders as the backend gave them for the run, with what was asked. */
export interface FetchedOrders {
  /** Order source id. */
  source: string;
  /** The window asked for (ISO times). */
  window: { from: string; to: string };
  /** When the last answer came. */
  fetchedAt: string;
  /**
   * The orders verbatim as the source returned them, with the line items, shipping and payment
   * method and coupons it read: `tagwatch report` judges them again, differential diagnosis
   * included, without asking the backend. Written as JSON as they are: no field list to keep in step.
   */
  result: OrdersResult;
}

/** What the history held for this monitor when the run was judged: what it is compared with. */
export interface HistoryBaseline {
  /** The alert policy's state of the monitor before this run. */
  previousState?: MonitorState & { lastAlertStreak?: number };
  /** The last passing run of the monitor: the baseline of `changes` and of a release check's regressions. */
  lastPassingRun?: StoredRun;
  /** The trackers of the previous run with a passed journey: the baseline of tag-appeared / tag-disappeared. */
  previousTrackers?: RunTrackers;
  /** Whether a history was read at all (without one, nothing can be deduplicated). */
  available: boolean;
}

/**
 * Everything read after the journeys that the verdict is reckoned from, besides the run log and
 * the settings: with these the run folder can be judged again offline, to the same verdict.
 */
export interface RunInputs {
  /** Why the site could not be reached before the journeys (none ran). */
  siteProblem?: string;
  /** Why the order source did not answer before the journeys (none ran). */
  backendProblem?: string;
  /** Absent when no journey ran. */
  orders?: FetchedOrders;
  /** What cleaning up the run's test orders did (monitor orders.cleanup). */
  cleanup?: OrderCleanup;
  history: HistoryBaseline;
  /** Problems met while gathering (a history file moved aside): part of the verdict's diagnostics. */
  diagnostics: string[];
}

export function writeRunInputs(runDir: string, inputs: RunInputs): void {
  writeJson(join(runDir, INPUTS_FILE), inputs);
}

export function readRunInputs(runDir: string): RunInputs | undefined {
  return readJsonFile<RunInputs>(join(runDir, INPUTS_FILE));
}
