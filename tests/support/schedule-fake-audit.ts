/**
 * A fake `tagwatch audit` for the scheduler's tests: what the daemon sees of an audit (a process
 * given `audit <monitor> --out <dir>` and TAGWATCH_OUTCOME_FILE, which writes a run folder and the
 * outcome as src/record/outcome.ts defines, and exits 0 pass, 1 fail, 2 inconclusive), in
 * milliseconds and without a browser. The daemon runs it when its environment names it in
 * TAGWATCH_SCHEDULE_AUDIT_COMMAND (fakeAuditEnv in schedule-daemon.ts). Given
 * `compare <monitor> --out <dir>` (the comparison after an audit, compare.afterScheduledAudit), it
 * is a fake `tagwatch compare`: it records that it ran (fakeCompareRuns) and exits as told.
 *
 * How it behaves comes from `<name>.fake-audit.json` beside `<name>.monitor.ts` (FakeAudit), so
 * monitors of one daemon can behave differently.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { OUTCOME_FILE_ENV, writeOutcome, type RunOutcome } from '../../src/record/outcome.ts';

export interface FakeAudit {
  /** The verdict it writes and the exit code that goes with it (0, 1, 2). Default pass. */
  status?: RunOutcome['status'];
  /** How long the "journeys" take before the verdict. Default 0. */
  sleepMs?: number;
  /** Keeps running through SIGTERM: only SIGKILL ends it. */
  ignoreSigterm?: boolean;
  /** Starts a process of its own first (a Playwright runner, say), which ignores SIGTERM and never ends by itself. */
  grandchild?: boolean;
  /** Dies by this signal before any verdict (a crash): no outcome. */
  dieBy?: NodeJS.Signals;
  /** How `compare <monitor> --out <dir>` behaves. */
  compare?: FakeCompare;
}

export interface FakeCompare {
  /** 0 within the usual range, 1 problems found, 2 inconclusive or bad input. Default 0. */
  exitCode?: number;
  /** How long the "reading" takes before it exits. Default 0. */
  sleepMs?: number;
  /** Keeps running through SIGTERM: only SIGKILL ends it. */
  ignoreSigterm?: boolean;
}

/** What a fake comparison recorded when it started, one line of `<name>.fake-compare.jsonl` per run. */
export interface FakeCompareRun {
  monitorFile: string;
  outDir: string;
  pid: number;
  startedAt: string;
  /** TAGWATCH_OUTCOME_FILE as it got it (the daemon gives it to audits only). */
  outcomeFile?: string;
  /** The run folders holding a results.json in outDir when it started: the audit it follows has written its own. */
  runFoldersAtStart: string[];
}

/** Argument of the grandchild's command line, to find it among processes. */
export const FAKE_GRANDCHILD_TAG = 'tagwatch-fake-audit-grandchild';

/** Where a monitor's fake behaviour is read from. */
export function fakeAuditFile(monitorFile: string): string {
  return join(dirname(monitorFile), `${basename(monitorFile).replace(/\.monitor\.[cm]?[jt]s$/, '')}.fake-audit.json`);
}

/** Where the fake comparisons of a monitor record their runs. */
export function fakeCompareFile(monitorFile: string): string {
  return fakeAuditFile(monitorFile).replace(/\.fake-audit\.json$/, '.fake-compare.jsonl');
}

/** The fake comparisons that started for this monitor, in order. */
export function fakeCompareRuns(monitorFile: string): FakeCompareRun[] {
  const file = fakeCompareFile(monitorFile);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as FakeCompareRun);
}

async function main(argv: string[]): Promise<number> {
  const [command, monitorFile, outFlag, outDir] = argv;
  if ((command !== 'audit' && command !== 'compare') || !monitorFile || outFlag !== '--out' || !outDir || argv.length !== 4) {
    console.error(`fake audit: expected audit|compare <monitor> --out <dir>, got ${argv.join(' ')}`);
    return 2;
  }
  const behaviour: FakeAudit = existsSync(fakeAuditFile(monitorFile)) ? JSON.parse(readFileSync(fakeAuditFile(monitorFile), 'utf8')) : {};
  const monitor = basename(monitorFile).replace(/\.monitor\.[cm]?[jt]s$/, '');
  if (command === 'compare') return fakeCompare(monitorFile, outDir, monitor, behaviour.compare ?? {});
  if (behaviour.ignoreSigterm) process.on('SIGTERM', () => console.log('fake audit: SIGTERM ignored'));
  // Once this line is in the log, the behaviour is in place (SIGTERM ignored, if asked).
  console.log(`fake audit of ${monitor}: pid ${process.pid}, ${JSON.stringify(behaviour)}`);
  if (behaviour.grandchild) {
    const code = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, ['-e', code, FAKE_GRANDCHILD_TAG], { stdio: 'ignore' });
    console.log(`fake audit: grandchild pid ${child.pid}`);
    child.unref();
  }
  if (behaviour.sleepMs) await sleep(behaviour.sleepMs);
  if (behaviour.dieBy) process.kill(process.pid, behaviour.dieBy);

  const status = behaviour.status ?? 'pass';
  const exitCode = ({ pass: 0, fail: 1, inconclusive: 2 } as const)[status];
  // Like a real run id (20260501-030000-ab12): the daemon's tests read it from the log lines.
  const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
  const runDir = resolve(outDir, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'results.json'), `${JSON.stringify({ runId, monitor, status }, null, 2)}\n`);
  console.log(`tagwatch ${monitor} · run ${runId} · ${status.toUpperCase()}`);
  writeOutcome({ runId, monitor, runDir, status, exitCode, kind: 'audit', finishedAt: new Date().toISOString() }, process.env[OUTCOME_FILE_ENV]);
  return exitCode;
}

async function fakeCompare(monitorFile: string, outDir: string, monitor: string, behaviour: FakeCompare): Promise<number> {
  if (behaviour.ignoreSigterm) process.on('SIGTERM', () => console.log('fake compare: SIGTERM ignored'));
  const runFoldersAtStart = existsSync(outDir) ? readdirSync(outDir).filter((name) => existsSync(join(outDir, name, 'results.json'))) : [];
  const run: FakeCompareRun = { monitorFile, outDir, pid: process.pid, startedAt: new Date().toISOString(), outcomeFile: process.env[OUTCOME_FILE_ENV], runFoldersAtStart };
  appendFileSync(fakeCompareFile(monitorFile), `${JSON.stringify(run)}\n`);
  // Once this line is in the log, the behaviour is in place (SIGTERM ignored, if asked).
  console.log(`fake compare of ${monitor}: pid ${process.pid}, ${JSON.stringify(behaviour)}`);
  if (behaviour.sleepMs) await sleep(behaviour.sleepMs);
  const exitCode = behaviour.exitCode ?? 0;
  console.log(`tagwatch compare ${monitor} · exit ${exitCode}`);
  return exitCode;
}

// Run as a script (the daemon's child); imported by the tests, it only lends its types and paths.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
