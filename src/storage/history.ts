import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Alert } from '../model/alert.ts';
import type { Verdict } from '../model/verdict.ts';
import { emptyHistory, HistoryError, historyProblem, type HistoryData, type ReportedDay } from './history-data.ts';
import { DEFAULT_MAX_RUNS, fileIdentity, forgetSnapshot, rememberSnapshot } from './history-file.ts';
import { withLock, type LockOptions } from './history-lock.ts';
import { lastRunOf, monitorsOf, runsOfMonitor, type LastRunQuery } from './run-queries.ts';
import { STORED_RUN_LIMITS, toStoredRun, type MonitorState, type StoredRun, type StoredRunLimits } from '../judge/stored-run.ts';

export interface HistoryOptions {
  /** Runs kept; the oldest go first. Default 10,000. */
  maxRuns?: number;
  lock?: LockOptions;
  limits?: StoredRunLimits;
}

/**
 * The run history of every monitor, in one lowdb JSON file. Queries read the snapshot taken
 * when it was opened or last updated; every update takes the lock file
 * (`<file>.lock`), re-reads the file, changes it and writes it whole (temp file + rename), so
 * two tagwatch processes never lose each other's runs.
 */
export class History {
  /** Problems met so far (a corrupt file moved aside), for the verdict's diagnostics. */
  readonly diagnostics: string[] = [];
  /** Where unusable files were moved, oldest first. */
  readonly movedAside: string[] = [];
  readonly lockFile: string;
  readonly #db: Low<HistoryData>;
  readonly #options: Required<Pick<HistoryOptions, 'maxRuns' | 'limits'>> & HistoryOptions;
  /** fileIdentity of the file the snapshot was read from or written to: unchanged, no re-read. */
  #identity: string | undefined;

  constructor(
    readonly file: string,
    options: HistoryOptions = {},
  ) {
    this.lockFile = `${file}.lock`;
    // A file adapter, not JSONFilePreset (it keeps data in memory under NODE_ENV=test). lowdb's
    // JSONFile without its indentation: at 10,000 runs, indenting would double a file read and
    // rewritten whole on every update.
    this.#db = new Low<HistoryData>(new DataFile<HistoryData>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), emptyHistory());
    this.#options = { maxRuns: DEFAULT_MAX_RUNS, limits: STORED_RUN_LIMITS, ...options };
  }

  /** Runs of the monitor, oldest first; its release checks only with `includeChecks`. */
  runsOf(monitor: string, options: { includeChecks?: boolean } = {}): StoredRun[] {
    return runsOfMonitor(this.#db.data.runs, monitor, options);
  }

  /** Every monitor with a stored run, sorted. */
  monitors(): string[] {
    return monitorsOf(this.#db.data.runs);
  }

  /** The newest run of the monitor (started before `before`, accepted by `where`), release checks left out unless `includeChecks`. */
  lastRun(monitor: string, query: LastRunQuery = {}): StoredRun | undefined {
    return lastRunOf(this.#db.data.runs, monitor, query);
  }

  /** The newest passing run of the monitor: the baseline a run is compared with. */
  lastPassingRun(monitor: string, query: LastRunQuery = {}): StoredRun | undefined {
    return lastRunOf(this.#db.data.runs, monitor, { ...query, where: (run) => run.status === 'pass' && (query.where?.(run) ?? true) });
  }

  /** What the alert policy remembered for the monitor; undefined before its first save. */
  monitorState(monitor: string): MonitorState | undefined {
    return this.#db.data.monitors[monitor]?.alert;
  }

  /** Stores the monitor's alert state (locked: other monitors' states and runs are kept). */
  async setMonitorState(monitor: string, state: MonitorState): Promise<void> {
    await this.#update((data) => {
      (data.monitors[monitor] ??= {}).alert = state;
    });
  }

  /** Reads the state fresh under the lock and stores what `next` makes of it: no lost update between processes. */
  async updateMonitorState(monitor: string, next: (previous: MonitorState | undefined) => MonitorState): Promise<MonitorState> {
    let state!: MonitorState;
    await this.#update((data) => {
      state = next(data.monitors[monitor]?.alert);
      (data.monitors[monitor] ??= {}).alert = state;
    });
    return state;
  }

  /** `tagwatch compare`'s stored days of a monitor's platform, by day. */
  reportedDays(monitor: string, platform: string): Record<string, ReportedDay> {
    return this.#db.data.reported?.[monitor]?.[platform] ?? {};
  }

  /** Monitors with stored comparison days, sorted. */
  reportedMonitors(): string[] {
    return Object.keys(this.#db.data.reported ?? {}).sort();
  }

  /** Platforms with stored days for the monitor, sorted. */
  reportedPlatforms(monitor: string): string[] {
    return Object.keys(this.#db.data.reported?.[monitor] ?? {}).sort();
  }

  /**
   * Stores a comparison's days (locked; each day replaces its earlier read) and the compare alert
   * state `next` makes of the one stored, in one write: a comparison is recorded whole or not at all.
   */
  async storeComparison(monitor: string, days: Record<string, Record<string, ReportedDay>>, next?: (previous: MonitorState | undefined) => MonitorState): Promise<void> {
    await this.#update((data) => {
      const byPlatform = ((data.reported ??= {})[monitor] ??= {});
      for (const [platform, platformDays] of Object.entries(days)) Object.assign((byPlatform[platform] ??= {}), platformDays);
      if (next) (data.monitors[monitor] ??= {}).compareAlert = next(data.monitors[monitor]?.compareAlert);
    });
  }

  /** What the compare alert policy remembered for the monitor. */
  compareState(monitor: string): MonitorState | undefined {
    return this.#db.data.monitors[monitor]?.compareAlert;
  }

  /** Stores the verdict (trimmed, without journeys); a run with the same id is replaced. The oldest runs beyond the cap are dropped. */
  async appendRun(verdict: Verdict, extras: { alert?: Alert } = {}): Promise<StoredRun> {
    const run = toStoredRun(verdict, extras, this.#options.limits);
    await this.#update((data) => {
      const runs = data.runs.filter((r) => r.runId !== run.runId);
      // Usually the newest: insert from the end, keeping the runs in start order.
      let index = runs.length;
      while (index > 0 && runs[index - 1]!.startedAt > run.startedAt) index--;
      runs.splice(index, 0, run);
      if (runs.length > this.#options.maxRuns) runs.splice(0, runs.length - this.#options.maxRuns);
      data.runs = runs;
    });
    return run;
  }

  /** Re-reads the file: other processes' runs since opening. An unusable file is moved aside (locked). */
  async reload(): Promise<void> {
    if (await this.#read({ moveAside: false })) return;
    await withLock(this.lockFile, async () => {
      if (!(await this.#read({ moveAside: true }))) await this.#db.write();
    }, this.#options.lock);
  }

  async #update(change: (data: HistoryData) => void): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    await withLock(this.lockFile, async () => {
      await this.#read({ moveAside: true });
      this.#identity = undefined;
      forgetSnapshot(this.file);
      change(this.#db.data);
      await this.#db.write();
      // Still under the lock: the file on disk is the one just written.
      this.#identity = fileIdentity(this.file);
      rememberSnapshot(this.file, this.#identity, this.#db.data);
    }, this.#options.lock);
  }

  /**
   * Loads the file into the snapshot. Returns false when it was unusable: moved aside (only
   * under the lock, so that no other writer's fresh file is moved) and replaced by an empty
   * history, or left in place for the caller to take the lock.
   */
  async #read({ moveAside }: { moveAside: boolean }): Promise<boolean> {
    // Taken before reading: if a writer replaces the file in between, the next read sees another identity.
    const identity = fileIdentity(this.file);
    if (identity !== undefined && identity === this.#identity) return true;
    this.#identity = undefined;
    // lowdb keeps the previous data when the file is missing: start from empty, not from our snapshot.
    this.#db.data = emptyHistory();
    let reason: string | undefined;
    try {
      await this.#db.read();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw new HistoryError(`The run history ${this.file} could not be read: ${(error as Error).message}`);
      reason = `not valid JSON: ${error.message}`;
    }
    if (reason === undefined) {
      const problem = historyProblem(this.#db.data);
      if (problem?.kind === 'newer') throw new HistoryError(`The run history ${this.file} cannot be used: ${problem.message}, or set TAGWATCH_HISTORY_FILE to another file.`);
      reason = problem?.message;
    }
    if (reason === undefined) {
      this.#identity = identity;
      rememberSnapshot(this.file, identity, this.#db.data);
      return true;
    }
    this.#db.data = emptyHistory();
    if (!moveAside) return false;
    this.#moveAside(reason);
    return false;
  }

  #moveAside(reason: string): void {
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    let aside = `${this.file}.corrupt-${stamp}`;
    for (let n = 2; existsSync(aside); n++) aside = `${this.file}.corrupt-${stamp}-${n}`;
    renameSync(this.file, aside);
    this.movedAside.push(aside);
    this.diagnostics.push(
      `run history ${this.file} was unreadable (${reason}): moved aside to ${aside} and a new history started; the earlier runs are kept in that file (repair it by hand to bring them back)`,
    );
  }
}

/**
 * Opens the history file (missing: an empty history). A corrupt or truncated file is moved
 * aside as `<file>.corrupt-<timestamp>` with a diagnostic, and a new history started; never
 * silently dropped. Throws HistoryError when the file cannot be read at all or is from a newer tagwatch.
 */
export async function openHistory(file: string, options: HistoryOptions = {}): Promise<History> {
  const history = new History(file, options);
  await history.reload();
  return history;
}
