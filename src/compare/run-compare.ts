import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeRunId } from '../audit/run-id.ts';
import { resolveMonitor } from '../audit/resolve-monitor.ts';
import { loadVendors } from '../catalog/index.ts';
import { decideAlert } from '../judge/alert-policy.ts';
import { invalidMonitor } from '../monitor/load-monitor.ts';
import { BackendUnreachableError } from '../orders/define-order-source.ts';
import { alertCredentialProblems } from '../report/alert-credentials.ts';
import { alertDelivered } from '../report/alert-delivery.ts';
import { explainGap } from '../reconcile/gap.ts';
import type { ReportedDay } from '../storage/history-data.ts';
import { openAuditHistory } from '../storage/audit-history.ts';
import { UserError } from '../user-error.ts';
import { sendComparisonAlert } from './compare-alert.ts';
import { comparePeriod, type PlatformComparison } from './compare-period.ts';
import { comparisonTable } from './compare-table.ts';
import { judgeComparison, type ComparisonVerdict } from './compare-verdict.ts';
import { addDays, dayIn, daysOf, parseDay, periodInstants } from './days.ts';
import { missingPattern } from './missing-patterns.ts';
import { PlatformUnreachableError, type Period, type PlatformClient, type PlatformId, type PlatformReport, type RealOrder } from './model.ts';
import { loadPlatformClient } from './platforms/index.ts';
import { comparisonHtml } from './report-html.ts';
import { testOrderMatcher } from './test-orders.ts';
import { ratioDrops, type RatioPoint } from './usual-range.ts';

export interface CompareOptions {
  monitorFile?: string;
  /** `YYYY-MM-DD`; default: the monitor's `compare.days` days up to yesterday. */
  from?: string;
  to?: string;
  outDir: string;
  /** Send the alert the policy decides (default true; `--no-alert` for a look without telling anyone). */
  notify?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Platform clients by id, instead of the built-in ones (tests, plugins). */
  clients?: Partial<Record<PlatformId, PlatformClient>>;
  write?: (text: string) => void;
}

export interface CompareResult {
  verdict: ComparisonVerdict;
  /** The comparison's folder: comparison.json, report.html. */
  dir: string;
  exitCode: 0 | 1 | 2;
}

/** Per request to a backend or an API. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `tagwatch compare`: the real orders of a period from the monitor's order source, what each
 * configured platform reported for it, per day; the days below a platform's usual range, what
 * the orders GA4 never received have in common, and how much of each gap the latest audit's
 * measured losses explain. Writes the comparison's folder, stores the daily ratios in the
 * history, then alerts (same channels and policy as audits). Bad input is said before anything is read.
 */
export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  // No journey runs: a monitor used only to compare needs no scenarios.
  const { monitor, file, orderSource } = await resolveMonitor(options.monitorFile, { journeys: false }, env);
  const orders = monitor.orders;
  if (!orderSource || !orders) {
    throw invalidMonitor(file, ["orders: none, and compare reads the period's real orders from the backend: add the order source, e.g. orders: { source: 'postgres', ... } (docs/order-sources.md)"]);
  }
  const timeZone = monitor.compare.timeZone;
  const period = resolvePeriod(options, timeZone, now, monitor.compare.days);
  const configured = Object.entries(monitor.compare.platforms) as [PlatformId, Record<string, unknown>][];
  if (configured.length === 0) {
    throw invalidMonitor(file, ["compare.platforms: no platform to compare with; e.g. compare: { platforms: { ga4: { propertyId: '123456789' } } } (docs/compare.md)"]);
  }
  const clients = await Promise.all(configured.map(async ([id]) => options.clients?.[id] ?? (await loadPlatformClient(id))));
  const problems = configured.flatMap(([, settings], i) => [...clients[i]!.validateSettings(settings), ...clients[i]!.credentialProblems(settings, env)]);
  if (!orderSource.fetchPeriodOrders) {
    problems.push(`orders.source: the order source '${orderSource.id}' cannot list the orders of a period (it has no fetchPeriodOrders): compare needs one that can (docs/order-sources.md)`);
  }
  if (options.notify !== false) problems.push(...alertCredentialProblems(monitor, env));
  if (problems.length) throw invalidMonitor(file, problems);

  const startedAt = new Date().toISOString();
  const runId = makeRunId();
  const diagnostics: string[] = [];
  const context = { env, timeoutMs: REQUEST_TIMEOUT_MS };
  const instants = periodInstants(period, timeZone);
  const [ordersRead, reports] = await Promise.all([
    orderSource.fetchPeriodOrders!({ ...instants, isTestOrder: testOrderMatcher(monitor.stampEmail) }, orders, context).then(
      (orders) => ({ orders }),
      (error: unknown) => {
        // A settings problem the source finds only when asked for a period (postgres: a query that needs the run id) is bad input, not a backend down.
        if (error instanceof UserError) throw error;
        return { unavailable: error instanceof BackendUnreachableError ? error.message : `order source ${orderSource.id} failed: ${(error as Error).message}` };
      },
    ),
    Promise.all(configured.map(([id, settings], i) => readPlatform(clients[i]!, id, period, settings, { ...context, now }))),
  ]);

  const outDir = resolve(options.outDir);
  const history = await openAuditHistory(outDir, diagnostics);
  let verdict: ComparisonVerdict;
  const finishedAt = () => new Date().toISOString();
  if ('unavailable' in ordersRead) {
    verdict = judgeComparison({ monitor: monitor.name, runId, startedAt, finishedAt: finishedAt(), ordersUnavailable: ordersRead.unavailable, patterns: [], drops: [], unjudgedDays: [], maxUnexplained: monitor.compare.alerts.maxUnexplained, diagnostics });
  } else {
    const orders = ordersRead.orders;
    const comparison = comparePeriod({ period, timeZone, orders, reports });
    const available = comparison.platforms.filter((p): p is Extract<PlatformComparison, { available: true }> => p.available);
    const patterns = available.flatMap((p) => {
      if (!p.days.some((d) => d.missingOrderIds)) return [];
      const pattern = missingPattern(p.platform, orders, new Set(p.days.flatMap((d) => d.missingOrderIds ?? [])), timeZone);
      return pattern ? [{ platform: p.platform, pattern }] : [];
    });
    const drops: ComparisonVerdict['drops'] = [];
    const unjudgedDays: ComparisonVerdict['unjudgedDays'] = [];
    for (const platform of available) {
      const stored = history?.reportedDays(monitor.name, platform.platform) ?? {};
      const points = new Map<string, RatioPoint>();
      for (const [date, day] of Object.entries(stored)) if (day.ratio !== undefined) points.set(date, { date, ratio: day.ratio, provisional: day.provisional });
      for (const day of platform.days) if (day.countRatio !== undefined) points.set(day.date, { date: day.date, ratio: day.countRatio, provisional: day.provisional });
      const judged = ratioDrops([...points.values()], daysOf(period));
      drops.push(...judged.drops.map((drop) => ({ platform: platform.platform, drop })));
      if (judged.unjudged.length) unjudgedDays.push({ platform: platform.platform, days: judged.unjudged });
    }
    const audit = history?.lastRun(monitor.name, { where: (run) => run.status !== 'inconclusive' && run.loss.length > 0 });
    const { vendors } = await loadVendors();
    const gap = audit
      ? explainGap({
          loss: audit.loss,
          audience: monitor.audience,
          observed: available.flatMap((p) => (p.total.countRatio ? [{ vendor: p.platform, ratio: p.total.countRatio, backendOrders: p.total.realOrders, platformConversions: p.total.reported, source: `tagwatch compare ${period.from} to ${period.to}` }] : [])),
          advertisingVendors: vendors.filter((v) => v.category === 'advertising').map((v) => v.id),
        })
      : undefined;
    if (!audit) diagnostics.push(`no audit of ${monitor.name} in the history: the gap is not explained by measured causes (run \`tagwatch audit\` first)`);
    verdict = judgeComparison({
      monitor: monitor.name,
      runId,
      startedAt,
      finishedAt: finishedAt(),
      comparison,
      patterns,
      drops,
      unjudgedDays,
      ...(gap ? { gap } : {}),
      ...(audit ? { auditRunId: audit.runId } : {}),
      maxUnexplained: monitor.compare.alerts.maxUnexplained,
      diagnostics,
    });
  }

  const dir = writeComparisonFolder(outDir, verdict);
  write(comparisonTable(verdict));
  write(`report: ${join(dir, 'report.html')}\n`);

  // The alert and the history after the verdict: effects, never a change to it.
  if (history) {
    const previous = history.compareState(monitor.name);
    const policyVerdict = { runId, monitor: monitor.name, status: verdict.status, findings: verdict.findings, finishedAt: verdict.finishedAt };
    const policy = { remindAfterRuns: monitor.alerts.remindAfterRuns };
    const decision = decideAlert(previous, policyVerdict, policy);
    // Not sent (--no-alert) or sent nowhere: the next comparison announces it again.
    let delivered = options.notify !== false;
    if (decision.alert && options.notify !== false) {
      const report = monitor.alerts.reportBaseUrl ? `${monitor.alerts.reportBaseUrl.replace(/\/$/, '')}/compare-${runId}/report.html` : join(dir, 'report.html');
      const failed = await sendComparisonAlert(verdict, decision.alert, monitor, env, report, write);
      for (const { problem } of failed) write(`tagwatch: ${problem}\n`);
      delivered = alertDelivered(monitor, env, failed.map((f) => f.channel));
    }
    const final = decision.alert ? decideAlert(previous, policyVerdict, policy, { delivered }) : decision;
    write(`tagwatch: alert: ${final.reason}\n`);
    try {
      await history.storeComparison(monitor.name, storedDays(verdict), final.nextState ? () => final.nextState! : undefined);
    } catch (error) {
      write(`tagwatch: the comparison's days were not stored in the history: ${(error as Error).message}\n`);
    }
  }
  return { verdict, dir, exitCode: verdict.status === 'pass' ? 0 : verdict.status === 'fail' ? 1 : 2 };
}

/** The period from the flags, else the monitor's `compare.days` up to yesterday in its time zone; said clearly when wrong. */
export function resolvePeriod(options: { from?: string; to?: string }, timeZone: string, now: Date, days: number): Period {
  const today = dayIn(now, timeZone);
  const check = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const day = parseDay(value);
    if (!day) throw new UserError(`--${flag} ${value}: a calendar day as YYYY-MM-DD, e.g. --${flag} ${addDays(today, -7)}`);
    return day;
  };
  const to = check('to', options.to) ?? addDays(today, -1);
  const from = check('from', options.from) ?? addDays(to, -(days - 1));
  if (from > to) throw new UserError(`--from ${from} is after --to ${to}: the period runs from the first day to the last`);
  if (to > today) throw new UserError(`--to ${to} is in the future (today is ${today} in ${timeZone}): nothing is reported for it yet`);
  if (daysOf({ from, to }).length > 366) throw new UserError(`--from ${from} --to ${to}: more than 366 days; compare a year at most`);
  return { from, to };
}

async function readPlatform(client: PlatformClient, id: PlatformId, period: Period, settings: Record<string, unknown>, context: { env: NodeJS.ProcessEnv; timeoutMs: number; now: Date }): Promise<PlatformReport | { platform: PlatformId; unavailable: string }> {
  try {
    return await client.report(period, settings, context);
  } catch (error) {
    const message = error instanceof PlatformUnreachableError ? error.message : `${client.label} failed unexpectedly: ${(error as Error).message}`;
    return { platform: id, unavailable: message };
  }
}

/** The folder `<out>/compare-<runId>/`, written whole (temp folder, then renamed): comparison.json and report.html. */
function writeComparisonFolder(outDir: string, verdict: ComparisonVerdict): string {
  const dir = join(outDir, `compare-${verdict.runId}`);
  const temp = `${dir}.partial`;
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, 'comparison.json'), `${JSON.stringify(verdict, null, 2)}\n`);
  writeFileSync(join(temp, 'report.html'), comparisonHtml(verdict));
  renameSync(temp, dir);
  return dir;
}

/** The days the history keeps: each available platform's, with its ratio and whether it may still change. */
function storedDays(verdict: ComparisonVerdict): Record<string, Record<string, ReportedDay>> {
  const out: Record<string, Record<string, ReportedDay>> = {};
  for (const platform of verdict.comparison?.platforms ?? []) {
    if (!platform.available) continue;
    out[platform.platform] = Object.fromEntries(
      platform.days.map((d) => [
        d.date,
        { reported: d.reported, realOrders: d.realOrders, ...(d.countRatio !== undefined ? { ratio: d.countRatio } : {}), ...(d.revenueRatio !== undefined ? { revenueRatio: d.revenueRatio } : {}), provisional: d.provisional, runId: verdict.runId, readAt: verdict.finishedAt },
      ]),
    );
  }
  return out;
}

export type { RealOrder };
