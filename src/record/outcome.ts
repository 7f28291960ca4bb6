import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * How a finished run ended, for machines (the scheduler, CI scripts): written last by the command
 * that finished the run (`tagwatch audit`, `check`, `merge`), once its reports are written. A run
 * that died before its verdict (crash, kill, timeout) has none: its process's exit code or signal
 * is all there is. Shards (`audit --shard`) have no verdict, so no outcome either.
 */
export interface RunOutcome {
  runId: string;
  /** The monitor's name (the verdict's `monitor`). */
  monitor: string;
  /** Absolute run folder. */
  runDir: string;
  status: 'pass' | 'fail' | 'inconclusive';
  /** What the command exits with: 0 pass, 1 fail (a check: also a regression), 2 inconclusive. */
  exitCode: 0 | 1 | 2;
  /** The command that finished the run; absent: an audit. */
  kind?: 'audit' | 'check' | 'merge';
  /** ISO time the command finished the run (reports written). */
  finishedAt: string;
}

/** The outcome's name in the run folder. */
export const OUTCOME_FILE = 'outcome.json';

/**
 * When set, the command also writes the run's outcome to this file (the scheduler gives each
 * run a file of its own). `tagwatch audit` of several monitors rewrites it after each audit: it
 * holds the last finished one's (each run's own is in its run folder).
 */
export const OUTCOME_FILE_ENV = 'TAGWATCH_OUTCOME_FILE';

const STATUSES = ['pass', 'fail', 'inconclusive'] as const;
const EXIT_CODES = [0, 1, 2] as const;
const KINDS = ['audit', 'check', 'merge'] as const;

/** Pure: the outcome of a run whose command returned its result (verdict, run folder, exit code). */
export function outcomeOf(
  result: { verdict: { runId: string; monitor: string; status: RunOutcome['status'] }; runDir: string; exitCode: 0 | 1 | 2 },
  kind: NonNullable<RunOutcome['kind']>,
  finishedAt = new Date(),
): RunOutcome {
  const { runId, monitor, status } = result.verdict;
  return { runId, monitor, runDir: resolve(result.runDir), status, exitCode: result.exitCode, kind, finishedAt: finishedAt.toISOString() };
}

/**
 * Writes `<runDir>/outcome.json`, and the same to `extraFile` when given (an empty string counts
 * as none). Each atomically (a temporary file renamed over it): a reader sees the whole outcome
 * or none. Throws when a file cannot be written.
 */
export function writeOutcome(outcome: RunOutcome, extraFile?: string): void {
  const text = `${JSON.stringify(outcome, null, 2)}\n`;
  writeAtomically(join(outcome.runDir, OUTCOME_FILE), text);
  if (extraFile) writeAtomically(resolve(extraFile), text);
}

/** The outcome in this file; undefined when it is missing, torn or not an outcome. Never throws. */
export function readOutcome(path: string): RunOutcome | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  return isRunOutcome(data) ? data : undefined;
}

function isRunOutcome(data: unknown): data is RunOutcome {
  if (typeof data !== 'object' || data === null) return false;
  const o = data as Record<string, unknown>;
  return (
    typeof o.runId === 'string' &&
    typeof o.monitor === 'string' &&
    typeof o.runDir === 'string' &&
    (STATUSES as readonly unknown[]).includes(o.status) &&
    (EXIT_CODES as readonly unknown[]).includes(o.exitCode) &&
    (o.kind === undefined || (KINDS as readonly unknown[]).includes(o.kind)) &&
    typeof o.finishedAt === 'string'
  );
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // Beside the target: a rename within one folder (one file system) is atomic.
  const tmp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
