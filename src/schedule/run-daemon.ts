import { createTask, type Logger, type ScheduledTask } from 'node-cron';
import { AuditRuns, type AuditRunsOptions } from './audit-runs.ts';
import { logLine } from './daemon-log.ts';
import { formatDuration } from './duration.ts';
import { GracefulStop } from './graceful-stop.ts';
import type { ScheduledMonitor } from './load-scheduled-monitors.ts';

export interface ScheduleOptions extends Omit<AuditRunsOptions, 'log'> {
  /** How long runs in flight may take to finish after SIGTERM / SIGINT before they are cancelled. */
  stopTimeoutMs: number;
  /** Receives the daemon's log, a line at a time. Default: stdout. */
  write?: (text: string) => void;
}

/**
 * The daemon: audits each monitor on its cron schedule until SIGTERM / SIGINT, then lets the
 * runs in flight finish (or cancels them past --stop-timeout) and returns. With `runNow`, every
 * monitor also runs once at start; when no monitor has a schedule it returns after those runs.
 */
export async function runDaemon(monitors: ScheduledMonitor[], options: ScheduleOptions & { runNow?: boolean }): Promise<void> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const log = (text: string) => write(logLine(text));
  const runs = new AuditRuns({ ...options, log });
  const stop = new GracefulStop(runs, { stopTimeoutMs: options.stopTimeoutMs, log });
  const cronLogger: Logger = {
    info: () => {},
    debug: () => {},
    warn: (message) => log(`node-cron: ${message}`),
    error: (message) => log(`node-cron: ${message instanceof Error ? message.message : message}`),
  };
  const tasks: ScheduledTask[] = [];
  log(`tagwatch schedule: ${monitors.length} monitor(s), at most ${options.maxParallel} run(s) at once, each stopped after ${formatDuration(options.runTimeoutMs)}; reports in ${options.outDir}`);
  for (const monitor of monitors) {
    if (!monitor.schedule) continue;
    const { cron, timezone } = monitor.schedule;
    // Our own overlap guard (AuditRuns), not noOverlap: it also covers --run-now and logs the skip.
    const task = createTask(cron, () => void runs.run(monitor, 'schedule'), { name: monitor.name, timezone, logger: cronLogger });
    tasks.push(task);
    await task.start();
    const then = monitor.compareAfterAudit ? ' then=compare' : '';
    log(`${monitor.name} scheduled cron="${cron}" timezone=${timezone ?? 'local'} next=${task.getNextRun()?.toISOString() ?? '-'}${then}`);
  }
  const startRuns = options.runNow ? monitors.map((monitor) => runs.run(monitor, 'run-now')) : [];

  if (tasks.length) await stop.requested;
  else await Promise.race([stop.requested, Promise.all(startRuns)]);
  for (const task of tasks) await task.destroy();
  await stop.finish();
  log(tasks.length ? 'stopped' : 'stopped: no monitor has a schedule');
}
