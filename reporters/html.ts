import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineReporter } from '../src/report/define-reporter.ts';
import { renderReport } from '../src/report/html/page.ts';

export const REPORT_FILE = 'report.html';

/**
 * report.html in the run folder: one self-contained page a marketer can open, mail or attach.
 * The json reporter (order 0) mirrored the run folder to reports/latest/ before this ran, so the
 * page is copied there too when latest/ is this run.
 */
export default defineReporter({
  id: 'html',
  order: 10,
  description: 'report.html in reports/<runId>/ (and reports/latest/): verdict, loss heatmap, gap waterfall, findings, journeys',
  onVerdict(verdict, { runDir, outDir }) {
    mkdirSync(runDir, { recursive: true });
    const html = renderReport(verdict, { runDir });
    writeAtomically(join(runDir, REPORT_FILE), html);
    const latest = join(outDir, 'latest');
    if (latestRunId(latest) === verdict.runId) writeAtomically(join(latest, REPORT_FILE), html);
  },
});

/** tmp + rename: a browser or a notifier never reads half a page. */
function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

function latestRunId(latest: string): string | undefined {
  const results = join(latest, 'results.json');
  if (!existsSync(results)) return undefined;
  try {
    return (JSON.parse(readFileSync(results, 'utf8')) as { runId?: string }).runId;
  } catch {
    return undefined;
  }
}
