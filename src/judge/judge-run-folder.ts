import { trackerDbNamer } from '../inventory/classify.ts';
import { loadTrackerDb } from '../inventory/trackerdb.ts';
import type { Verdict } from '../model/verdict.ts';
import { loadProjectPlugins } from '../project/plugins.ts';
import { readRunRecord, type RunRecord } from '../record/run-record.ts';
import { judge, type JudgeDependencies } from './judge.ts';

/**
 * `judge(runFolder)`: reads the run folder, loads what judging needs besides it (the vendor
 * catalog the monitor names, the tracker database), and judges. The same folder judged again
 * gives the same verdict: `tagwatch report` re-judges stored runs offline.
 */
export async function judgeRunFolder(runDir: string): Promise<{ verdict: Verdict; record: RunRecord }> {
  const record = readRunRecord(runDir);
  return { verdict: judge(record, await judgeDependencies(record)), record };
}

async function judgeDependencies(record: RunRecord): Promise<JudgeDependencies> {
  const { plugins: vendors, diagnostics: vendorProblems } = await loadProjectPlugins('vendors', record.settings.monitor.plugins);
  const deps: JudgeDependencies = { vendors, vendorProblems };
  if (!record.settings.capture) return deps;
  try {
    deps.namer = trackerDbNamer(await loadTrackerDb(), record.settings.baseUrl);
  } catch (error) {
    deps.namerProblem = error instanceof Error ? error.message : String(error);
  }
  return deps;
}
