import { withCustomEndpoints } from '../catalog/custom-endpoints.ts';
import type { Verdict } from '../model/verdict.ts';
import type { RunEvent } from '../model/run-event.ts';
import type { OrderSourceDefinition } from '../orders/define-order-source.ts';
import { loadProjectPlugins } from '../plugins/project-plugins.ts';
import { cleanUpTestOrders } from './clean-up-orders.ts';
import { reconcile, type OrdersResult, type Reconciliation } from '../reconcile/reconcile.ts';
import { buildLossTable } from '../reconcile/loss-table.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import type { Monitor } from '../monitor/schema.ts';
import { maxLossRate } from '../monitor/loss-threshold.ts';
import type { ConditionDefinition } from '../conditions/define-condition.ts';
import { runReporters } from '../report/run-reporters.ts';
import { addTrackerInventory } from '../inventory/add-tracker-inventory.ts';
import { fetchRunOrders } from './fetch-run-orders.ts';
import { decodeJourneys } from './finalize-run.ts';
import { explainGap } from '../reconcile/gap.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { addBaselineChanges, openAuditHistory, storeVerdict } from '../storage/audit-history.ts';
import { isReleaseCheck } from '../storage/run-kind.ts';
import { decideAlert, type AlertDecision } from '../report/alert-policy.ts';
import { alertDelivered } from '../report/alert-delivery.ts';
import { rewriteResults } from '../report/rewrite-results.ts';
import type { ReportContext } from '../report/define-reporter.ts';
import { orderContext } from './orders-preflight.ts';

export interface AuditResult {
  verdict: Verdict;
  runDir: string;
  exitCode: 0 | 1 | 2;
}

export const EXIT_CODES = { pass: 0, fail: 1, inconclusive: 2 } as const;

/** A run whose journeys are over and whose run log is merged: what the verdict is reckoned from. */
export interface FinishedRun {
  monitor: Monitor;
  conditions: ConditionDefinition[];
  /** Where the run's orders are read (monitor orders.source). */
  orderSource: OrderSourceDefinition;
  runId: string;
  runDir: string;
  /** Parent folder of run folders (reports/latest, previous runs for the tracker inventory). */
  outDir: string;
  baseUrl: string;
  /** Start of the run (of its first shard): the order window opens a minute before. */
  startedAt: Date;
  /** The merged run log. */
  events: RunEvent[];
  /** Problems met so far; the verdict carries them with the ones found here. */
  diagnostics: string[];
  /** Why the site could not be reached, when no journey could run. */
  siteProblem?: string;
  /** Why the backend did not answer before the journeys, when none ran for that reason. */
  backendProblem?: string;
  capture: boolean;
  observed?: ObservedFigure[];
  write: (text: string) => void;
}

/**
 * Decode -> backend orders -> reconcile -> verdict -> inventory -> cleanup -> reporters. Shared by
 * `audit` (one machine) and `merge` (the run logs of every shard), so both reckon alike.
 */
export async function judgeRun(run: FinishedRun): Promise<AuditResult> {
  const { monitor, conditions, orderSource, runId, runDir, outDir, baseUrl, startedAt, siteProblem, backendProblem, write } = run;
  const diagnostics = run.diagnostics;
  const { plugins: vendors, diagnostics: vendorProblems } = await loadProjectPlugins('vendors', monitor.plugins);
  diagnostics.push(...vendorProblems);
  // The monitor's own collection endpoints decode as their vendor's hits, as the capture classified them.
  const journeys = decodeJourneys(run.events, withCustomEndpoints(vendors, monitor.endpoints, baseUrl), diagnostics);

  const unmeasured = siteProblem ? siteUnreachable(baseUrl, siteProblem, monitor) : backendProblem ? backendUnreachable(backendProblem, monitor) : undefined;
  const orders = unmeasured ? undefined : await readOrders(orderSource, monitor, runId, startedAt, journeys);
  const result = unmeasured
    ? unmeasured
    : reconcile({
        journeys,
        orders: orders!,
        expectations: monitor.expect,
        maxLossRate: (vendor, condition) => maxLossRate(monitor, conditions, vendor, condition),
        expectedLossConditions: conditions.filter((c) => c.lossIsExpected).map((c) => c.id),
        optOutSignals: Object.fromEntries(conditions.flatMap((c) => (c.optOutSignal ? [[c.id, c.optOutSignal]] : []))),
        advertisingVendors: vendors.filter((v) => v.category === 'advertising').map((v) => v.id),
        conditions: monitor.conditions,
      });
  const verdict: Verdict = {
    runId,
    monitor: monitor.name,
    baseUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ...result,
    gap: explainGap({ loss: result.loss, audience: monitor.audience, observed: run.observed, advertisingVendors: vendors.filter((v) => v.category === 'advertising').map((v) => v.id) }),
    diagnostics,
  };
  // Opened before the inventory: a corrupt history is moved aside before the previous run is looked up in it.
  const history = await openAuditHistory(outDir, verdict.diagnostics);
  // Without capture nothing was seen: no inventory, rather than one that says every tracker is gone.
  if (run.capture) await addTrackerInventory(verdict, journeys, outDir);
  const cleanup = await cleanUpTestOrders(orderSource, monitor.orders, orders, orderContext());
  if (cleanup) verdict.cleanup = cleanup;
  addBaselineChanges(verdict, history);
  // Alert on state change, from the state the history held when opened. A release check audits
  // another origin than the monitor's: it neither notifies nor moves the monitor's state.
  const decision: AlertDecision | undefined = isReleaseCheck() ? undefined : decideAlert(history?.monitorState(monitor.name), verdict, monitor.alerts);
  // Without the history every failing run looks like the first one: said, so a repeated alert is understood.
  if (decision && !history) decision.reason += ' (no run history: nothing is deduplicated)';
  if (decision) verdict.alert = { ...(decision.alert ? { alert: decision.alert } : {}), reason: decision.reason, failedChannels: [] };
  const { plugins: reporters, diagnostics: reporterProblems } = await loadProjectPlugins('reporters', monitor.plugins);
  verdict.diagnostics.push(...reporterProblems);
  // JSON first (order 0): the stored verdict must exist even if a later reporter fails.
  reporters.sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.id.localeCompare(b.id));
  const asWritten = JSON.stringify(verdict);
  const context: ReportContext = { runDir, outDir, monitor, write, env: process.env, alert: decision?.alert, failedChannels: [] };
  const reportProblems = await runReporters(reporters, verdict, context);
  verdict.diagnostics.push(...reportProblems);
  if (verdict.alert) verdict.alert.failedChannels = [...context.failedChannels];
  // After the reporters: their failures are part of the stored run. The state is worked out again
  // from the one read under the lock; an alert no channel delivered is not remembered as said.
  const delivered = alertDelivered(monitor, process.env, context.failedChannels);
  // An inconclusive run leaves the state as it is: nothing to write.
  const next = verdict.status === 'inconclusive' ? undefined : decision?.nextState;
  await storeVerdict(history, verdict, write, {
    alert: decision?.alert,
    ...(next ? { nextState: (fresh) => decideAlert(fresh, verdict, monitor.alerts, { delivered }).nextState ?? next } : {}),
  });
  // results.json was written first: the reporters' failures (Slack down) and the history's notes go in it too.
  if (JSON.stringify(verdict) !== asWritten) {
    for (const problem of rewriteResults(verdict, runDir, outDir)) write(`tagwatch: note: ${problem}\n`);
  }
  return { verdict, runDir, exitCode: EXIT_CODES[verdict.status] };
}

async function readOrders(source: OrderSourceDefinition, monitor: Monitor, runId: string, startedAt: Date, journeys: JourneyRecord[]): Promise<OrdersResult> {
  return fetchRunOrders({
    source,
    settings: monitor.orders,
    context: orderContext(),
    runId,
    from: new Date(startedAt.getTime() - 60_000),
    expectedIds: journeys.flatMap((j) => (j.orderId ? [j.orderId] : [])),
    waitSeconds: monitor.orders.waitSeconds,
  });
}

/** No journey ran because the backend did not answer first: nothing was measured, and that is the one reason. */
function backendUnreachable(problem: string, monitor: Monitor): Reconciliation {
  return {
    status: 'inconclusive',
    summary: `Could not measure tracking loss: the orders backend did not answer before the journeys (${problem}), so none ran.`,
    journeys: [],
    loss: buildLossTable([], Object.keys(monitor.expect), monitor.conditions, false),
    findings: [{ severity: 'error', kind: 'backend-unreachable', message: `${problem}; no journey ran. Check orders.* in the monitor and the backend's credentials.` }],
  };
}

/** No journey ran: nothing was measured, and the one reason is the site. */
function siteUnreachable(baseUrl: string, problem: string, monitor: Monitor): Reconciliation {
  return {
    status: 'inconclusive',
    summary: `Could not measure tracking loss: the site ${baseUrl} could not be reached (${problem}).`,
    journeys: [],
    loss: buildLossTable([], Object.keys(monitor.expect), monitor.conditions, false),
    findings: [{ severity: 'error', kind: 'site-unreachable', message: `The site ${baseUrl} could not be reached: ${problem}` }],
  };
}

