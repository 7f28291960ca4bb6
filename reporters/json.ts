import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineReporter } from '../src/report/define-reporter.ts';

export const RESULTS_FILE = 'results.json';

/** results.json in the run folder, then the whole folder mirrored to reports/latest/. */
export default defineReporter({
  id: 'json',
  order: 0,
  description: 'results.json in reports/<runId>/ and reports/latest/',
  onVerdict(verdict, { runDir, outDir }) {
    mkdirSync(runDir, { recursive: true });
    const path = join(runDir, RESULTS_FILE);
    // tmp + rename: a reader (CI, the history) never sees half a file.
    writeFileSync(`${path}.tmp`, `${JSON.stringify(verdict, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
    const latest = join(outDir, 'latest');
    const staging = join(outDir, `.latest-${verdict.runId}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    cpSync(runDir, staging, { recursive: true });
    // Two audits finishing together (the scheduler with --max-parallel) race for latest/: the
    // loser retries once, and if the other run took latest/ again it yields, since latest/ then
    // holds a complete run either way. Its own results.json is written above regardless.
    for (let attempt = 0; ; attempt++) {
      try {
        if (existsSync(latest)) rmSync(latest, { recursive: true, force: true });
        renameSync(staging, latest);
        return;
      } catch (error) {
        if (attempt >= 1) {
          rmSync(staging, { recursive: true, force: true });
          if (existsSync(join(latest, RESULTS_FILE))) return;
          throw error;
        }
      }
    }
  },
});
