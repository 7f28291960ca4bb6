import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../../schedule/duration.ts';
import { positiveInt } from '../parse-options.ts';

/** An audit starts its own browsers: on a 2-core machine, one audit at a time. */
const DEFAULT_MAX_PARALLEL = Math.max(1, Math.floor(availableParallelism() / 2));
const DEFAULT_RUN_TIMEOUT = '30m';
const DEFAULT_STOP_TIMEOUT = '60s';

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError('expected a duration such as 90s, 30m or 1h30m (a bare number is seconds)');
  return ms;
}

interface ScheduleCliOptions {
  out: string;
  maxParallel: number;
  runTimeout: number;
  stopTimeout: number;
  runNow?: boolean;
  once?: boolean;
}

export function scheduleCommand(): Command {
  return new Command('schedule')
    .exitOverride()
    .description(
      "audit each monitor on its schedule ({ cron, timezone } in the monitor), each run a `tagwatch audit` process, until SIGTERM/SIGINT (exit 0); with --once, audit each once and exit with the worst exit code",
    )
    .argument('[monitor-files...]', 'monitor files (default: the embedded demo shop, which has no schedule: use --once or --run-now)')
    .option('--out <dir>', 'report folder of every run (run folders, history, per-run logs)', 'reports')
    .addOption(new Option('--max-parallel <n>', 'audits of different monitors at once').argParser(positiveInt).default(DEFAULT_MAX_PARALLEL, `${DEFAULT_MAX_PARALLEL} (half the cores)`))
    .addOption(new Option('--run-timeout <duration>', 'stop a run still going after this long (SIGTERM, then SIGKILL)').argParser(duration).default(parseDuration(DEFAULT_RUN_TIMEOUT), DEFAULT_RUN_TIMEOUT))
    .addOption(
      new Option('--stop-timeout <duration>', 'on SIGTERM/SIGINT, how long a run in flight may take to finish before it is cancelled').argParser(duration).default(parseDuration(DEFAULT_STOP_TIMEOUT), DEFAULT_STOP_TIMEOUT),
    )
    .option('--run-now', 'also run every monitor once at start, then keep the schedule')
    .option('--once', 'run every monitor once and exit with the worst exit code (for system cron or CI): no daemon')
    .action(async (files: string[], options: ScheduleCliOptions) => {
      // Every run writes there: a folder it cannot write is said before any monitor is loaded or audit started.
      const { checkOutDir } = await import('../check-paths.ts');
      checkOutDir(options.out, 'schedule --out');
      const { loadScheduledMonitors } = await import('../../schedule/load-scheduled-monitors.ts');
      const monitors = await loadScheduledMonitors(files, { requireSchedule: !options.once && !options.runNow });
      const settings = { outDir: resolve(options.out), maxParallel: options.maxParallel, runTimeoutMs: options.runTimeout, stopTimeoutMs: options.stopTimeout };
      if (options.once) {
        const { runOnce } = await import('../../schedule/run-once.ts');
        process.exitCode = await runOnce(monitors, settings);
        return;
      }
      const { runDaemon } = await import('../../schedule/run-daemon.ts');
      await runDaemon(monitors, { ...settings, runNow: options.runNow });
      process.exitCode = 0;
    });
}
