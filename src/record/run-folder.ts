import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The run folder, reports/<runId>/, is the run's record: everything its verdict is reckoned from,
 * and the files reported from it. One module names its files and writes them.
 */

// What was audited (the monitor as resolved, the project, the journey plan, the conditions' facts),
// and the journeys' events (NDJSON, append-only): written by the audit and its journey workers.
export { RUN_SETTINGS_FILE } from './run-settings.ts';
export { RUN_LOG_FILE } from './run-log.ts';
/** What was read after the journeys, for the verdict: the orders as fetched, the history baseline. */
export const INPUTS_FILE = 'inputs.json';
/** What the effects after the verdict did: notifications delivered or failed, history problems. */
export const EFFECTS_FILE = 'effects.json';
/** The run's outcome for machines (the scheduler): src/record/outcome.ts. */
export const OUTCOME_FILE = 'outcome.json';
/** The folder beside the run folders that mirrors the newest run. */
export const LATEST = 'latest';

/** Writes a file whole or not at all (tmp + rename): a reader (CI, a browser, the history) never sees half of it. */
export function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function writeJson(path: string, value: unknown): void {
  writeAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A JSON file of the run folder, or undefined when it is not there. A damaged one is an error naming it. */
export function readJsonFile<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${path} is not readable JSON (${(error as Error).message}): the run folder is damaged`);
  }
}

/**
 * Writes the reports of a run (each file atomically) into its folder, then mirrors the whole
 * folder to <out>/latest/ (a run reported again: only when latest/ holds it already) (staged, then renamed: latest/ always holds one complete run). Two
 * audits finishing together race for latest/: the loser retries once, and yields if the other
 * took it again, since latest/ then holds a complete run either way.
 */
export function writeRunFiles(runDir: string, outDir: string, runId: string, files: { file: string; text: string }[], options: { latest: 'always' | 'when-this-run' } = { latest: 'always' }): void {
  mkdirSync(runDir, { recursive: true });
  for (const { file, text } of files) writeAtomically(join(runDir, file), text);
  const latest = join(outDir, LATEST);
  // A run reported again from its folder never takes latest/ from a newer run.
  if (options.latest === 'when-this-run' && readJsonFile<{ runId?: unknown }>(join(latest, 'results.json'))?.runId !== runId) return;
  const staging = join(outDir, `.latest-${runId}`);
  rmSync(staging, { recursive: true, force: true });
  cpSync(runDir, staging, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      if (existsSync(latest)) rmSync(latest, { recursive: true, force: true });
      renameSync(staging, latest);
      return;
    } catch (error) {
      if (attempt >= 1) {
        rmSync(staging, { recursive: true, force: true });
        if (existsSync(latest)) return;
        throw error;
      }
    }
  }
}
