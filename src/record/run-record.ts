import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRunLog } from './run-log.ts';
import { RUN_SETTINGS_FILE, type RunSettings } from './run-settings.ts';
import type { RunEvent } from '../model/run-event.ts';
import { UserError } from '../user-error.ts';
import { readRunEffects, type RunEffects } from './run-effects.ts';
import { readJsonFile } from './run-folder.ts';
import { readRunInputs, type RunInputs } from './run-inputs.ts';

/** A run folder as read back: everything its verdict is reckoned from, and what its effects did. */
export interface RunRecord {
  runDir: string;
  settings: RunSettings;
  events: RunEvent[];
  inputs: RunInputs;
  /** Absent before the effects ran (or in a folder that never got that far). */
  effects?: RunEffects;
  /** Run log lines that could not be read (a worker killed mid-write), with file and line. */
  logProblems: string[];
}

/**
 * Reads a finished run folder. A folder that is not one (no settings, no inputs: an audit that
 * died before its verdict, a shard) is a clear error saying what is missing.
 */
export function readRunRecord(folder: string): RunRecord {
  const runDir = resolve(folder);
  if (!existsSync(runDir)) throw new UserError(`No run folder at ${runDir}: pass a folder such as reports/<runId>.`);
  const settings = readJsonFile<RunSettings>(join(runDir, RUN_SETTINGS_FILE));
  if (!settings) throw new UserError(`${runDir} has no ${RUN_SETTINGS_FILE}: it is not a tagwatch run folder (reports/<runId>/).`);
  const inputs = readRunInputs(runDir);
  if (!inputs) {
    throw new UserError(`${runDir} has no inputs.json: the run never got to its verdict (it was stopped, or it is one shard of a sharded run: \`tagwatch merge\` its shards), or it was written by a tagwatch from before run records.`);
  }
  const { events, problems } = readRunLog(runDir);
  return { runDir, settings: { ...settings, runDir }, events, inputs, effects: readRunEffects(runDir), logProblems: problems };
}
