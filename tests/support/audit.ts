import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    ...audit,
    ...(demoFaults?.length ? { webServerEnv: { ...audit.webServerEnv, TAGWATCH_DEMO_FAULTS: demoFaults.join(',') } } : {}),
  });
  const runLog = readFileSync(join(result.runDir, 'run-log.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
  return { ...result, output, runLog };
}
