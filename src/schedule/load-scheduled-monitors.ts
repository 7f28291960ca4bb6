import { resolve } from 'node:path';
import { defaultMonitorFiles } from '../audit/project-monitors.ts';
import { resolveMonitor } from '../audit/resolve-monitor.ts';
import { UserError } from '../user-error.ts';
import { scheduleProblems, type MonitorSchedule } from './schedule-problems.ts';

/** A monitor file the daemon runs: its name (for logs and the overlap guard) and its schedule. */
export interface ScheduledMonitor {
  /** Absolute path, given to each run's `tagwatch audit`. */
  file: string;
  name: string;
  /** Absent only with --once / --run-now. */
  schedule?: MonitorSchedule;
  /** `compare.afterScheduledAudit`: run `tagwatch compare` right after each of its audits. */
  compareAfterAudit?: boolean;
}

/**
 * Loads and checks every monitor file before anything runs: the same checks as `tagwatch audit`
 * (fields, condition, vendor and source names) plus the schedule. Every file's problems are
 * reported at once, each under its file, in one UserError (exit 2).
 */
export async function loadScheduledMonitors(files: string[], options: { requireSchedule: boolean }): Promise<ScheduledMonitor[]> {
  const paths = (files.length ? files : defaultMonitorFiles().files).map((file) => resolve(file));
  const blocks: string[] = [];
  const monitors: ScheduledMonitor[] = [];
  for (const [index, file] of paths.entries()) {
    if (paths.indexOf(file) !== index) {
      blocks.push(`Monitor ${file} is given twice: pass each monitor file once.`);
      continue;
    }
    let monitor;
    try {
      ({ monitor } = await resolveMonitor(file, {}));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      blocks.push(error.message);
      continue;
    }
    const problems = monitor.schedule ? scheduleProblems(monitor.schedule) : [];
    if (!monitor.schedule && options.requireSchedule) {
      problems.push(`schedule: missing: add schedule: { cron: '0 3 * * *' } (03:00 every day), or pass --once to run it once, or --run-now`);
    }
    if (problems.length) {
      blocks.push(`Invalid monitor ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix the fields above and run again.`);
      continue;
    }
    const twin = monitors.find((m) => m.name === monitor.name);
    if (twin) {
      blocks.push(`Monitors ${twin.file} and ${file} are both named '${monitor.name}': give each a name of its own (their runs and history would mix).`);
      continue;
    }
    monitors.push({ file, name: monitor.name, schedule: monitor.schedule, ...(monitor.compare.afterScheduledAudit && { compareAfterAudit: true }) });
  }
  if (blocks.length) throw new UserError(blocks.join('\n'));
  return monitors;
}
