import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { JUNIT_FILE } from '../../reporters/junit.ts';
import type { Monitor } from '../monitor/schema.ts';
import type { Verdict } from '../model/verdict.ts';
import { regressionFindings, releaseRegressions, type Regression } from '../judge/release-regressions.ts';
import { loadReporters, runReporters } from '../report/run-reporters.ts';
import { terminalSafe } from '../report/terminal-text.ts';
import { openAuditHistory, storeVerdict } from '../storage/audit-history.ts';
import { historySettings } from '../storage/history-file.ts';
import { asReleaseCheck } from '../storage/run-kind.ts';
import { toStoredRun, type StoredRun } from '../judge/stored-run.ts';
import { UserError } from '../user-error.ts';
import { EXIT_CODES } from './judge-run.ts';
import { resolveMonitor } from './resolve-monitor.ts';
import { runAudit } from './run-audit.ts';

export interface ReleaseCheckOptions {
  /** Monitor file. Default: the demo shop monitor. */
  monitorFile?: string;
  /** The origin to check: a staging or preview deploy of the monitor's site. */
  baseUrl: string;
  conditions?: string[];
  repeat?: number;
  /** Parallel browsers. */
  workers?: number;
  /** Report folder holding the history with the production runs. Default ./reports. */
  outDir?: string;
  /** Where CI expects the JUnit file: the run's junit.xml is copied there. */
  junitFile?: string;
  headed?: boolean;
  /** Output for progress, the audit's report and the check's lines. Default: stdout. */
  write?: (text: string) => void;
}

export interface ReleaseCheckResult {
  /** The check's verdict, regressions included as `regression` findings. */
  verdict: Verdict;
  runDir: string;
  /** The production run compared with: the monitor's last passing audit; undefined without one. */
  baseline?: StoredRun;
  regressions: Regression[];
  /** 0 clean, 1 an expectation failed or a vendor regressed, 2 inconclusive. */
  exitCode: 0 | 1 | 2;
}

/** Reporters that write the run's files: run again once the regressions are in the verdict. The console printed already; notifiers must not send twice. */
const FILE_REPORTERS = ['json', 'html', 'junit'];

/**
 * The release gate: audits the monitor against another origin (`baseUrl`), then compares the
 * verdict with the monitor's production baseline (its last passing audit in the history). Any
 * vendor worse than in production fails the check, as does any failed expectation. The run is
 * stored marked as a check, so it never becomes production's baseline.
 */
export async function checkRelease(options: ReleaseCheckOptions): Promise<ReleaseCheckResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const junitFile = options.junitFile === undefined ? undefined : checkJunitPath(options.junitFile);
  // Before any browser: bad input is exit 2 at once, and the expectations name each vendor's event.
  const { monitor } = await resolveMonitor(options.monitorFile, options);
  const outDir = resolve(options.outDir ?? 'reports');
  const { verdict, runDir } = await asReleaseCheck(() =>
    runAudit({ monitorFile: options.monitorFile, baseUrl: options.baseUrl, conditions: options.conditions, repeat: options.repeat, workers: options.workers, outDir, headed: options.headed, write }),
  );
  verdict.kind = 'check';

  const notes: string[] = [];
  const history = await openAuditHistory(outDir, notes);
  verdict.diagnostics.push(...notes.filter((note) => !verdict.diagnostics.includes(note)));
  // The query the audit's own `changes` used: the regressions and "since" name the same run.
  const baseline = history?.lastPassingRun(verdict.monitor, { before: verdict.startedAt, where: (run) => run.runId !== verdict.runId });
  const regressions = baseline ? releaseRegressions(toStoredRun(verdict), baseline, { eventName: (vendor) => monitor.expect[vendor]?.eventName }) : [];
  addRegressions(verdict, regressions, baseline);

  await rewriteRunFiles(verdict, { runDir, outDir, monitor, write });
  if (junitFile) copyJunit(runDir, junitFile, verdict, write);
  await storeVerdict(history, verdict, write);
  const exitCode = regressions.length ? 1 : EXIT_CODES[verdict.status];
  write(checkText({ verdict, baseline, regressions, exitCode, historyFile: historySettings(outDir).file, junitFile }));
  return { verdict, runDir, baseline, regressions, exitCode };
}

/** Regressions fail the check, whatever else the verdict could not measure: a vendor measured worse is enough. */
function addRegressions(verdict: Verdict, regressions: Regression[], baseline: StoredRun | undefined): void {
  if (!baseline) {
    verdict.summary = `Release check without a production baseline (no passing audit of ${verdict.monitor} in the history): judged on the expectations alone. ${verdict.summary}`;
    return;
  }
  if (!regressions.length) {
    verdict.summary = `Release check: no regression against production run ${baseline.runId}. ${verdict.summary}`;
    return;
  }
  verdict.findings.unshift(...regressionFindings(regressions, baseline.runId));
  verdict.status = 'fail';
  const count = regressions.length === 1 ? '1 regression' : `${regressions.length} regressions`;
  verdict.summary = `Release check: ${count} against production run ${baseline.runId}: ${regressions.map((r) => r.line).join('; ')}. ${verdict.summary}`;
}

async function rewriteRunFiles(verdict: Verdict, context: { runDir: string; outDir: string; monitor: Monitor; write: (text: string) => void }): Promise<void> {
  const { plugins, diagnostics } = await loadReporters();
  const reporters = plugins.filter((r) => FILE_REPORTERS.includes(r.id)).sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.id.localeCompare(b.id));
  const problems = [...diagnostics.filter((d) => !verdict.diagnostics.includes(d)), ...(await runReporters(reporters, verdict, { ...context, env: process.env, failedChannels: [] }))];
  for (const problem of problems) {
    verdict.diagnostics.push(problem);
    context.write(`tagwatch: note: ${problem}\n`);
  }
}

/** A folder given as the file, or a path its folder cannot be made for, is bad input: said before the audit, not after. */
function checkJunitPath(path: string): string {
  const file = resolve(path);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UserError(`--junit ${path} is a folder: give the file CI reads, such as reports/junit.xml.`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new UserError(`--junit ${path}: its folder cannot be created (${(error as Error).message}). Give a writable path.`);
  }
  return file;
}

function copyJunit(runDir: string, file: string, verdict: Verdict, write: (text: string) => void): void {
  const source = join(runDir, JUNIT_FILE);
  if (!existsSync(source)) {
    const problem = `--junit ${file} not written: the run wrote no ${JUNIT_FILE} (see the junit reporter's note above)`;
    verdict.diagnostics.push(problem);
    write(`tagwatch: note: ${problem}\n`);
    // A file left by an earlier check would pass for this one's results.
    rmSync(file, { force: true });
    return;
  }
  if (resolve(source) !== file) copyFileSync(source, file);
}

function checkText(input: { verdict: Verdict; baseline?: StoredRun; regressions: Regression[]; exitCode: number; historyFile: string; junitFile?: string }): string {
  const { verdict, baseline, regressions, exitCode } = input;
  const out = [''];
  if (!baseline) {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl}: no baseline, no passing production audit of ${verdict.monitor} in ${input.historyFile} (\`tagwatch audit\` of the production site with this --out stores one). Judged on the expectations alone.`);
  } else if (!regressions.length) {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl} against production run ${baseline.runId} (${baseline.baseUrl}, ${baseline.startedAt}): no regression.`);
  } else {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl} against production run ${baseline.runId} (${baseline.baseUrl}, ${baseline.startedAt}): ${regressions.length} regression${regressions.length === 1 ? '' : 's'}`);
    for (const regression of regressions) out.push(`  REGRESSION ${regression.line}`);
  }
  const failedExpectations = verdict.findings.some((f) => f.severity === 'error' && f.kind !== 'regression');
  const why =
    exitCode === 0
      ? 'expectations met'
      : exitCode === 2
        ? 'inconclusive: nothing measured could be compared (see the findings above)'
        : [regressions.length ? 'a vendor regressed' : '', failedExpectations ? 'expectations failed (findings above)' : ''].filter(Boolean).join(', ') || 'the verdict failed';
  const junit = input.junitFile && existsSync(input.junitFile) ? ` JUnit: ${shown(input.junitFile)}` : '';
  out.push(`Release check: ${exitCode === 0 ? 'PASS' : exitCode === 1 ? 'FAIL' : 'INCONCLUSIVE'} (exit ${exitCode}), ${why}.${junit}`);
  return `${out.map(terminalSafe).join('\n')}\n`;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
