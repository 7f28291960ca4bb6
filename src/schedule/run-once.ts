import { AuditRuns } from './audit-runs.ts';
import { logLine } from './daemon-log.ts';
import { GracefulStop } from './graceful-stop.ts';
import type { ScheduledMonitor } from './load-scheduled-monitors.ts';
import type { ScheduleOptions } from './run-daemon.ts';

/**
 * `--once`: every monitor's audit once (at most `maxParallel` at a time), no daemon: for
 * system cron and CI. Returns the worst exit code (2 > 1 > 0); a run that did not finish
 * (timed out, cancelled, crashed, never started) counts as 2.
 */
export async function runOnce(monitors: ScheduledMonitor[], options: ScheduleOptions): Promise<0 | 1 | 2> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const log = (text: string) => write(logLine(text));
  const runs = new AuditRuns({ ...options, log });
  const stop = new GracefulStop(runs, { stopTimeoutMs: options.stopTimeoutMs, log });
  const reports = await Promise.all(monitors.map((monitor) => runs.run(monitor, 'once')));
  await stop.finish();
  const exitCode = Math.max(...reports.map((report) => report?.exitCode ?? 2)) as 0 | 1 | 2;
  log(`done: ${reports.filter(Boolean).length} of ${monitors.length} monitor(s) ran, exit ${exitCode}`);
  return exitCode;
}
