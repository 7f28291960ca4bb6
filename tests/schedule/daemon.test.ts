import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type ExpectStatic, type TestContext } from 'vitest';
import { readOutcome } from '../../src/record/outcome.ts';
import {
  commandLine,
  endAll,
  exitWithin,
  fakeAuditEnv,
  fakeMonitor,
  fakeScheduled,
  leftRunning,
  markedProcesses,
  REQUIRED,
  RUN_FOLDER,
  runFolders,
  runLines,
  startScheduler,
  startTagwatch,
  tempDir,
  waitFor,
  type Daemon,
} from '../support/schedule-daemon.ts';
import type { DriverOptions } from '../support/schedule-driver.ts';
import { FAKE_GRANDCHILD_TAG } from '../support/schedule-fake-audit.ts';

/**
 * The scheduler as a process, each of its runs the fake audit (tests/support/
 * schedule-fake-audit.ts): what it does with runs that pass, fail, crash, overrun or are
 * signalled, in seconds. Two cases go through `tagwatch schedule` itself (its monitor files
 * loaded and checked); the others start the same scheduler on monitors already loaded
 * (tests/support/schedule-driver.ts), which spares each a couple of CPU seconds.
 * tests/e2e/schedule-daemon.test.ts runs one real audit through `tagwatch schedule --once`.
 * The schedulers mostly wait on their fake runs: the cases run side by side.
 */
/** `tagwatch schedule <args>`, each run a fake audit. */
function daemon(test: TestContext, args: string[]): Daemon {
  return ended(test, startTagwatch(['schedule', ...args], fakeAuditEnv()));
}

/** The same scheduler on monitors already loaded: what `tagwatch schedule` runs once it has read its monitor files. */
function scheduler(test: TestContext, options: DriverOptions): Daemon {
  return ended(test, startScheduler(options));
}

function ended(test: TestContext, started: Daemon): Daemon {
  // The test's own hook: the cases run side by side.
  test.onTestFinished(() => endAll(started));
  return started;
}

/** The grandchild the fake audit started (a Playwright runner, in a real one). */
function grandchildOf(started: Daemon): number | undefined {
  return markedProcesses(started.marker).find((pid) => commandLine(pid).includes(FAKE_GRANDCHILD_TAG));
}

function expectStopped(expect: ExpectStatic, started: Daemon): void {
  expect(started.stdout().trimEnd()).toMatch(/\dZ stopped$/);
}

describe.concurrent('tagwatch schedule (the daemon; each run a fake audit process)', { timeout: 180_000 }, () => {
  it('per-second schedule: one run at a time, each run\'s outcome read (run, verdict, exit, log beside its report); SIGTERM stops it with exit 0', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    const file = fakeMonitor(dir, 'nightly', "schedule: { cron: '* * * * * *', timezone: 'UTC' }", { sleepMs: 1_500 });
    const started = daemon(test, [file, '--out', outDir, '--stop-timeout', '60s']);

    await waitFor('two ended runs and a third started', () => runLines(started.stdout()).filter((l) => l.event === 'start').length >= 3, 60_000, started);
    // A run is in flight: SIGTERM lets it finish with its verdict, then the daemon exits 0.
    started.child.kill('SIGTERM');
    const end = await exitWithin(started, 90_000);
    expect(end.code).toBe(0);

    const stdout = started.stdout();
    expect(stdout).toMatch(/nightly scheduled cron="\* \* \* \* \* \*" timezone=UTC next=\S+Z/);
    // Ticks that come while a run is going are skipped, and said so.
    expect(stdout).toMatch(/nightly skipped: previous run still going \(started \S+ ago\)/);
    expect(stdout).toMatch(/\dZ stopping \(SIGTERM\): waiting up to 1m00s \(--stop-timeout\) for nightly; signal again to cancel now/);
    expectStopped(expect, started);
    // The audits' own output goes to their log files, not here.
    expect(stdout).not.toContain('fake audit of');

    const lines = runLines(stdout);
    const starts = lines.filter((l) => l.event === 'start');
    const ends = lines.filter((l) => l.event === 'end');
    expect(starts.length).toBeGreaterThanOrEqual(3);
    // The run in flight at SIGTERM was let finish: every start has its end, each with its verdict.
    expect(ends).toHaveLength(starts.length);
    // One run at a time: each start comes after the previous run's end.
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.time).toBeGreaterThanOrEqual(ends[i - 1]!.time);
    expect(starts[0]!.fields).toMatchObject({ trigger: 'schedule', pid: expect.stringMatching(/^\d+$/) });
    for (const line of ends) {
      const { run, status, exit, duration, log } = line.fields as Record<string, string>;
      expect({ status, exit }).toEqual({ status: 'pass', exit: '0' });
      expect(run).toMatch(RUN_FOLDER);
      expect(duration).toMatch(/^\d/);
      expect(JSON.parse(readFileSync(join(outDir, run!, 'results.json'), 'utf8'))).toMatchObject({ runId: run, monitor: 'nightly', status });
      expect(readOutcome(join(outDir, run!, 'outcome.json'))).toMatchObject({ runId: run, status: 'pass', exitCode: 0 });
      // The run's output moved next to its report, beginning with the command the daemon ran.
      expect(log).toBe(join(outDir, run!, 'audit.log'));
      expect(readFileSync(log!, 'utf8')).toMatch(new RegExp(`tagwatch schedule runs: .* audit ${file} --out ${outDir}\\n[^]*tagwatch nightly · run ${run} · PASS`));
    }
    // The outcome files the daemon handed out are read and removed; nothing pending is left.
    expect(readdirSync(join(outDir, '.schedule-logs'))).toEqual([]);
    expect(await leftRunning(started.marker)).toEqual([]);
  });

  it('a run that crashes or ends inconclusive does not stop the daemon; different monitors run side by side', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    const every = { cron: '* * * * * *' };
    const down = fakeScheduled(dir, 'down', every, { sleepMs: 800, status: 'inconclusive' });
    const crash = fakeScheduled(dir, 'crash', every, { sleepMs: 800, dieBy: 'SIGKILL' });
    const started = scheduler(test, { monitors: [down, crash], outDir, maxParallel: 2, stopTimeoutMs: 20_000 });

    await waitFor('two ended runs of each monitor', () => ['down', 'crash'].every((m) => runLines(started.stdout()).filter((l) => l.event === 'end' && l.monitor === m).length >= 2), 60_000, started);
    started.child.kill('SIGTERM');
    expect((await exitWithin(started, 90_000)).code).toBe(0);

    const lines = runLines(started.stdout());
    const ends = lines.filter((l) => l.event === 'end');
    for (const line of ends.filter((l) => l.monitor === 'crash')) expect(line.fields).toMatchObject({ run: '-', status: 'crashed', exit: 'SIGKILL' });
    for (const line of ends.filter((l) => l.monitor === 'down')) {
      expect(line.fields).toMatchObject({ status: 'inconclusive', exit: '2' });
      expect(JSON.parse(readFileSync(join(outDir, line.fields.run!, 'results.json'), 'utf8')).status).toBe('inconclusive');
    }
    // A crashed run's output stays in the pending log folder, which the log line names.
    const crashLog = ends.find((l) => l.monitor === 'crash')!.fields.log!;
    expect(crashLog.startsWith(`${join(outDir, '.schedule-logs')}/`)).toBe(true);
    expect(readFileSync(crashLog, 'utf8')).toMatch(/tagwatch schedule runs: [^]*fake audit of crash/);
    // Side by side: a crash run and a down run were going at the same time.
    const runsOf = (monitor: string) => {
      const of = lines.filter((l) => l.monitor === monitor);
      return of.filter((l) => l.event === 'start').map((start, i) => ({ start: start.time, end: of.filter((l) => l.event === 'end')[i]?.time ?? Infinity }));
    };
    const overlapped = runsOf('crash').some((c) => runsOf('down').some((d) => d.start < c.end && c.start < d.end));
    expect(overlapped).toBe(true);
    expectStopped(expect, started);
  });

  it('bad schedules: exit 2 before anything runs, each monitor file and field named', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const badCron = join(dir, 'bad-cron.monitor.ts');
    writeFileSync(badCron, `export default { ${REQUIRED}, name: 'bad-cron', expect: { ga4: {} }, schedule: { cron: '*/1 * * * * * *' } };\n`);
    const badZone = join(dir, 'bad-zone.monitor.ts');
    writeFileSync(badZone, `export default { ${REQUIRED}, name: 'bad-zone', expect: { ga4: {} }, schedule: { cron: '0 3 * * *', timezone: 'Europe/Lutetia' } };\n`);
    const none = join(dir, 'none.monitor.ts');
    writeFileSync(none, `export default { ${REQUIRED}, name: 'none', expect: { ga4: {} } };\n`);
    const outDir = join(dir, 'reports');
    const started = daemon(test, [badCron, badZone, none, '--out', outDir]);
    expect((await exitWithin(started, 90_000)).code).toBe(2);
    const stderr = started.stderr();
    expect(stderr).toContain(`Invalid monitor ${badCron}:\n  - schedule.cron: '*/1 * * * * * *' is not a cron expression`);
    expect(stderr).toContain(`Invalid monitor ${badZone}:\n  - schedule.timezone: unknown time zone 'Europe/Lutetia'`);
    expect(stderr).toMatch(new RegExp(`Invalid monitor ${none.replaceAll('.', '\\.')}:\\n  - schedule: missing: .*--once`));
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('--once runs each monitor once and exits with the worst exit code (1: tracking broken)', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    // No schedule: --once does not need one.
    const good = fakeScheduled(dir, 'good', undefined, { status: 'pass' });
    const broken = fakeScheduled(dir, 'broken', undefined, { status: 'fail' });
    const started = scheduler(test, { monitors: [good, broken], once: true, maxParallel: 2, outDir });
    expect((await exitWithin(started, 90_000)).code).toBe(1);
    const lines = runLines(started.stdout());
    expect(lines.filter((l) => l.event === 'start').map((l) => l.fields.trigger)).toEqual(['once', 'once']);
    const ends = Object.fromEntries(lines.filter((l) => l.event === 'end').map((l) => [l.monitor, l.fields]));
    expect(ends.good).toMatchObject({ status: 'pass', exit: '0' });
    expect(ends.broken).toMatchObject({ status: 'fail', exit: '1' });
    expect(JSON.parse(readFileSync(join(outDir, ends.broken!.run!, 'results.json'), 'utf8')).status).toBe('fail');
    expect(runFolders(outDir).sort()).toEqual([ends.good!.run, ends.broken!.run].sort());
    expect(started.stdout()).toMatch(/done: 2 of 2 monitor\(s\) ran, exit 1/);
  });

  it('a run past --run-timeout that ignores SIGTERM is killed with everything it started, logged as timed out (--once: exit 2)', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const slow = fakeScheduled(dir, 'slow', undefined, { sleepMs: 120_000, ignoreSigterm: true, grandchild: true });
    // Long enough for the fake to be up (and ignoring SIGTERM) on a loaded machine.
    const started = scheduler(test, { monitors: [slow], once: true, runTimeoutMs: 8_000, outDir: join(dir, 'reports') });
    // SIGTERM at 8 s is ignored: SIGKILL to the run's process group 5 s later.
    expect((await exitWithin(started, 90_000)).code).toBe(2);
    expect(started.stdout()).toMatch(/slow timed out after 8\.0s \(--run-timeout\): stopping it/);
    const [line] = runLines(started.stdout()).filter((l) => l.event === 'end');
    expect(line!.fields).toMatchObject({ run: '-', status: 'timed-out', exit: 'SIGKILL' });
    expect(readFileSync(line!.fields.log!, 'utf8')).toMatch(/fake audit: grandchild pid \d+[^]*fake audit: SIGTERM ignored/);
    expect(started.stdout()).toMatch(/done: 1 of 1 monitor\(s\) ran, exit 2/);
    expect(await leftRunning(started.marker)).toEqual([]);
  });

  it('SIGTERM waits for the run in flight, again cancels it, a third time kills it; exit 0, nothing it started left running', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    // Far from now: only --run-now starts a run. This one ignores SIGTERM, and so does its own child.
    const stubborn = fakeScheduled(dir, 'stubborn', { cron: '0 0 1 1 *' }, { sleepMs: 120_000, ignoreSigterm: true, grandchild: true });
    const started = scheduler(test, { monitors: [stubborn], runNow: true, outDir: join(dir, 'reports') });
    const log = (await waitFor('the run-now start line', () => runLines(started.stdout()).find((l) => l.event === 'start' && l.fields.trigger === 'run-now'), 60_000, started)).fields.log!;
    // Mid-run: its own child process is up.
    await waitFor('the run\'s own child process', () => grandchildOf(started), 60_000, started);
    expect(readFileSync(log, 'utf8')).toContain('fake audit of stubborn');
    started.child.kill('SIGTERM');
    await waitFor('the stopping line', () => /stopping \(SIGTERM\): waiting up to 1m00s \(--stop-timeout\) for stubborn; signal again/.test(started.stdout()), 60_000, started);
    // Still going after the first signal: it is waited for, not cancelled.
    expect(runLines(started.stdout()).filter((l) => l.event === 'end')).toEqual([]);
    started.child.kill('SIGTERM');
    await waitFor('the cancelling line', () => /SIGTERM again: cancelling stubborn now/.test(started.stdout()), 60_000, started);
    // The run ignores the SIGTERM its group got; a third signal does not wait for the grace.
    started.child.kill('SIGTERM');
    expect((await exitWithin(started, 90_000)).code).toBe(0);
    expect(started.stdout()).toMatch(/SIGTERM again: killing stubborn/);
    const [line] = runLines(started.stdout()).filter((l) => l.event === 'end');
    expect(line!.fields).toMatchObject({ run: '-', status: 'cancelled', exit: 'SIGKILL' });
    expect(readFileSync(line!.fields.log!, 'utf8')).toContain('fake audit: SIGTERM ignored');
    expectStopped(expect, started);
    expect(await leftRunning(started.marker)).toEqual([]);
  });

  it('past --stop-timeout the run in flight is cancelled and the daemon still exits 0', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const bound = fakeScheduled(dir, 'bound', { cron: '0 0 1 1 *' }, { sleepMs: 120_000 });
    const started = scheduler(test, { monitors: [bound], runNow: true, stopTimeoutMs: 2_000, outDir: join(dir, 'reports') });
    await waitFor('the run-now start line', () => runLines(started.stdout()).some((l) => l.event === 'start'), 60_000, started);
    started.child.kill('SIGINT');
    expect((await exitWithin(started, 90_000)).code).toBe(0);
    expect(started.stdout()).toMatch(/stopping \(SIGINT\): waiting up to 2\.0s/);
    expect(started.stdout()).toMatch(/stop timeout of 2\.0s reached: cancelling bound/);
    expect(runLines(started.stdout()).find((l) => l.event === 'end')!.fields).toMatchObject({ status: 'cancelled' });
    expect(await leftRunning(started.marker)).toEqual([]);
  });
});
