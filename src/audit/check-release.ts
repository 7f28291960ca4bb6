import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Verdict } from '../model/verdict.ts';
import { loadReporters } from '../report/run-reporters.ts';
import { terminalSafe } from '../report/terminal-text.ts';
import { historySettings } from '../storage/history-file.ts';
import { UserError } from '../user-error.ts';
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
  /** The check's verdict: regressions are `regression` findings, `releaseBaseline` the production run compared with. */
  verdict: Verdict;
  runDir: string;
  /** 0 clean, 1 an expectation failed or a vendor regressed, 2 inconclusive. */
  exitCode: 0 | 1 | 2;
}

/**
 * The release gate: audits the monitor against another origin (`baseUrl`) as a release check.
 * The judge compares the verdict with production's baseline (the monitor's last passing audit in
 * the history): any vendor worse than in production fails the check, as does any failed
 * expectation. The run is stored marked as a check, so it never becomes production's baseline,
 * and it notifies no one.
 */
export async function checkRelease(options: ReleaseCheckOptions): Promise<ReleaseCheckResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const junitFile = options.junitFile === undefined ? undefined : checkJunitPath(options.junitFile);
  const outDir = resolve(options.outDir ?? 'reports');
  const { verdict, runDir, exitCode } = await runAudit({
    monitorFile: options.monitorFile,
    baseUrl: options.baseUrl,
    conditions: options.conditions,
    repeat: options.repeat,
    workers: options.workers,
    outDir,
    headed: options.headed,
    releaseCheck: true,
    write,
  });
  if (junitFile) await copyJunit(runDir, junitFile, write);
  write(checkText({ verdict, exitCode, historyFile: historySettings(outDir).file, junitFile }));
  return { verdict, runDir, exitCode };
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

/** The run's JUnit file (named by the junit reporter) where CI reads it. */
async function copyJunit(runDir: string, file: string, write: (text: string) => void): Promise<void> {
  const { plugins } = await loadReporters();
  const name = plugins.find((reporter) => reporter.id === 'junit')?.file ?? 'junit.xml';
  const source = join(runDir, name);
  if (!existsSync(source)) {
    write(`tagwatch: note: --junit ${file} not written: the run wrote no ${name} (see the junit reporter's note in the run's diagnostics)\n`);
    // A file left by an earlier check would pass for this one's results.
    rmSync(file, { force: true });
    return;
  }
  if (resolve(source) !== file) copyFileSync(source, file);
}

function checkText(input: { verdict: Verdict; exitCode: number; historyFile: string; junitFile?: string }): string {
  const { verdict, exitCode } = input;
  const baseline = verdict.releaseBaseline;
  const regressions = verdict.findings.filter((f) => f.kind === 'regression');
  const out = [''];
  if (!baseline) {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl}: no baseline, no passing production audit of ${verdict.monitor} in ${input.historyFile} (\`tagwatch audit\` of the production site with this --out stores one). Judged on the expectations alone.`);
  } else if (!regressions.length) {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl} against production run ${baseline.runId} (${baseline.baseUrl}, ${baseline.startedAt}): no regression.`);
  } else {
    out.push(`Release check of ${verdict.monitor} at ${verdict.baseUrl} against production run ${baseline.runId} (${baseline.baseUrl}, ${baseline.startedAt}): ${regressions.length} regression${regressions.length === 1 ? '' : 's'}`);
    for (const regression of regressions) out.push(`  REGRESSION ${regression.message}`);
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
