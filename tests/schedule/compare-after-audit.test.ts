import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { compareEndText } from '../../src/schedule/daemon-log.ts';
import { compareEnd } from '../../src/schedule/run-outcome.ts';
import {
  COMPARE_AFTER_AUDIT,
  endAll,
  exitWithin,
  fakeAuditEnv,
  fakeMonitor,
  fakeScheduled,
  leftRunning,
  REQUIRED,
  RUN_FOLDER,
  runLines,
  startScheduler,
  startTagwatch,
  tempDir,
  waitFor,
  type Daemon,
} from '../support/schedule-daemon.ts';
import { minimalMonitor } from '../support/monitors.ts';
import type { DriverOptions } from '../support/schedule-driver.ts';
import { fakeCompareRuns } from '../support/schedule-fake-audit.ts';

/**
 * `compare.afterScheduledAudit`: the daemon runs `tagwatch compare <monitor> --out <dir>` right
 * after the monitor's audit, in the same slot, a process of its own like the audit. Both are the
 * fake (tests/support/schedule-fake-audit.ts), which records each comparison it is asked for
 * (fakeCompareRuns), so what runs when is checked in seconds. The first case goes through
 * `tagwatch schedule` itself (the setting read from the monitor file); the others start the same
 * scheduler on monitors already loaded (tests/support/schedule-driver.ts).
 */
function ended(test: TestContext, started: Daemon): Daemon {
  test.onTestFinished(() => endAll(started));
  return started;
}

function scheduler(test: TestContext, options: DriverOptions): Daemon {
  return ended(test, startScheduler(options));
}

/** The daemon's comparison lines: `<iso> <monitor> compare start|end key=value ...`, and the skips. */
function compareLines(stdout: string, monitor: string): string[] {
  return stdout.split('\n').filter((line) => line.includes(` ${monitor} compare `));
}

function fields(line: string): Record<string, string> {
  return Object.fromEntries([...line.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, key, value]) => [key!, value!.startsWith('"') ? JSON.parse(value!) : value!]));
}

describe('how the comparison after an audit ended, as the daemon logs it', () => {
  it('says what the exit code means, or why there is none', ({ expect }) => {
    expect(compareEnd({ exitCode: 0, signal: null })).toEqual({ status: 'within-usual-range', exit: '0' });
    expect(compareEnd({ exitCode: 1, signal: null })).toEqual({ status: 'problems-found', exit: '1' });
    expect(compareEnd({ exitCode: 2, signal: null })).toEqual({ status: 'inconclusive-or-bad-input', exit: '2' });
    expect(compareEnd({ exitCode: 7, signal: null })).toEqual({ status: 'unexpected-exit', exit: '7' });
    expect(compareEnd({ exitCode: null, signal: 'SIGSEGV' })).toEqual({ status: 'crashed', exit: 'SIGSEGV' });
    expect(compareEnd({ exitCode: null, signal: null, startError: 'spawn ENOENT' })).toEqual({ status: 'not-started', exit: 'not started: spawn ENOENT' });
    // Stopped by the daemon: said so, whatever the process did.
    expect(compareEnd({ exitCode: 0, signal: null }, 'cancelled').status).toBe('cancelled');
    expect(compareEnd({ exitCode: null, signal: 'SIGTERM' }, 'timed-out')).toEqual({ status: 'timed-out', exit: 'SIGTERM' });
    expect(compareEndText({ monitor: 'shop', status: 'problems-found', exit: '1', durationMs: 1_500, logFile: '/r/run 1/compare.log' })).toBe(
      'shop compare end status=problems-found exit=1 duration=1.5s log="/r/run 1/compare.log"',
    );
  });
});

describe('monitor setting compare.afterScheduledAudit', () => {
  const base = minimalMonitor({ name: 'shop', expect: { ga4: {} } });

  it('is off by default, and needs a platform to compare with', ({ expect }) => {
    expect(validateMonitor(base, '/m/shop.monitor.ts').compare.afterScheduledAudit).toBe(false);
    const on = validateMonitor({ ...base, compare: { afterScheduledAudit: true, platforms: { ga4: { propertyId: '1' } } } }, '/m/shop.monitor.ts');
    expect(on.compare.afterScheduledAudit).toBe(true);
    expect(() => validateMonitor({ ...base, compare: { afterScheduledAudit: true } }, '/m/shop.monitor.ts')).toThrow(
      /compare\.afterScheduledAudit: true, but compare\.platforms has no platform to compare with: add one, e\.g\. compare: \{ afterScheduledAudit: true, platforms: \{ ga4: /,
    );
  });
});

describe.concurrent('tagwatch schedule with compare.afterScheduledAudit (each run a fake audit, then a fake compare)', { timeout: 180_000 }, () => {
  it('runs compare with the monitor file and report folder right after the audit, whatever its verdict; not for a monitor without the setting', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    // A failed audit: exactly when the comparison is worth reading.
    const withIt = fakeMonitor(dir, 'with', COMPARE_AFTER_AUDIT, { status: 'fail', compare: { exitCode: 1 } });
    const without = fakeMonitor(dir, 'without', '', { status: 'pass' });
    const started = ended(test, startTagwatch(['schedule', withIt, without, '--once', '--out', outDir, '--max-parallel', '2'], fakeAuditEnv()));
    // --once exits with the audits' worst code; the comparison's is in its own line.
    expect((await exitWithin(started, 120_000)).code).toBe(1);
    const stdout = started.stdout();

    const auditEnd = runLines(stdout).find((l) => l.monitor === 'with' && l.event === 'end')!;
    expect(auditEnd.fields).toMatchObject({ status: 'fail', exit: '1' });
    const runId = auditEnd.fields.run!;
    expect(runId).toMatch(RUN_FOLDER);

    const [compareRun, ...more] = fakeCompareRuns(withIt);
    expect(more).toEqual([]);
    expect(compareRun).toMatchObject({ monitorFile: withIt, outDir });
    // After the audit: its run folder was there when the comparison started; no audit outcome file for it.
    expect(compareRun!.runFoldersAtStart).toContain(runId);
    expect(compareRun!.outcomeFile).toBeUndefined();

    const lines = compareLines(stdout, 'with');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ with compare start pid=\d+ log=\S+\.compare\.log$/);
    expect(fields(lines[0]!).pid).toBe(String(compareRun!.pid));
    const end = fields(lines[1]!);
    expect(end).toMatchObject({ status: 'problems-found', exit: '1', log: join(outDir, runId, 'compare.log') });
    // The daemon's lines in order: the audit's end, then the comparison's start and end.
    const order = stdout.split('\n');
    const index = (part: string) => order.findIndex((line) => line.includes(part));
    expect(index(' with end ')).toBeLessThan(index(' with compare start '));
    expect(index(' with compare start ')).toBeLessThan(index(' with compare end '));
    // Its output beside the audit's, beginning with the command the daemon ran.
    expect(readFileSync(end.log!, 'utf8')).toMatch(new RegExp(`tagwatch schedule runs: .* compare ${withIt} --out ${outDir}\\n[^]*fake compare of with[^]*tagwatch compare with · exit 1`));
    expect(existsSync(join(outDir, runId, 'audit.log'))).toBe(true);
    expect(readdirSync(join(outDir, '.schedule-logs'))).toEqual([]);

    expect(fakeCompareRuns(without)).toEqual([]);
    expect(compareLines(stdout, 'without')).toEqual([]);
    expect(runLines(stdout).find((l) => l.monitor === 'without' && l.event === 'end')!.fields).toMatchObject({ status: 'pass', exit: '0' });
  });

  it('compare.afterScheduledAudit: true without a platform: exit 2 before anything runs, the field and an example named', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const file = join(dir, 'lonely.monitor.ts');
    writeFileSync(file, `export default { ${REQUIRED}, name: 'lonely', expect: { ga4: {} }, compare: { afterScheduledAudit: true } };\n`);
    const outDir = join(dir, 'reports');
    const started = ended(test, startTagwatch(['schedule', file, '--once', '--out', outDir], fakeAuditEnv()));
    expect((await exitWithin(started, 120_000)).code).toBe(2);
    // One problem: said on one line, after the file.
    expect(started.stderr()).toContain(`Invalid monitor ${file}: compare.afterScheduledAudit: true, but compare.platforms has no platform to compare with: add one, e.g. compare: { afterScheduledAudit: true, platforms: { ga4: { propertyId: '123456789' } } }`);
    expect(existsSync(outDir)).toBe(false);
    expect(fakeCompareRuns(file)).toEqual([]);
  });

  it('runs after an audit that crashed (its output kept in the pending logs folder); a comparison past --run-timeout is stopped and logged as timed out', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    const crashed = fakeScheduled(dir, 'crashed', undefined, { dieBy: 'SIGKILL', compare: { exitCode: 2 } }, true);
    const slow = fakeScheduled(dir, 'slow', undefined, { compare: { sleepMs: 120_000 } }, true);
    const started = scheduler(test, { monitors: [crashed, slow], once: true, maxParallel: 2, runTimeoutMs: 8_000, outDir });
    // The audits' worst code: the crashed one (2).
    expect((await exitWithin(started, 120_000)).code).toBe(2);
    const stdout = started.stdout();

    expect(runLines(stdout).find((l) => l.monitor === 'crashed' && l.event === 'end')!.fields).toMatchObject({ run: '-', status: 'crashed' });
    expect(fakeCompareRuns(crashed.file)).toHaveLength(1);
    const crashedEnd = fields(compareLines(stdout, 'crashed').find((line) => line.includes(' compare end '))!);
    expect(crashedEnd).toMatchObject({ status: 'inconclusive-or-bad-input', exit: '2' });
    expect(crashedEnd.log).toMatch(new RegExp(`^${join(outDir, '.schedule-logs')}/\\d{8}-\\d{6}-\\d{3}-crashed\\.compare\\.log$`));
    expect(readFileSync(crashedEnd.log!, 'utf8')).toContain('fake compare of crashed');

    expect(runLines(stdout).find((l) => l.monitor === 'slow' && l.event === 'end')!.fields).toMatchObject({ status: 'pass', exit: '0' });
    expect(fakeCompareRuns(slow.file)).toHaveLength(1);
    expect(stdout).toMatch(/ slow compare timed out after 8\.0s \(--run-timeout\): stopping it/);
    const slowEnd = fields(compareLines(stdout, 'slow').find((line) => line.includes(' compare end '))!);
    expect(slowEnd).toMatchObject({ status: 'timed-out', exit: 'SIGTERM' });
    expect(slowEnd.log).toMatch(new RegExp(`^${outDir}/\\d{8}-\\d{6}-[0-9a-f]{4}/compare\\.log$`));
    expect(await leftRunning(started.marker)).toEqual([]);
  });

  it('not after a cancelled audit, nor once the daemon is stopping', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const never = { cron: '0 0 1 1 *' };
    // Cancelled: past --stop-timeout.
    const cancelled = fakeScheduled(dir, 'cancelled', never, { sleepMs: 120_000 }, true);
    // Let finish after the stop signal, with its verdict: the daemon is stopping, nothing new starts.
    const finishing = fakeScheduled(dir, 'finishing', never, { sleepMs: 8_000 }, true);
    const started = scheduler(test, { monitors: [cancelled, finishing], runNow: true, maxParallel: 2, stopTimeoutMs: 15_000, outDir: join(dir, 'reports') });
    await waitFor('both audits started', () => runLines(started.stdout()).filter((l) => l.event === 'start').length === 2, 60_000, started);
    started.child.kill('SIGTERM');
    expect((await exitWithin(started, 120_000)).code).toBe(0);
    const stdout = started.stdout();
    // Both audits were in flight when the stop was asked for.
    expect(stdout).toMatch(/stopping \(SIGTERM\): waiting up to 15\.0s \(--stop-timeout\) for cancelled, finishing;/);
    // Said at start, beside the schedule.
    expect(stdout).toMatch(/ finishing scheduled cron="0 0 1 1 \*" timezone=local next=\S+Z then=compare\n/);
    const ends = Object.fromEntries(runLines(stdout).filter((l) => l.event === 'end').map((l) => [l.monitor, l.fields]));
    expect(ends.cancelled).toMatchObject({ status: 'cancelled' });
    expect(ends.finishing).toMatchObject({ status: 'pass', exit: '0' });
    expect(compareLines(stdout, 'cancelled')).toEqual([expect.stringMatching(/ cancelled compare skipped: the audit was cancelled$/)]);
    expect(compareLines(stdout, 'finishing')).toEqual([expect.stringMatching(/ finishing compare skipped: stopping$/)]);
    expect(fakeCompareRuns(cancelled.file)).toEqual([]);
    expect(fakeCompareRuns(finishing.file)).toEqual([]);
    expect(await leftRunning(started.marker)).toEqual([]);
  });

  it('a comparison in flight is waited for on SIGTERM, cancelled by a second and killed by a third, with everything it started', async (test) => {
    const { expect } = test;
    const dir = tempDir();
    const stubborn = fakeScheduled(dir, 'stubborn', { cron: '0 0 1 1 *' }, { compare: { sleepMs: 120_000, ignoreSigterm: true } }, true);
    const started = scheduler(test, { monitors: [stubborn], runNow: true, outDir: join(dir, 'reports') });
    const start = await waitFor('the compare start line', () => compareLines(started.stdout(), 'stubborn').find((line) => line.includes(' compare start ')), 60_000, started);
    const log = fields(start).log!;
    await waitFor('the fake compare in place', () => existsSync(log) && readFileSync(log, 'utf8').includes('fake compare of stubborn'), 60_000, started);
    started.child.kill('SIGTERM');
    await waitFor('the stopping line', () => /stopping \(SIGTERM\): waiting up to 1m00s \(--stop-timeout\) for stubborn/.test(started.stdout()), 60_000, started);
    started.child.kill('SIGTERM');
    await waitFor('the cancelling line', () => /SIGTERM again: cancelling stubborn now/.test(started.stdout()), 60_000, started);
    started.child.kill('SIGTERM');
    expect((await exitWithin(started, 120_000)).code).toBe(0);
    const end = fields(compareLines(started.stdout(), 'stubborn').find((line) => line.includes(' compare end '))!);
    expect(end).toMatchObject({ status: 'cancelled', exit: 'SIGKILL' });
    expect(readFileSync(end.log!, 'utf8')).toContain('fake compare: SIGTERM ignored');
    expect(started.stdout().trimEnd()).toMatch(/\dZ stopped$/);
    expect(await leftRunning(started.marker)).toEqual([]);
  });
});
