import { validateDetailed } from 'node-cron';
import { isTimeZone } from '../monitor/time-zone.ts';

/** A monitor's `schedule` field, as the schema reads it. */
export interface MonitorSchedule {
  cron: string;
  timezone?: string;
}

const CRON_HELP =
  "use 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. '0 3 * * *' for 03:00 every day";

/**
 * Pure: what is wrong with a schedule, one line per field (`schedule.cron: ...`), empty when
 * node-cron can run it. The schema only checks the shape: `tagwatch audit` never needs the schedule.
 */
export function scheduleProblems(schedule: MonitorSchedule): string[] {
  const problems: string[] = [];
  const { errors } = validateDetailed(schedule.cron);
  if (errors.length) {
    const why = errors.map((e) => (e.field === 'expression' ? e.message : `${e.field} field: ${e.message}`)).join('; ');
    problems.push(`schedule.cron: '${schedule.cron}' is not a cron expression (${why}): ${CRON_HELP}`);
  }
  if (schedule.timezone !== undefined && !isKnownTimezone(schedule.timezone)) {
    problems.push(`schedule.timezone: unknown time zone '${schedule.timezone}': use an IANA name such as 'Europe/Paris' or 'UTC', or leave it out for the machine's own`);
  }
  return problems;
}

/** Whether this Node's ICU knows the IANA time zone (node-cron would silently never fire otherwise). */
export function isKnownTimezone(timezone: string): boolean {
  return isTimeZone(timezone);
}
