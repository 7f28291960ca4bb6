/**
 * `tagwatch schedule` without the command line: the daemon (runDaemon) or `--once` (runOnce) of
 * src/schedule on monitors given as they are once loaded, in a process of its own, with real
 * signals and real audit processes. Loading and checking monitor files (a couple of CPU seconds
 * per process) is left to the tests that go through `tagwatch schedule` itself.
 *
 *   node --import tsx schedule-driver.ts '<DriverOptions as JSON>'
 */
import type { ScheduledMonitor } from '../../src/schedule/load-scheduled-monitors.ts';
import { runDaemon } from '../../src/schedule/run-daemon.ts';
import { runOnce } from '../../src/schedule/run-once.ts';

export interface DriverOptions {
  monitors: ScheduledMonitor[];
  outDir: string;
  maxParallel?: number;
  runTimeoutMs?: number;
  stopTimeoutMs?: number;
  once?: boolean;
  runNow?: boolean;
}

const options = JSON.parse(process.argv[2]!) as DriverOptions;
// The command's defaults (src/cli/commands/schedule.ts), but one run at a time.
const settings = { outDir: options.outDir, maxParallel: options.maxParallel ?? 1, runTimeoutMs: options.runTimeoutMs ?? 1_800_000, stopTimeoutMs: options.stopTimeoutMs ?? 60_000 };
if (options.once) {
  process.exitCode = await runOnce(options.monitors, settings);
} else {
  await runDaemon(options.monitors, { ...settings, runNow: options.runNow });
  process.exitCode = 0;
}
