import { closeSync, openSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSONFileSync } from 'lowdb/node';
import { UserError } from '../user-error.ts';
import { historyProblem, type HistoryData } from './history-data.ts';

/** The history's file name in the report folder. */
export const HISTORY_FILE_NAME = 'history.json';
export const DEFAULT_MAX_RUNS = 10_000;

/** Where the history is and how many runs it keeps. */
export interface HistorySettings {
  file: string;
  maxRuns: number;
}

/**
 * `<outDir>/history.json`, or TAGWATCH_HISTORY_FILE; at most TAGWATCH_HISTORY_MAX_RUNS runs
 * (default 10,000). A bad number is a UserError naming the variable.
 */
export function historySettings(outDir: string, env: NodeJS.ProcessEnv = process.env): HistorySettings {
  const file = env.TAGWATCH_HISTORY_FILE ? resolve(env.TAGWATCH_HISTORY_FILE) : join(resolve(outDir), HISTORY_FILE_NAME);
  const rawMax = env.TAGWATCH_HISTORY_MAX_RUNS;
  if (rawMax === undefined || rawMax === '') return { file, maxRuns: DEFAULT_MAX_RUNS };
  const maxRuns = Number(rawMax);
  if (!Number.isInteger(maxRuns) || maxRuns < 1) {
    throw new UserError(`TAGWATCH_HISTORY_MAX_RUNS is '${rawMax}': expected a whole number of at least 1 (runs the history keeps; unset it for ${DEFAULT_MAX_RUNS})`);
  }
  return { file, maxRuns };
}

/**
 * Why the history file cannot be used as a file at all, checked before a run starts: a folder in its
 * place (`is a folder instead of a file`), or no permission to read it (`cannot be read (EACCES)`).
 * Undefined when it is a readable file or missing (a new history starts). Its content is not looked
 * at here: a damaged file is moved aside when the history is opened, never dropped.
 */
export function historyFileProblem(file: string): string | undefined {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return 'is a folder instead of a file';
    if (!stat.isFile()) return 'is not a regular file';
    closeSync(openSync(file, 'r'));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return `cannot be read (${code ?? (error as Error).message})`;
  }
}

/**
 * Which version of the file is on disk: every write is a new file renamed into place, so inode,
 * size and time change with it. Undefined when there is no file.
 */
export function fileIdentity(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// The last history read or written in this process: an audit opens it, then looks up the previous
// run synchronously; one parse of a large file instead of two. One entry bounds the memory.
let lastSnapshot: { file: string; identity: string; data: HistoryData } | undefined;

/** Remembers data known to be the content of `file` at `identity` (do not change it afterwards). */
export function rememberSnapshot(file: string, identity: string | undefined, data: HistoryData): void {
  lastSnapshot = identity ? { file, identity, data } : undefined;
}

/** The remembered data of `file` is about to change: forget it. */
export function forgetSnapshot(file: string): void {
  if (lastSnapshot?.file === file) lastSnapshot = undefined;
}

/**
 * The history as it is on disk, read without the lock (writes replace the file whole, so a
 * reader never sees half of one): for synchronous readers. A missing file is an empty history;
 * a file it cannot use is a `problem`, left for the next writer to move aside.
 */
export function readHistorySnapshot(file: string): { data?: HistoryData; problem?: string } {
  let data: unknown;
  try {
    const identity = fileIdentity(file);
    if (identity && lastSnapshot?.file === file && lastSnapshot.identity === identity) return { data: lastSnapshot.data };
    data = new JSONFileSync<unknown>(file).read();
  } catch (error) {
    return { problem: `run history ${file} could not be read (${(error as Error).message})` };
  }
  if (data === null) return {};
  const problem = historyProblem(data);
  if (problem) return { problem: `run history ${file} is unusable (${problem.message})` };
  return { data: data as HistoryData };
}
