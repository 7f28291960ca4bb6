import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_FILE } from '../../reporters/json.ts';
import type { Verdict } from '../model/verdict.ts';

/**
 * Writes the verdict again over results.json of the run folder, and of reports/latest/ while it
 * still holds this run (another audit may have taken latest/ since), each whole (tmp + rename):
 * what the reporters and the history added after the JSON reporter ran (a Slack failure, which
 * channels failed) is then in the stored verdict too. Only files the JSON reporter wrote are
 * replaced. Returns the problems met, for a note: the verdict stands whatever happens here.
 */
export function rewriteResults(verdict: Verdict, runDir: string, outDir: string): string[] {
  const problems: string[] = [];
  const text = `${JSON.stringify(verdict, null, 2)}\n`;
  for (const path of [join(runDir, RESULTS_FILE), join(outDir, 'latest', RESULTS_FILE)]) {
    try {
      if (!holdsRun(path, verdict.runId)) continue;
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      problems.push(`${path} could not be updated with the reporters' results: ${(error as Error).message}`);
    }
  }
  return problems;
}

function holdsRun(path: string, runId: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { runId?: unknown }).runId === runId;
  } catch {
    // Half written by someone else, or not ours: leave it.
    return false;
  }
}
