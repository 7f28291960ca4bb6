import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunLogWriter } from '../capture/run-log.ts';
import { writeRunSettings } from '../capture/run-settings.ts';
import { parseFaults, startDemoShop, type DemoShop } from '../demo-shop/index.ts';
import { mergeRunLog } from './finalize-run.ts';
import { judgeRun, type AuditResult } from './judge-run.ts';
import { resolveMonitor, type MonitorOverrides } from './resolve-monitor.ts';
import { makeRunId } from './run-id.ts';
import { checkObservedVendors } from './observed-figures.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { runJourneys } from './run-journeys.ts';
import { checkSiteReachable } from './site-check.ts';

export interface AuditOptions extends MonitorOverrides {
  /** Monitor file. Default: the demo shop monitor. */
  monitorFile?: string;
  /** Parent folder of run folders. Default ./reports. */
  outDir?: string;
  headed?: boolean;
  /** Capture tag requests (default). Off only for the overhead benchmark. */
  capture?: boolean;
  /** Output for progress and the console report. Default: stdout. */
  write?: (text: string) => void;
  /** Called once the embedded demo shop runs (tests use it to act on the shop mid-audit). */
  onDemoShop?: (shop: DemoShop) => void;
  /** What the platforms report (conversions / backend orders), to explain the gap against. */
  observed?: ObservedFigure[];
}

export type { AuditResult } from './judge-run.ts';

/** One audit: journeys in Chromium -> run log -> decode -> backend orders -> verdict -> reports. */
export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const { monitor, conditions } = await resolveMonitor(options.monitorFile, options);
  checkObservedVendors(options.observed, Object.keys(monitor.expect));
  // Blockers first: a missing filter list is a clear error before any browser starts, and the
  // compiled engine is cached for the workers.
  for (const condition of conditions) await condition.createBlocker?.(monitor);
  const startedAt = new Date();
  const runId = makeRunId(startedAt);
  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = join(outDir, runId);
  mkdirSync(runDir, { recursive: true });
  const diagnostics: string[] = [];

  let shop: DemoShop | undefined;
  try {
    if (!monitor.site.baseUrl) {
      shop = await startDemoShop({ faults: parseFaults(monitor.site.demo.faults), consentMode: monitor.site.demo.consentMode, dataDir: join(runDir, 'demo-shop') });
      options.onDemoShop?.(shop);
    }
    const baseUrl = monitor.site.baseUrl ?? shop!.url;
    const log = new RunLogWriter(runDir);
    log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });

    const siteProblem = await checkSiteReachable(baseUrl);
    let runnerExitCode = 0;
    if (!siteProblem) {
      writeRunSettings({ runId, runDir, baseUrl, monitor, capture: options.capture !== false });
      write(`tagwatch: auditing ${monitor.name} at ${baseUrl} (${monitor.conditions.join(', ')} x ${monitor.repeat})\n`);
      runnerExitCode = await runJourneys({ runDir, headed: options.headed, write });
      if (runnerExitCode !== 0) diagnostics.push(`journey runner exited with code ${runnerExitCode}: failed journeys or a crashed browser (see the journey lines)`);
    }
    log.write({ type: 'run-end', time: new Date().toISOString(), runId, runnerExitCode });

    const { events, problems } = mergeRunLog(runDir);
    diagnostics.push(...problems);
    return await judgeRun({ monitor, conditions, runId, runDir, outDir, baseUrl, startedAt, events, diagnostics, siteProblem, shop, capture: options.capture !== false, observed: options.observed, write });
  } finally {
    await shop?.close();
  }
}
