import { formatDuration } from './duration.ts';

/** Why a run started. */
export type RunTrigger = 'schedule' | 'run-now' | 'once';

/** How one run went, as the daemon logs it. */
export interface RunReport {
  monitor: string;
  trigger: RunTrigger;
  runId?: string;
  /** The verdict (pass, fail, inconclusive), or why there is none: timed-out, cancelled, crashed, no-verdict, not-started. */
  status: string;
  /** The audit's exit code, or the signal that ended it. */
  exit: string;
  /** 0 pass, 1 fail, 2 anything else: what `--once` exits with. */
  exitCode: 0 | 1 | 2;
  durationMs: number;
  /** The run's output. */
  logFile: string;
}

/** A daemon log line: ISO time first, one line whatever the text holds. */
export function logLine(text: string, time = new Date()): string {
  return `${time.toISOString()} ${text.replace(/[\r\n]+/g, ' ')}\n`;
}

/** Pure: `demo-shop start trigger=schedule pid=123 log=/reports/.schedule-logs/…` */
export function runStartText(monitor: string, trigger: RunTrigger, pid: number | undefined, logFile: string): string {
  return `${monitor} start trigger=${trigger} pid=${pid ?? '-'} log=${value(logFile)}`;
}

/** Pure: `demo-shop end run=20260501-030000-ab12 status=pass exit=0 duration=21.4s log=…` */
export function runEndText(report: RunReport): string {
  return `${report.monitor} end run=${report.runId ?? '-'} status=${report.status} exit=${value(report.exit)} duration=${formatDuration(report.durationMs)} log=${value(report.logFile)}`;
}

/** Pure: `demo-shop compare start pid=124 log=/reports/.schedule-logs/….compare.log` */
export function compareStartText(monitor: string, pid: number | undefined, logFile: string): string {
  return `${monitor} compare start pid=${pid ?? '-'} log=${value(logFile)}`;
}

/** Pure: `demo-shop compare end status=problems-found exit=1 duration=12.0s log=…` */
export function compareEndText(end: { monitor: string; status: string; exit: string; durationMs: number; logFile: string }): string {
  return `${end.monitor} compare end status=${end.status} exit=${value(end.exit)} duration=${formatDuration(end.durationMs)} log=${value(end.logFile)}`;
}

/** Quoted only when it has to be, so lines stay easy to read and to split. */
function value(text: string): string {
  return /[\s"]/.test(text) ? JSON.stringify(text) : text;
}
