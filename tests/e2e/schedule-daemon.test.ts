import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { DEMO_SCENARIOS_DIR, REQUIRED_FIELDS } from '../support/monitors.ts';
import { openHistory } from '../../src/storage/history.ts';

/** The fields every monitor needs, as object-literal text for a monitor file: a site, an order source, the demo scenarios. */
const REQUIRED = JSON.stringify({ ...REQUIRED_FIELDS, scenariosDir: DEMO_SCENARIOS_DIR }).slice(1, -1);

const TAGWATCH = join(PACKAGE_ROOT, 'bin', 'tagwatch.js');
const DEMO_MONITOR = join(PACKAGE_ROOT, 'monitors', 'demo-shop.monitor.ts');
const RUN_FOLDER = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/** A daemon (or --once) process started by a test, its output, and a marker its children inherit. */
interface Daemon {
  child: ChildProcess;
  /** Every process started under this daemon carries it in its environment. */
  marker: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const started: Daemon[] = [];

function startTagwatch(args: string[]): Daemon {
  const marker = randomUUID();
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [TAGWATCH, ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'tagwatch-schedule-cwd-')),
    env: { ...process.env, TAGWATCH_TEST_MARKER: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const daemon = { child, marker, stdout: () => stdout, stderr: () => stderr, exited };
  started.push(daemon);
  return daemon;
}

/** Pids of live processes started under this daemon (its environment marker), the daemon included. */
function markedProcesses(marker: string): number[] {
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

/** Browsers may take a moment to notice their parent is gone: wait a little, then insist. */
async function expectNothingLeft(marker: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (markedProcesses(marker).length && Date.now() < deadline) await sleep(250);
  expect(markedProcesses(marker)).toEqual([]);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

afterEach(async () => {
  // A failed test must not leave a daemon, an audit or a browser running: end what it started, by pid.
  for (const daemon of started.splice(0)) {
    for (const pid of markedProcesses(daemon.marker)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
});

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs: number, daemon?: Daemon): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${daemon ? `\nstdout:\n${daemon.stdout()}\nstderr:\n${daemon.stderr()}` : ''}`);
    await sleep(250);
  }
}

/** Resolves with how the process ended, or fails after `boundMs`. */
async function exitWithin(daemon: Daemon, boundMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  const timeout = sleep(boundMs).then(() => undefined);
  const end = await Promise.race([daemon.exited, timeout]);
  if (!end) throw new Error(`still running ${boundMs} ms after the signal\nstdout:\n${daemon.stdout()}\nstderr:\n${daemon.stderr()}`);
  return end;
}

interface LogLine {
  time: number;
  monitor: string;
  event: string;
  fields: Record<string, string>;
}

/** The daemon's run lines: `<iso> <monitor> start|end key=value ...`. */
function runLines(stdout: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\S+Z) (\S+) (start|end) (.*)$/.exec(line);
    if (!match) continue;
    const fields = Object.fromEntries([...match[4]!.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, key, value]) => [key!, value!.startsWith('"') ? JSON.parse(value!) : value!]));
    lines.push({ time: Date.parse(match[1]!), monitor: match[2]!, event: match[3]!, fields });
  }
  return lines;
}

/** A copy of the demo monitor, kept small: baseline only, one journey, one browser. */
function demoCopy(dir: string, name: string, fields: string): string {
  const file = join(dir, `${name}.monitor.ts`);
  writeFileSync(
    file,
    `import demo from ${JSON.stringify(DEMO_MONITOR)};\nexport default { ...demo, name: ${JSON.stringify(name)}, conditions: ['baseline'], variants: {}, repeat: 1, browser: { workers: 1 }, ${fields} };\n`,
  );
  return file;
}

function runFolders(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir).filter((name) => RUN_FOLDER.test(name) && existsSync(join(outDir, name, 'results.json')));
}

describe('tagwatch schedule (the daemon, real audits in child processes)', () => {
  it('per-second schedule: runs back to back without overlap, SIGTERM stops it cleanly with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const outDir = join(dir, 'reports');
    const file = demoCopy(dir, 'demo-nightly', "schedule: { cron: '* * * * * *', timezone: 'UTC' }");
    const daemon = startTagwatch(['schedule', file, '--out', outDir, '--stop-timeout', '10s']);

    const historyFile = join(outDir, 'history.json');
    await waitFor(
      'two complete runs (results.json in two run folders, both in the history)',
      () => runFolders(outDir).length >= 2 && existsSync(historyFile) && JSON.parse(readFileSync(historyFile, 'utf8')).runs?.length >= 2,
      300_000,
      daemon,
    );
    daemon.child.kill('SIGTERM');
    const signalledAt = Date.now();
    // The bound: --stop-timeout 10s, then SIGTERM/SIGKILL 5 s apart, plus room for a busy machine.
    const end = await exitWithin(daemon, 30_000);
    expect(end.code).toBe(0);
    expect(end.at - signalledAt).toBeLessThan(30_000);

    const stdout = daemon.stdout();
    expect(stdout).toMatch(/demo-nightly scheduled cron="\* \* \* \* \* \*" timezone=UTC next=\S+Z/);
    expect(stdout).toMatch(/demo-nightly skipped: previous run still going \(started \S+ ago\)/);
    expect(stdout).toMatch(/\dZ stopping \(SIGTERM\)/);
    expect(stdout.trimEnd()).toMatch(/\dZ stopped$/);
    // The audits' own output goes to their log files, not here.
    expect(stdout).not.toContain('Running 1 journey');

    const lines = runLines(stdout);
    const starts = lines.filter((l) => l.event === 'start');
    const ends = lines.filter((l) => l.event === 'end');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(ends).toHaveLength(starts.length);
    // One run at a time: each start comes after the previous run's end.
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.time).toBeGreaterThanOrEqual(ends[i - 1]!.time);
    expect(starts[0]!.fields).toMatchObject({ trigger: 'schedule' });

    const completed = ends.filter((l) => l.fields.status !== 'cancelled');
    expect(completed.length).toBeGreaterThanOrEqual(2);
    for (const line of completed) {
      const { run, status, exit, duration, log } = line.fields as Record<string, string>;
      expect(run).toMatch(RUN_FOLDER);
      expect(duration).toMatch(/^\d/);
      const results = JSON.parse(readFileSync(join(outDir, run!, 'results.json'), 'utf8'));
      expect(results).toMatchObject({ runId: run, monitor: 'demo-nightly', status });
      expect(exit).toBe(String({ pass: 0, fail: 1, inconclusive: 2 }[status as 'pass']));
      expect(log).toBe(join(outDir, run!, 'audit.log'));
      expect(readFileSync(log!, 'utf8')).toContain(`tagwatch demo-nightly · run ${run} · ${status!.toUpperCase()}`);
    }
    expect(completed.slice(0, 2).map((l) => l.fields.status)).toEqual(['pass', 'pass']);

    // Nothing half-written: the history opens as is (nothing moved aside) and holds the runs.
    const history = await openHistory(historyFile);
    expect(history.movedAside).toEqual([]);
    expect(history.runsOf('demo-nightly').map((r) => r.runId)).toEqual(expect.arrayContaining(completed.map((l) => l.fields.run)));
    for (const folder of runFolders(outDir)) expect(() => JSON.parse(readFileSync(join(outDir, folder, 'results.json'), 'utf8'))).not.toThrow();
    await expectNothingLeft(daemon.marker);
  }, 400_000);

  it('a run that crashes or ends inconclusive does not stop the daemon; different monitors run side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const outDir = join(dir, 'reports');
    const down = join(dir, 'down.monitor.ts');
    // Port 9 (discard) on loopback: nothing listens, the audit ends inconclusive (exit 2) without a browser.
    writeFileSync(down, `export default { name: 'down', site: { baseUrl: 'http://127.0.0.1:9' }, scenariosDir: ${JSON.stringify(DEMO_SCENARIOS_DIR)}, expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders', waitSeconds: 0 }, schedule: { cron: '* * * * * *' } };\n`);
    const crash = join(dir, 'crash.monitor.ts');
    // Loads fine in the daemon; every audit process dies by a signal as soon as it loads the monitor.
    writeFileSync(crash, `if (process.argv.includes('audit')) process.kill(process.pid, 'SIGKILL');\nexport default { ${REQUIRED}, name: 'crash', expect: { ga4: {} }, schedule: { cron: '* * * * * *' } };\n`);
    const daemon = startTagwatch(['schedule', down, crash, '--out', outDir, '--max-parallel', '2', '--stop-timeout', '30s']);

    await waitFor('two ended runs of each monitor', () => ['down', 'crash'].every((m) => runLines(daemon.stdout()).filter((l) => l.event === 'end' && l.monitor === m).length >= 2), 120_000, daemon);
    daemon.child.kill('SIGTERM');
    const end = await exitWithin(daemon, 50_000);
    expect(end.code).toBe(0);

    const ends = runLines(daemon.stdout()).filter((l) => l.event === 'end');
    for (const line of ends.filter((l) => l.monitor === 'crash')) expect(line.fields).toMatchObject({ run: '-', status: 'crashed', exit: 'SIGKILL' });
    for (const line of ends.filter((l) => l.monitor === 'down' && l.fields.status !== 'cancelled')) {
      expect(line.fields).toMatchObject({ status: 'inconclusive', exit: '2' });
      expect(JSON.parse(readFileSync(join(outDir, line.fields.run!, 'results.json'), 'utf8')).status).toBe('inconclusive');
    }
    // A crashed run's output stays in the pending log folder, which the log line names.
    const crashLog = ends.find((l) => l.monitor === 'crash')!.fields.log!;
    expect(crashLog.startsWith(`${join(outDir, '.schedule-logs')}/`)).toBe(true);
    expect(readFileSync(crashLog, 'utf8')).toContain('tagwatch schedule runs: node');
    // Side by side: a crash run started while a down run was going.
    const lines = runLines(daemon.stdout());
    const overlapped = lines.some((s) => s.monitor === 'crash' && s.event === 'start' && lines.some((d) => d.monitor === 'down' && d.event === 'start' && d.time <= s.time && !lines.some((e) => e.monitor === 'down' && e.event === 'end' && e.time > d.time && e.time <= s.time)));
    expect(overlapped).toBe(true);
    expect(daemon.stdout().trimEnd()).toMatch(/stopped$/);
  }, 200_000);

  it('bad schedules: exit 2 before anything runs, each monitor file and field named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const badCron = join(dir, 'bad-cron.monitor.ts');
    writeFileSync(badCron, `export default { ${REQUIRED}, name: 'bad-cron', expect: { ga4: {} }, schedule: { cron: '*/1 * * * * * *' } };\n`);
    const badZone = join(dir, 'bad-zone.monitor.ts');
    writeFileSync(badZone, `export default { ${REQUIRED}, name: 'bad-zone', expect: { ga4: {} }, schedule: { cron: '0 3 * * *', timezone: 'Europe/Lutetia' } };\n`);
    const none = join(dir, 'none.monitor.ts');
    writeFileSync(none, `export default { ${REQUIRED}, name: 'none', expect: { ga4: {} } };\n`);
    const outDir = join(dir, 'reports');
    const daemon = startTagwatch(['schedule', badCron, badZone, none, '--out', outDir]);
    const end = await exitWithin(daemon, 60_000);
    expect(end.code).toBe(2);
    const stderr = daemon.stderr();
    expect(stderr).toContain(`Invalid monitor ${badCron}:\n  - schedule.cron: '*/1 * * * * * *' is not a cron expression`);
    expect(stderr).toContain(`Invalid monitor ${badZone}:\n  - schedule.timezone: unknown time zone 'Europe/Lutetia'`);
    expect(stderr).toMatch(new RegExp(`Invalid monitor ${none.replaceAll('.', '\\.')}:\\n  - schedule: missing: .*--once`));
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('--once runs each monitor once and exits with the audit\'s exit code (1: tracking broken)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const outDir = join(dir, 'reports');
    // No schedule: --once does not need one.
    const file = demoCopy(dir, 'demo-broken', "site: { ...demo.site, webServer: { ...demo.site.webServer, command: 'tagwatch demo-shop --port {port} --faults ga4-purchase-missing' } }, alerts: { rerunFailedJourneys: false }");
    const daemon = startTagwatch(['schedule', file, '--once', '--out', outDir]);
    const end = await exitWithin(daemon, 180_000);
    expect(end.code).toBe(1);
    const [line] = runLines(daemon.stdout()).filter((l) => l.event === 'end');
    expect(line!.fields).toMatchObject({ status: 'fail', exit: '1' });
    expect(runLines(daemon.stdout()).filter((l) => l.event === 'start')[0]!.fields.trigger).toBe('once');
    expect(JSON.parse(readFileSync(join(outDir, line!.fields.run!, 'results.json'), 'utf8')).status).toBe('fail');
    expect(daemon.stdout()).toMatch(/done: 1 of 1 monitor\(s\) ran, exit 1/);
  }, 200_000);

  it('a run past --run-timeout is killed with everything it started, logged as timed out (--once: exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const outDir = join(dir, 'reports');
    const file = demoCopy(dir, 'demo-slow', '');
    const daemon = startTagwatch(['schedule', file, '--once', '--run-timeout', '4s', '--out', outDir]);
    const end = await exitWithin(daemon, 60_000);
    expect(end.code).toBe(2);
    expect(daemon.stdout()).toMatch(/demo-slow timed out after 4\.0s \(--run-timeout\): stopping it/);
    const [line] = runLines(daemon.stdout()).filter((l) => l.event === 'end');
    expect(line!.fields).toMatchObject({ status: 'timed-out' });
    expect(line!.fields.exit).toMatch(/^SIG(TERM|KILL)$/);
    await expectNothingLeft(daemon.marker);
  }, 90_000);

  it('SIGTERM waits for the run in flight; a second SIGTERM cancels it at once; exit 0, nothing left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const outDir = join(dir, 'reports');
    // Far from now: only --run-now starts a run.
    const file = demoCopy(dir, 'demo-stop', "schedule: { cron: '0 0 1 1 *' }");
    const daemon = startTagwatch(['schedule', file, '--run-now', '--out', outDir]);
    await waitFor('the run-now start line', () => runLines(daemon.stdout()).some((l) => l.event === 'start' && l.fields.trigger === 'run-now'), 60_000, daemon);
    // Mid-journey: its browser is up.
    await waitFor('the run\'s Chromium', () => markedProcesses(daemon.marker).some((pid) => /chrom/.test(readFileSafe(`/proc/${pid}/cmdline`))), 90_000, daemon);
    daemon.child.kill('SIGTERM');
    await waitFor('the stopping line', () => /stopping \(SIGTERM\): waiting up to 1m00s \(--stop-timeout\) for demo-stop; signal again/.test(daemon.stdout()), 10_000, daemon);
    // Still going after the first signal: it is waited for, not cancelled.
    expect(runLines(daemon.stdout()).filter((l) => l.event === 'end')).toEqual([]);
    daemon.child.kill('SIGTERM');
    const end = await exitWithin(daemon, 20_000);
    expect(end.code).toBe(0);
    expect(daemon.stdout()).toMatch(/SIGTERM again: cancelling demo-stop now/);
    const [line] = runLines(daemon.stdout()).filter((l) => l.event === 'end');
    expect(line!.fields).toMatchObject({ status: 'cancelled' });
    expect(daemon.stdout().trimEnd()).toMatch(/stopped$/);
    await expectNothingLeft(daemon.marker);
  }, 90_000);

  it('past --stop-timeout the run in flight is cancelled and the daemon still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-schedule-'));
    const file = demoCopy(dir, 'demo-bound', "schedule: { cron: '0 0 1 1 *' }");
    const daemon = startTagwatch(['schedule', file, '--run-now', '--stop-timeout', '2s', '--out', join(dir, 'reports')]);
    await waitFor('the run-now start line', () => runLines(daemon.stdout()).some((l) => l.event === 'start'), 60_000, daemon);
    daemon.child.kill('SIGINT');
    const end = await exitWithin(daemon, 20_000);
    expect(end.code).toBe(0);
    expect(daemon.stdout()).toMatch(/stop timeout of 2\.0s reached: cancelling demo-bound/);
    expect(runLines(daemon.stdout()).find((l) => l.event === 'end')!.fields).toMatchObject({ status: 'cancelled' });
    await expectNothingLeft(daemon.marker);
  }, 90_000);
});
