import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { reportRun } from '../../src/audit/report-run.ts';
import { runAudit, type AuditOptions, type AuditResult } from '../../src/audit/run-audit.ts';
import type { RunEvent } from '../../src/model/run-event.ts';

export interface DemoAuditOptions extends AuditOptions {
  /** Fault switches of the demo shop, passed to its web server as the CLI's --demo-faults does. */
  demoFaults?: string[];
}

/**
 * A real audit (real Chromium, the real demo shop started as the monitor's web server) into a
 * temporary report folder, quietly. One browser per audit: vitest runs two test files at once on
 * a 2-core machine, and four browsers would make journeys time out for reasons that are not the code's.
 */
export async function auditDemo(options: DemoAuditOptions = {}): Promise<AuditResult & { output: string; runLog: RunEvent[] }> {
  let output = '';
  const { demoFaults, ...audit } = options;
  const result = await runAudit({
    outDir: mkdtempSync(join(tmpdir(), 'tagwatch-e2e-')),
    write: (text) => (output += text),
    workers: 1,
    // One journey per condition and repeat unless a test asks for the demo monitor's cart sizes.
    variants: {},
    ...audit,
    ...(demoFaults?.length ? { webServerEnv: { ...audit.webServerEnv, TAGWATCH_DEMO_FAULTS: demoFaults.join(',') } } : {}),
  });
  await expectSameWhenReportedAgain(result.runDir);
  const runLog = readFileSync(join(result.runDir, 'run-log.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
  return { ...result, output, runLog };
}

/** The files a run's reports are: its verdict and the renderings of it. */
const REPORT_FILES = ['results.json', 'report.html', 'junit.xml'];

/**
 * The run folder is the record: judged again offline (`tagwatch report`), it gives the same
 * verdict and the same reports, byte for byte. Every e2e audit of the demo shop checks it.
 */
export async function expectSameWhenReportedAgain(runDir: string): Promise<void> {
  const before = REPORT_FILES.map((file) => readFileSync(join(runDir, file), 'utf8'));
  await reportRun(runDir, { write: () => {} });
  const after = REPORT_FILES.map((file) => readFileSync(join(runDir, file), 'utf8'));
  REPORT_FILES.forEach((file, i) => expect(after[i], `${file} of ${runDir} judged again`).toBe(before[i]));
}
