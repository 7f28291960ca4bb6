import type { VerdictStatus } from '../model/verdict.ts';
import type { StoredRun } from '../judge/stored-run.ts';

/** One run in a trend: its loss rate per vendor and condition. */
export interface TrendRun {
  runId: string;
  startedAt: string;
  status: VerdictStatus;
  loss: { vendor: string; condition: string; lossRate: number | null; broken: boolean }[];
}

/** A vendor going over its threshold under a condition, or back under it. */
export interface BreakEvent {
  vendor: string;
  condition: string;
  change: 'broke' | 'recovered';
  runId: string;
  startedAt: string;
  lossRate: number;
}

export interface MonitorTrend {
  monitor: string;
  /** Runs stored for the monitor. */
  totalRuns: number;
  /** The newest `limit` of them, oldest first. */
  runs: TrendRun[];
  /** Breaks and recoveries that happened in the runs shown. */
  events: BreakEvent[];
}

/**
 * Pure: a monitor's loss rates across its runs (oldest first), and where each vendor broke (went
 * over its threshold under a condition, which is 0 unless the monitor set one) and recovered.
 * Breaks are followed across every run, so one that started before the runs shown is not
 * reported again; a run that could not measure a vendor changes nothing. A vendor already over
 * its threshold in the first run measured broke there.
 */
export function monitorTrend(monitor: string, runs: readonly StoredRun[], limit = Infinity): MonitorTrend {
  const broken = new Map<string, boolean>();
  const events: BreakEvent[] = [];
  for (const run of runs) {
    for (const row of run.loss) {
      if (row.lossRate === null) continue;
      const key = `${row.vendor}\u0000${row.condition}`;
      const was = broken.get(key);
      if (row.overThreshold !== (was ?? false)) {
        events.push({ vendor: row.vendor, condition: row.condition, change: row.overThreshold ? 'broke' : 'recovered', runId: run.runId, startedAt: run.startedAt, lossRate: row.lossRate });
      }
      broken.set(key, row.overThreshold);
    }
  }
  const shown = runs.slice(Math.max(0, runs.length - limit));
  const shownIds = new Set(shown.map((run) => run.runId));
  return {
    monitor,
    totalRuns: runs.length,
    runs: shown.map((run) => ({
      runId: run.runId,
      startedAt: run.startedAt,
      status: run.status,
      loss: run.loss.map((row) => ({ vendor: row.vendor, condition: row.condition, lossRate: row.lossRate, broken: row.overThreshold })),
    })),
    events: events.filter((event) => shownIds.has(event.runId)),
  };
}
