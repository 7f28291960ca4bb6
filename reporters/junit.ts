import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConditions } from '../src/conditions/load-conditions.ts';
import { defineReporter } from '../src/report/define-reporter.ts';
import { buildJunit } from '../src/report/junit/build-junit.ts';
import { maxLossRate } from '../src/monitor/loss-threshold.ts';
import type { Verdict } from '../src/model/verdict.ts';

export const JUNIT_FILE = 'junit.xml';

/** junit.xml in the run folder and in reports/latest/, for CI test dashboards. */
export default defineReporter({
  id: 'junit',
  order: 10,
  description: 'junit.xml (one testcase per vendor x condition and per error finding) in reports/<runId>/ and reports/latest/',
  async onVerdict(verdict, { runDir, outDir, monitor }) {
    // Which conditions measure loss by design decides their threshold, as in the audit.
    const { plugins: conditions } = await loadConditions();
    const xml = buildJunit({ verdict, expect: monitor.expect, maxLossRate: (vendor, condition) => maxLossRate(monitor, conditions, vendor, condition) });
    mkdirSync(runDir, { recursive: true });
    writeAtomically(join(runDir, JUNIT_FILE), xml);
    // The json reporter (order 0) mirrored the run folder before this file existed.
    const latest = join(outDir, 'latest');
    if (isMirrorOf(latest, verdict)) writeAtomically(join(latest, JUNIT_FILE), xml);
  },
});

/** Never add this run's file to an older run's mirror (json reporter disabled or failed). */
function isMirrorOf(latest: string, verdict: Verdict): boolean {
  const results = join(latest, 'results.json');
  if (!existsSync(results)) return false;
  try {
    return (JSON.parse(readFileSync(results, 'utf8')) as { runId?: unknown }).runId === verdict.runId;
  } catch {
    return false;
  }
}

/** tmp + rename: a CI job collecting the file never reads half of it. */
function writeAtomically(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}
