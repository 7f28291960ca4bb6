/**
 * A fake `tagwatch audit` for the scheduler's tests: what the daemon sees of an audit (a process
 * given `audit <monitor> --out <dir>` and TAGWATCH_OUTCOME_FILE, which writes a run folder and the
 * outcome as src/record/outcome.ts defines, and exits 0 pass, 1 fail, 2 inconclusive), in
 * milliseconds and without a browser. The daemon runs it when its environment names it in
 * TAGWATCH_SCHEDULE_AUDIT_COMMAND (fakeAuditEnv in schedule-daemon.ts).
 *
 * How it behaves comes from `<name>.fake-audit.json` beside `<name>.monitor.ts` (FakeAudit), so
 * monitors of one daemon can behave differently.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
}

/** Argument of the grandchild's command line, to find it among processes. */
export const FAKE_GRANDCHILD_TAG = 'tagwatch-fake-audit-grandchild';

/** Where a monitor's fake behaviour is read from. */
export function fakeAuditFile(monitorFile: string): string {
  return join(dirname(monitorFile), `${basename(monitorFile).replace(/\.monitor\.[cm]?[jt]s$/, '')}.fake-audit.json`);
}

async function main(argv: string[]): Promise<number> {
  const [command, monitorFile, outFlag, outDir] = argv;
  if (command !== 'audit' || !monitorFile || outFlag !== '--out' || !outDir) {
    console.error(`fake audit: expected audit <monitor> --out <dir>, got ${argv.join(' ')}`);
    return 2;
  }
  const behaviour: FakeAudit = existsSync(fakeAuditFile(monitorFile)) ? JSON.parse(readFileSync(fakeAuditFile(monitorFile), 'utf8')) : {};
  const monitor = basename(monitorFile).replace(/\.monitor\.[cm]?[jt]s$/, '');
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

// Run as a script (the daemon's child); imported by the tests, it only lends its types and paths.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
