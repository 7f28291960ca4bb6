import { rmSync } from 'node:fs';
import { readOutcome, type RunOutcome } from '../record/outcome.ts';
import type { ChildEnd } from './audit-child.ts';

/** What the daemon logs of a finished run, beside its monitor, duration and log file. */
export interface RunEnd {
  runId?: string;
  /** The verdict (pass, fail, inconclusive), or why there is none: timed-out, cancelled, crashed, no-verdict, not-started. */
  status: string;
  /** The audit's exit code, or the signal that ended it, or why it did not start. */
  exit: string;
  /** 0 pass, 1 fail, 2 anything else. */
  exitCode: 0 | 1 | 2;
}

/** Pure: the run's own outcome file, beside its pending log (`….log` -> `….outcome.json`). */
export function outcomeFileFor(pendingLog: string): string {
  return `${pendingLog.replace(/\.log$/, '')}.outcome.json`;
}

/**
 * The outcome the run's audit wrote to the file the daemon gave it (TAGWATCH_OUTCOME_FILE), then
 * that file removed: the run folder keeps its own outcome.json. Undefined when the audit died
 * before writing one (crash, kill, timeout) or the file is torn. Never throws.
 */
export function takeRunOutcome(file: string): RunOutcome | undefined {
  const outcome = readOutcome(file);
  try {
    rmSync(file, { force: true });
  } catch {
    // A copy left behind is harmless: every run has a file name of its own.
  }
  return outcome;
}

/**
 * Pure: how the run ended, from its outcome (run id and verdict) and its process (exit code or
 * signal). A run the daemon stopped is logged as such (timed-out, cancelled) whatever it wrote;
 * a run without an outcome is reported from its process alone. The exit code counts as 0 or 1
 * only with a verdict to back it: anything else is 2.
 */
export function runEnd(outcome: RunOutcome | undefined, end: ChildEnd, endedBy?: 'timed-out' | 'cancelled'): RunEnd {
  const exit = end.startError ? `not started: ${end.startError}` : String(end.exitCode ?? end.signal);
  const status = endedBy ?? outcome?.status ?? (end.startError ? 'not-started' : end.exitCode === null ? 'crashed' : 'no-verdict');
  const exitCode = !endedBy && outcome && (end.exitCode === 0 || end.exitCode === 1) ? end.exitCode : 2;
  return { runId: outcome?.runId, status, exit, exitCode };
}

/** How the comparison after a run ended, as the daemon logs it. */
export interface CompareEnd {
  /**
   * What its exit code means: within-usual-range (0), problems-found (1),
   * inconclusive-or-bad-input (2); or why there is none: timed-out, cancelled, crashed,
   * not-started, unexpected-exit (any other code).
   */
  status: string;
  /** Its exit code, or the signal that ended it, or why it did not start. */
  exit: string;
}

const COMPARE_EXIT_MEANING: Record<number, string> = { 0: 'within-usual-range', 1: 'problems-found', 2: 'inconclusive-or-bad-input' };

/** Pure: how `tagwatch compare` ended, from its process alone (it writes no outcome file); one the daemon stopped is said so. */
export function compareEnd(end: ChildEnd, endedBy?: 'timed-out' | 'cancelled'): CompareEnd {
  const exit = end.startError ? `not started: ${end.startError}` : String(end.exitCode ?? end.signal);
  if (endedBy) return { status: endedBy, exit };
  if (end.startError) return { status: 'not-started', exit };
  if (end.exitCode === null) return { status: 'crashed', exit };
  return { status: COMPARE_EXIT_MEANING[end.exitCode] ?? 'unexpected-exit', exit };
}
