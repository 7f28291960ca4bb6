import { existsSync } from 'node:fs';
import { percent, table, terminalSafe } from '../../report/terminal-text.ts';
import { HistoryError } from '../../storage/history-data.ts';
import { historySettings } from '../../storage/history-file.ts';
import { openHistory } from '../../storage/history.ts';
import { monitorTrend, type MonitorTrend } from '../../storage/loss-trend.ts';
import { UserError } from '../../user-error.ts';
import { checkHistoryFile, checkReadOutDir } from '../check-paths.ts';

/** `tagwatch history` options, as commander parsed them (src/cli/commands/history.ts). */
export interface HistoryOptions {
  json?: boolean;
  limit: number;
  out: string;
}

/** `tagwatch history`: per monitor, the loss trend of its stored runs, as tables or JSON. */
export async function runHistory(monitor: string | undefined, options: HistoryOptions): Promise<void> {
  // Before opening: a folder where history.json should be, or one tagwatch cannot read, is said as it is.
  checkReadOutDir(options.out, 'history --out');
  checkHistoryFile(options.out);
  const { file } = historySettings(options.out);
  const history = await open(file);
  const monitors = monitor ? [monitor] : [...new Set([...history.monitors(), ...history.reportedMonitors()])].sort();
  const trends = monitors.map((name) => monitorTrend(name, history.runsOf(name), options.limit));
  const reported = monitors.map((name) => reportedTrend(history, name, options.limit));
  const shown = monitors.filter((_, i) => trends[i]!.totalRuns > 0 || reported[i]!.days.length > 0);
  if (options.json) {
    const json = shown.map((name) => ({ ...trends[monitors.indexOf(name)]!, reported: reported[monitors.indexOf(name)]! }));
    process.stdout.write(`${JSON.stringify({ file, monitors: json }, null, 2)}\n`);
  }
  if (!shown.length) {
    const known = history.monitors();
    const why = !existsSync(file) || !known.length
      ? `No run history yet in ${file}: every \`tagwatch audit\` stores its run there.`
      : `No runs of monitor '${monitor}' in ${file}; monitors with runs: ${known.join(', ')}.`;
    (options.json ? process.stderr : process.stdout).write(`${terminalSafe(why)}\n`);
    return;
  }
  if (!options.json) {
    const texts = shown.map((name) => {
      const i = monitors.indexOf(name);
      return [trends[i]!.totalRuns > 0 ? trendText(trends[i]!, file) : `${name}: no audit in ${file}`, reportedText(reported[i]!)].filter(Boolean).join('\n\n');
    });
    process.stdout.write(texts.join('\n\n') + '\n');
  }
}

/** `tagwatch compare`'s daily reported / real ratios of a monitor, the last `limit` days, one column per platform. */
interface ReportedTrend {
  platforms: string[];
  days: { date: string; platforms: Record<string, { ratio?: number; reported: number; realOrders: number; provisional: boolean }> }[];
}

function reportedTrend(history: Awaited<ReturnType<typeof openHistory>>, monitor: string, limit: number): ReportedTrend {
  const platforms = history.reportedPlatforms(monitor);
  const byDay = new Map<string, ReportedTrend['days'][number]['platforms']>();
  for (const platform of platforms) {
    for (const [date, day] of Object.entries(history.reportedDays(monitor, platform))) {
      const entry = byDay.get(date) ?? {};
      entry[platform] = { ...(day.ratio !== undefined ? { ratio: day.ratio } : {}), reported: day.reported, realOrders: day.realOrders, provisional: day.provisional };
      byDay.set(date, entry);
    }
  }
  const days = [...byDay].sort(([a], [b]) => a.localeCompare(b)).slice(-limit).map(([date, entry]) => ({ date, platforms: entry }));
  return { platforms, days };
}

/** Beside the synthetic losses: what each platform reported per day against the real orders ("~" = the platform may still revise it). */
function reportedText(trend: ReportedTrend): string {
  if (!trend.days.length) return '';
  const rows = trend.days.map((day) => [day.date, ...trend.platforms.map((p) => {
    const figures = day.platforms[p];
    return figures ? `${figures.ratio === undefined ? '-' : percent(figures.ratio)}${figures.provisional ? '~' : ' '}` : '';
  })]);
  return ['reported / real orders per day (tagwatch compare; "~" = provisional):', table(['day', ...trend.platforms.map((p) => `${p} `)], rows)].map(terminalSafe).join('\n');
}

/** A history it cannot read is bad input (exit 2), with the file moved aside named. */
async function open(file: string) {
  try {
    const history = await openHistory(file);
    if (history.diagnostics.length) throw new UserError(history.diagnostics.join('\n'));
    return history;
  } catch (error) {
    if (error instanceof HistoryError) throw new UserError(error.message);
    throw error;
  }
}

/** Per condition, one row per run and one column per vendor; then the breaks and recoveries. */
function trendText(trend: MonitorTrend, file: string): string {
  const shown = trend.runs.length < trend.totalRuns ? ` (the last ${trend.runs.length} of ${trend.totalRuns})` : '';
  const out = [`${trend.monitor}: ${trend.totalRuns} run${trend.totalRuns === 1 ? '' : 's'}${shown} in ${file}; "!" = over the threshold`];
  const conditions = [...new Set(trend.runs.flatMap((run) => run.loss.map((row) => row.condition)))];
  for (const condition of conditions) {
    const vendors = [...new Set(trend.runs.flatMap((run) => run.loss.filter((row) => row.condition === condition).map((row) => row.vendor)))];
    const rows = trend.runs.map((run) => [
      runTime(run.startedAt),
      run.status,
      ...vendors.map((vendor) => {
        const row = run.loss.find((r) => r.vendor === vendor && r.condition === condition);
        return row ? `${percent(row.lossRate)}${row.broken ? '!' : ' '}` : '';
      }),
    ]);
    out.push('', `${condition}:`, table(['run (UTC)', 'status', ...vendors.map((v) => `${v} `)], rows));
  }
  // Runs with no loss table (an order-free monitor: a consent audit) are a verdict each, nothing per vendor.
  if (conditions.length === 0 && trend.runs.length) {
    out.push('', table(['run (UTC)', 'status', 'run'], trend.runs.map((run) => [runTime(run.startedAt), run.status, run.runId])));
    return out.map(terminalSafe).join('\n');
  }
  out.push('');
  if (!trend.events.length) out.push('No vendor broke or recovered in these runs.');
  else out.push('Broke and recovered:', ...trend.events.map((e) => `  ${runTime(e.startedAt)}  ${e.vendor} under ${e.condition} ${e.change} (loss ${percent(e.lossRate)}) in run ${e.runId}`));
  return out.map(terminalSafe).join('\n');
}

function runTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}
