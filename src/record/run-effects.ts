import { join } from 'node:path';
import type { Delivery, Verdict } from '../model/verdict.ts';
import { EFFECTS_FILE, readJsonFile, writeJson } from './run-folder.ts';

/**
 * What the effects after the verdict did, kept in the run folder: the reports made again from
 * the folder (`tagwatch report`) show them as the first ones did, without notifying anyone again.
 */
export interface RunEffects {
  /** How the notifiers did; absent when none ran. */
  delivery?: Delivery;
  /** Problems of the effects (a renderer that threw, the history not written): in every report's diagnostics. */
  problems: string[];
}

/** The verdict as reported: the judged verdict with what its effects did. Pure. */
export function withEffects(verdict: Verdict, effects: RunEffects | undefined): Verdict {
  if (!effects) return verdict;
  return {
    ...verdict,
    diagnostics: [...verdict.diagnostics, ...effects.problems.filter((problem) => !verdict.diagnostics.includes(problem))],
    ...(effects.delivery ? { delivery: effects.delivery } : {}),
  };
}

export function writeRunEffects(runDir: string, effects: RunEffects): void {
  writeJson(join(runDir, EFFECTS_FILE), effects);
}

export function readRunEffects(runDir: string): RunEffects | undefined {
  return readJsonFile<RunEffects>(join(runDir, EFFECTS_FILE));
}
