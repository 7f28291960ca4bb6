/**
 * The scheduler's tests drive `tagwatch schedule` as a user does, a process of its own, and read
 * what it prints. With fakeAuditEnv() every run it starts is the fake audit
 * (schedule-fake-audit.ts) instead of a real one: seconds instead of minutes, no browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_DIR } from '../../src/package-paths.ts';
import { AUDIT_COMMAND_ENV } from '../../src/schedule/audit-child.ts';
import type { ScheduledMonitor } from '../../src/schedule/load-scheduled-monitors.ts';
import { DEMO_SCENARIOS_DIR, REQUIRED_FIELDS } from './monitors.ts';
import type { DriverOptions } from './schedule-driver.ts';
import { fakeAuditFile, type FakeAudit } from './schedule-fake-audit.ts';

export const TAGWATCH = join(PACKAGE_DIR, 'bin', 'tagwatch.js');
export const RUN_FOLDER = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/** The fields every monitor needs, as object-literal text for a monitor file: a site, an order source, the demo scenarios. */
export const REQUIRED = JSON.stringify({ ...REQUIRED_FIELDS, scenariosDir: DEMO_SCENARIOS_DIR }).slice(1, -1);

/** The daemon's environment that makes each of its runs the fake audit. */
export function fakeAuditEnv(): NodeJS.ProcessEnv {
  const script = fileURLToPath(new URL('./schedule-fake-audit.ts', import.meta.url));
  return { [AUDIT_COMMAND_ENV]: JSON.stringify([process.execPath, '--import', tsxLoader(), script]) };
}

/** Absolute: the daemon runs in a temp folder, where `--import tsx` would not resolve. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/**
 * A monitor as the scheduler holds it once loaded (fakeMonitor writes its file, so it also loads).
 * `compareAfterAudit`: its file has compare.afterScheduledAudit (and a platform, which it needs).
 */
export function fakeScheduled(dir: string, name: string, schedule: ScheduledMonitor['schedule'], behaviour: FakeAudit = {}, compareAfterAudit = false): ScheduledMonitor {
  const fields = [schedule ? `schedule: ${JSON.stringify(schedule)}` : '', compareAfterAudit ? COMPARE_AFTER_AUDIT : ''].filter(Boolean).join(', ');
  return { file: fakeMonitor(dir, name, fields, behaviour), name, schedule, compareAfterAudit };
}

/** The monitor fields that have the daemon run `tagwatch compare` after each audit. */
export const COMPARE_AFTER_AUDIT = "compare: { afterScheduledAudit: true, platforms: { ga4: { propertyId: '123456789' } } }";

/**
 * `<dir>/<name>.monitor.ts`, a valid monitor (it is loaded and checked like any), and how its
 * fake audit behaves, beside it.
 */
export function fakeMonitor(dir: string, name: string, fields: string, behaviour: FakeAudit = {}): string {
  const file = join(dir, `${name}.monitor.ts`);
  writeFileSync(file, `export default { ${REQUIRED}, name: ${JSON.stringify(name)}, expect: { ga4: {} }, ${fields} };\n`);
  writeFileSync(fakeAuditFile(file), JSON.stringify(behaviour));
  return file;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/** A daemon (or --once) process started by a test, its output, and a marker its children inherit. */
export interface Daemon {
  child: ChildProcess;
  /** Every process started under this daemon carries it in its environment. */
  marker: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<ProcessEnd>;
}

/** `tagwatch <args>` in a temp folder; `env` is added to the test's own. End it with endAll(). */
export function startTagwatch(args: string[], env: NodeJS.ProcessEnv = {}): Daemon {
  return startNode([TAGWATCH, ...args], env);
}

/**
 * The scheduler of `tagwatch schedule` (--once with `once`) on these monitors, each run the fake
 * audit, in a process of its own (schedule-driver.ts): what `tagwatch schedule` does once its
 * monitor files are loaded. End it with endAll().
 */
export function startScheduler(options: DriverOptions): Daemon {
  const driver = fileURLToPath(new URL('./schedule-driver.ts', import.meta.url));
  return startNode(['--import', tsxLoader(), driver, JSON.stringify(options)], fakeAuditEnv());
}

function startNode(args: string[], env: NodeJS.ProcessEnv): Daemon {
  const marker = randomUUID();
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, args, {
    cwd: mkdtempSync(join(tmpdir(), 'tagwatch-schedule-cwd-')),
    env: { ...process.env, ...env, TAGWATCH_TEST_MARKER: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ProcessEnd>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  return { child, marker, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Pids of live processes started under this daemon (its environment marker), the daemon included. */
export function markedProcesses(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`TAGWATCH_TEST_MARKER=${marker}\0`)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  // Zombies hold no resources and are their parent's to reap.
  return pids.filter((pid) => !/\) Z /.test(readFileSafe(`/proc/${pid}/stat`)));
}

/** A process's command line, arguments joined by spaces ('' once it is gone). */
export function commandLine(pid: number): string {
  return readFileSafe(`/proc/${pid}/cmdline`).replaceAll('\0', ' ');
}

/** What is still running under the daemon after a moment (browsers take one to notice their parent is gone): [] when nothing. */
export async function leftRunning(marker: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  while (markedProcesses(marker).length && Date.now() < deadline) await sleep(250);
  return markedProcesses(marker).map((pid) => `${pid} ${commandLine(pid)}`);
}

/** A failed test must not leave a daemon, an audit or a browser running: SIGKILL to what it started, by pid. */
export function endAll(daemon: Daemon): void {
  for (const pid of markedProcesses(daemon.marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs: number, daemon?: Daemon): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${daemon ? `\nstdout:\n${daemon.stdout()}\nstderr:\n${daemon.stderr()}` : ''}`);
    await sleep(100);
  }
}

/** Resolves with how the process ended, or fails after `boundMs`. */
export async function exitWithin(daemon: Daemon, boundMs: number): Promise<ProcessEnd> {
  let timedOut!: () => void;
  const timeout = new Promise<undefined>((resolve) => (timedOut = () => resolve(undefined)));
  const timer = setTimeout(timedOut, boundMs);
  const end = await Promise.race([daemon.exited, timeout]);
  clearTimeout(timer);
  if (!end) throw new Error(`still running ${boundMs} ms on\nstdout:\n${daemon.stdout()}\nstderr:\n${daemon.stderr()}`);
  return end;
}

export interface LogLine {
  time: number;
  monitor: string;
  event: string;
  fields: Record<string, string>;
}

/** The daemon's run lines: `<iso> <monitor> start|end key=value ...`. */
export function runLines(stdout: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\S+Z) (\S+) (start|end) (.*)$/.exec(line);
    if (!match) continue;
    const fields = Object.fromEntries([...match[4]!.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, key, value]) => [key!, value!.startsWith('"') ? JSON.parse(value!) : value!]));
    lines.push({ time: Date.parse(match[1]!), monitor: match[2]!, event: match[3]!, fields });
  }
  return lines;
}

/** Run folders holding a results.json. */
export function runFolders(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir).filter((name) => RUN_FOLDER.test(name) && existsSync(join(outDir, name, 'results.json')));
}
