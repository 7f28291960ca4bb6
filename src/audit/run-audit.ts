import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunLogWriter } from '../record/run-log.ts';
import { writeRunSettings } from '../record/run-settings.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { startWebServer, WebServerError, type RunningWebServer } from '../site/web-server.ts';
import { checkSiteReachable } from '../site/site-check.ts';
import { finishRun, type AuditResult } from './finish-run.ts';
import { checkObservedVendors } from './observed-figures.ts';
import { checkOrdersAnswer } from './orders-preflight.ts';
import { resolveMonitor, type MonitorOverrides } from './resolve-monitor.ts';
import { makeRunId } from './run-id.ts';
import { conditionFactsOf } from './condition-facts.ts';
import { prepareJourneys, type PendingJourneys } from './run-journeys.ts';
import { alertCredentialProblems } from '../report/alert-credentials.ts';
import { UserError } from '../user-error.ts';
import { claimUnfinishedRuns, describeUnfinishedRun, recordAuditProcess } from './unfinished-runs.ts';

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
  /** What the platforms report (conversions / backend orders), to explain the gap against. */
  observed?: ObservedFigure[];
  /** Environment variables for the site's web server command on top of its own (the CLI's --demo-faults). */
  webServerEnv?: Record<string, string>;
  /** A release check (`tagwatch check`): judged against production's baseline, never notifying, never the monitor's baseline. */
  releaseCheck?: boolean;
}

export type { AuditResult } from './finish-run.ts';

/**
 * One audit: the site (started when the monitor says how) -> the backend answers -> journeys in
 * Chromium -> run log -> decode -> backend orders -> verdict -> reports. A site or backend that
 * does not answer ends the run early as inconclusive, with one clear reason.
 */
export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const { monitor, conditions, projectDir, plan, orderSource } = await resolveMonitor(options.monitorFile, options);
  checkObservedVendors(options.observed, Object.keys(monitor.expect));
  // An alert channel that cannot send is said now, not after the journeys placed real orders.
  // A release check never notifies: its channels are not needed.
  const alertProblems = options.releaseCheck ? [] : alertCredentialProblems(monitor, process.env);
  if (alertProblems.length > 0) throw new UserError(`${alertProblems.join(' ')} Nothing was run, no order placed.`);
  // Blockers first: a missing filter list is a clear error before any browser starts, and the
  // compiled engine is cached for the workers.
  for (const condition of conditions) await condition.createBlocker?.(monitor);
  const startedAt = new Date();
  const runId = makeRunId(startedAt);
  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = join(outDir, runId);
  // A run of this monitor killed before its verdict left orders on the site nobody reconciled: say so first.
  for (const unfinished of claimUnfinishedRuns(outDir, monitor.name, runId)) write(describeUnfinishedRun(unfinished));
  mkdirSync(runDir, { recursive: true });
  recordAuditProcess(runDir, monitor.name, startedAt);
  const baseUrl = monitor.site.baseUrl;
  const capture = options.capture !== false;
  // The run folder is the run's record from the start: what was audited, with which settings.
  writeRunSettings({
    runId,
    runDir,
    baseUrl,
    monitor,
    projectDir,
    plan,
    capture,
    conditionFacts: conditionFactsOf(conditions),
    ...(options.releaseCheck ? { kind: 'check' as const } : {}),
    ...(options.observed?.length ? { observed: options.observed } : {}),
  });

  let server: RunningWebServer | undefined;
  let journeys: PendingJourneys | undefined;
  const prepare = (): PendingJourneys => (journeys ??= prepareJourneys({ runDir, projectDir, headed: options.headed, write }));
  try {
    const log = new RunLogWriter(runDir);
    log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });
    let siteProblem: string | undefined;
    if (monitor.site.webServer) {
      // Playwright's runner and workers load while the site comes up; no browser starts before it answers.
      prepare();
      write(`tagwatch: starting the site: ${monitor.site.webServer.command}\n`);
      try {
        server = await startWebServer(monitor.site.webServer, { projectDir, baseUrl, logFile: join(runDir, 'web-server.log'), runDir, env: options.webServerEnv });
      } catch (error) {
        if (!(error instanceof WebServerError)) throw error;
        siteProblem = error.message;
      }
    }
    siteProblem ??= await checkSiteReachable(baseUrl);
    // A site that is already up answered in one request: the runner loads while the backend answers
    // its own. One that does not answer costs no runner, no worker (seconds of CPU each).
    if (!siteProblem) prepare();
    // One cheap request before minutes of journeys: a backend that does not answer is said now.
    const backendProblem = siteProblem ? undefined : await checkOrdersAnswer(orderSource, monitor);
    let runnerExitCode = 0;
    if (!siteProblem && !backendProblem) {
      write(`tagwatch: auditing ${monitor.name} at ${baseUrl} (${monitor.conditions.join(', ')} x ${monitor.repeat})\n`);
      runnerExitCode = await prepare().start();
    } else {
      // A site or backend that does not answer: the runner ends without a browser started.
      await journeys?.cancel();
    }
    log.write({ type: 'run-end', time: new Date().toISOString(), runId, runnerExitCode });
    // The site runs until the orders are read and cleaned up: its back office may be the order source.
    return await finishRun({ runDir, outDir, monitor, orderSource, runId, startedAt, siteProblem, backendProblem, releaseCheck: options.releaseCheck, write });
  } finally {
    // Thrown before either (a site command that could not start): the runner ends all the same.
    await journeys?.cancel();
    await server?.stop();
  }
}
