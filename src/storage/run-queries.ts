import type { StoredRun } from '../judge/stored-run.ts';

export interface LastRunQuery {
  /** Only runs that started before this ISO time (the current run's startedAt). */
  before?: string;
  /** Only runs this accepts. */
  where?: (run: StoredRun) => boolean;
  /** Release checks too. Default: skipped, so a check of staging never becomes production's baseline or last status. */
  includeChecks?: boolean;
}

/** Pure: the runs of one monitor, oldest first; release checks only with `includeChecks`. */
export function runsOfMonitor(runs: readonly StoredRun[], monitor: string, options: { includeChecks?: boolean } = {}): StoredRun[] {
  return runs.filter((run) => run.monitor === monitor && (options.includeChecks || !isReleaseCheckRun(run))).sort(byStart);
}

/** A `tagwatch check` run: another origin than the monitor's, stored for the record only. */
export function isReleaseCheckRun(run: Pick<StoredRun, 'kind'>): boolean {
  return run.kind === 'check';
}

/** Pure: the newest run of the monitor that matches the query. */
export function lastRunOf(runs: readonly StoredRun[], monitor: string, query: LastRunQuery = {}): StoredRun | undefined {
  let last: StoredRun | undefined;
  for (const run of runs) {
    if (run.monitor !== monitor) continue;
    if (!query.includeChecks && isReleaseCheckRun(run)) continue;
    if (query.before !== undefined && !(run.startedAt < query.before)) continue;
    if (query.where && !query.where(run)) continue;
    if (!last || run.startedAt >= last.startedAt) last = run;
  }
  return last;
}

/** Pure: the monitors the history knows, sorted. */
export function monitorsOf(runs: readonly StoredRun[]): string[] {
  return [...new Set(runs.map((run) => run.monitor))].sort();
}

/** ISO times sort as strings. */
export function byStart(a: StoredRun, b: StoredRun): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;
}
