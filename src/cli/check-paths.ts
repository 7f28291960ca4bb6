import { mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { historyFileProblem, historySettings } from '../storage/history-file.ts';
import { badInput } from './bad-input.ts';

const OUT_ACCEPTED = 'a folder tagwatch can write reports to (created when missing)';

/**
 * `--out` of a command that writes reports, checked before anything runs: every part of the path
 * that exists is a folder, and the nearest existing one takes a new entry (a real write, removed at
 * once: permissions, a read-only file system and root's rights all answer as they will for the
 * run). Nothing is created; a missing folder is made by the run.
 */
export function checkOutDir(dir: string, where: string): void {
  const path = resolve(dir);
  const existing = nearestExisting(path, where, OUT_ACCEPTED);
  try {
    rmdirSync(mkdtempSync(join(existing, '.tagwatch-write-check-')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw badInput(`${existing} cannot be written to (${code})`, existing === path ? where : `${where} ${path}`, `${OUT_ACCEPTED}: pick another folder or fix its permissions`);
  }
}

/** `--out` of a command that only reads it (history): a folder where it exists, or nothing yet. */
export function checkReadOutDir(dir: string, where: string): void {
  nearestExisting(resolve(dir), where, 'the report folder holding history.json');
}

/** The path itself or its nearest existing parent, which must be a folder. */
function nearestExisting(path: string, where: string, accepted: string): string {
  for (let current = path; ; current = dirname(current)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing, or under a file: look further up.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(current) !== current) continue;
      throw badInput(`${current} cannot be read (${code ?? (error as Error).message})`, current === path ? where : `${where} ${path}`, accepted);
    }
    if (isDirectory) return current;
    if (current === path) throw badInput(`${path} is a file instead of a folder`, where, accepted);
    throw badInput(`${current} is a file, so ${path} cannot be created`, where, accepted);
  }
}

/**
 * The run history of `--out` (or TAGWATCH_HISTORY_FILE) is a file tagwatch can read, or missing:
 * checked before a run, so an audit never runs without storing its verdict, nor a release check
 * without its baseline, because of it. Its content is checked when it is opened (moved aside when damaged).
 */
export function checkHistoryFile(outDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const { file } = historySettings(outDir, env);
  const problem = historyFileProblem(file);
  if (!problem) return;
  const fromEnv = Boolean(env.TAGWATCH_HISTORY_FILE);
  const where = fromEnv ? `TAGWATCH_HISTORY_FILE=${file}` : `${file} (--out ${resolve(outDir)})`;
  const todo = problem.startsWith('is a folder')
    ? `move that folder away, or ${fromEnv ? 'point TAGWATCH_HISTORY_FILE at' : 'set TAGWATCH_HISTORY_FILE to'} the history file`
    : `give tagwatch read and write access to it, or ${fromEnv ? 'point TAGWATCH_HISTORY_FILE at' : 'set TAGWATCH_HISTORY_FILE to'} another file`;
  throw badInput(`the run history ${problem}`, where, todo);
}
