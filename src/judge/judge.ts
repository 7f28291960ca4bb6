import { createCatalog, decodeRunLog, type VendorDefinition } from '../catalog/index.ts';
import { undeclaredEndpointCause, undeclaredPurchases, type UndeclaredPurchase } from './undeclared-endpoints.ts';
import type { TrackerNamer } from '../inventory/build-inventory.ts';
import { buildTrackerInventory } from '../inventory/build-inventory.ts';
import type { Verdict } from '../model/verdict.ts';
import { maxLossRate } from '../monitor/loss-threshold.ts';
import type { Monitor } from '../monitor/schema.ts';
import { explainGap } from '../reconcile/gap.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import { buildLossTable } from '../reconcile/loss-table.ts';
import { reconcile, type Reconciliation } from '../reconcile/reconcile.ts';
import { trackerChanges } from '../reconcile/tracker-changes.ts';
import type { RunRecord } from '../record/run-record.ts';
import type { ConditionFacts } from '../record/run-settings.ts';
import { decideAlert } from './alert-policy.ts';
import { baselineDiff } from './baseline-diff.ts';
import { regressionFindings, releaseRegressions } from './release-regressions.ts';
import { toStoredRun } from './stored-run.ts';
import { whatBroke } from './what-broke.ts';

/** What judging needs besides the run folder: code and data, the same for every judgement of a run. */
export interface JudgeDependencies {
  /** The catalog the run decodes with: built-in vendors and the monitor's own. */
  vendors: VendorDefinition[];
  /** Problems of the catalog's files (a built-in vendor that did not load). */
  vendorProblems?: string[];
  /** Names third parties (trackerdb); absent: no tracker inventory, and `namerProblem` says why. */
  namer?: TrackerNamer;
  namerProblem?: string;
}

export const EXIT_CODES = { pass: 0, fail: 1, inconclusive: 2 } as const;

/**
 * The verdict of a run, from its record alone: pure and total (no clock, no I/O, no throw on a
 * run that measured nothing). Every derived fact is on it when it is made (each loss row's
 * threshold, what broke and the revenue at risk, what changed since the last passing run, the
 * alert decision, a release check's regressions): nothing is patched in afterwards, so judging
 * the same folder again gives the same verdict.
 */
export function judge(record: RunRecord, deps: JudgeDependencies): Verdict {
  const { settings, events, inputs } = record;
  const { monitor, runId, baseUrl } = settings;
  const diagnostics = [...record.logProblems, ...(deps.vendorProblems ?? []), ...inputs.diagnostics];
  const runStart = events.find((e) => e.type === 'run-start');
  const runEnd = events.find((e) => e.type === 'run-end');
  if (runEnd && runEnd.runnerExitCode !== 0) diagnostics.push(`journey runner exited with code ${runEnd.runnerExitCode}: failed journeys or a crashed browser (see the journey lines)`);
  const conditions: ConditionFacts[] = settings.conditionFacts ?? monitor.conditions.map((id) => ({ id }));
  const advertisingVendors = deps.vendors.filter((v) => v.category === 'advertising').map((v) => v.id);

  // Each hit decoded by the vendor the capture recorded on it (no second classification); the
  // monitor's own endpoints for hits of older run logs that carry none.
  const catalog = createCatalog(deps.vendors, { endpoints: monitor.endpoints, baseUrl });
  const journeys = decodeRunLog(events, catalog, diagnostics);

  // No orders block: an order-free monitor (a consent or privacy audit of pages), judged on its findings.
  const orderFree = !monitor.orders;
  const unmeasured = inputs.siteProblem
    ? siteUnreachable(baseUrl, inputs.siteProblem, monitor)
    : inputs.backendProblem
      ? backendUnreachable(inputs.backendProblem, monitor)
      : undefined;
  const result =
    unmeasured ??
    reconcile({
      journeys,
      orders: orderFree ? { ok: true, orders: [] } : (inputs.orders?.result ?? { ok: false, error: 'the run\'s orders were never read' }),
      orderFree,
      ordersWindow: inputs.orders?.window,
      undeclaredPurchases: withCauses(undeclaredPurchases(events, catalog, Object.keys(monitor.expect)), baseUrl),
      orderSource: inputs.orders?.source,
      expectations: monitor.expect,
      // Monitors recorded before the setting existed judge with its default.
      firedWithoutBanner: monitor.consent?.firedWithoutBanner ?? 'warning',
      maxLossRate: (vendor, condition) => maxLossRate(monitor, conditions, vendor, condition),
      expectedLossConditions: conditions.filter((c) => c.lossIsExpected).map((c) => c.id),
      optOutSignals: Object.fromEntries(conditions.flatMap((c) => (c.optOutSignal ? [[c.id, c.optOutSignal]] : []))),
      quickExitConditions: conditions.filter((c) => c.leavesAtLoad).map((c) => c.id),
      advertisingVendors,
      conditions: monitor.conditions,
      // Monitors recorded before timing existed judge with the default.
      lateHitSeconds: monitor.timing?.lateHitSeconds ?? 1,
    });

  const verdict: Verdict = {
    runId,
    monitor: monitor.name,
    baseUrl,
    startedAt: runStart?.time ?? runEnd?.time ?? '',
    finishedAt: runEnd?.time ?? runStart?.time ?? '',
    ...result,
    gap: explainGap({ loss: result.loss, audience: monitor.audience, observed: settings.observed, advertisingVendors }),
    diagnostics,
    ...(inputs.cleanup ? { cleanup: inputs.cleanup } : {}),
  };
  if (settings.kind === 'check') verdict.kind = 'check';
  if (orderFree) verdict.orderFree = true;
  // Without capture nothing was seen: no inventory, rather than one that says every tracker is gone.
  if (settings.capture) addTrackers(verdict, journeys, record, deps);
  const { lastPassingRun, previousState, available } = inputs.history;
  if (lastPassingRun) verdict.changes = baselineDiff(toStoredRun(verdict), lastPassingRun);
  if (settings.kind === 'check') {
    judgeAsReleaseCheck(verdict, record);
  } else {
    const decision = decideAlert(previousState, verdict, monitor.alerts);
    // Without the history every failing run looks like the first one: said, so a repeated alert is understood.
    const reason = available ? decision.reason : `${decision.reason} (no run history: nothing is deduplicated)`;
    verdict.alert = { ...(decision.alert ? { alert: decision.alert } : {}), reason };
  }
  verdict.broke = whatBroke(verdict, monitor.business);
  return verdict;
}

/** Every third party of the journeys named (trackerdb), and the trackers that appeared or disappeared since the previous run. */
function addTrackers(verdict: Verdict, journeys: JourneyRecord[], record: RunRecord, deps: JudgeDependencies): void {
  if (!deps.namer) {
    verdict.diagnostics.push(`tracker inventory skipped: ${deps.namerProblem ?? 'no tracker database'}`);
    return;
  }
  verdict.trackers = buildTrackerInventory(journeys, deps.namer);
  const previous = record.inputs.history.previousTrackers;
  if (previous) verdict.findings.push(...trackerChanges({ runId: verdict.runId, trackers: verdict.trackers, journeys: verdict.journeys }, previous));
}

/**
 * A release check: the verdict of the preview origin, compared with production's baseline (the
 * monitor's last passing audit). Any vendor worse than in production fails the check, as does
 * any failed expectation. A check never notifies: it has no alert decision.
 */
function judgeAsReleaseCheck(verdict: Verdict, record: RunRecord): void {
  const baseline = record.inputs.history.lastPassingRun;
  const { monitor } = record.settings;
  if (!baseline) {
    verdict.summary = `Release check without a production baseline (no passing audit of ${verdict.monitor} in the history): judged on the expectations alone. ${verdict.summary}`;
    return;
  }
  verdict.releaseBaseline = { runId: baseline.runId, baseUrl: baseline.baseUrl, startedAt: baseline.startedAt };
  const regressions = releaseRegressions(toStoredRun(verdict), baseline, { eventName: (vendor) => monitor.expect[vendor]?.eventName });
  if (!regressions.length) {
    verdict.summary = `Release check: no regression against production run ${baseline.runId}. ${verdict.summary}`;
    return;
  }
  verdict.findings.unshift(...regressionFindings(regressions, baseline.runId));
  verdict.status = 'fail';
  const count = regressions.length === 1 ? '1 regression' : `${regressions.length} regressions`;
  verdict.summary = `Release check: ${count} against production run ${baseline.runId}: ${regressions.map((r) => r.line).join('; ')}. ${verdict.summary}`;
}

/** No journey ran: nothing was measured, and the one reason is the site. */
function siteUnreachable(baseUrl: string, problem: string, monitor: Monitor): Reconciliation {
  return {
    status: 'inconclusive',
    summary: `Could not ${monitor.orders ? 'measure tracking loss' : 'audit the pages'}: the site ${baseUrl} could not be reached (${problem}).`,
    journeys: [],
    loss: unmeasuredLoss(monitor),
    findings: [{ severity: 'error', kind: 'site-unreachable', message: `The site ${baseUrl} could not be reached: ${problem}` }],
  };
}

/** No journey ran because the backend did not answer first: nothing was measured, and that is the one reason. */
function backendUnreachable(problem: string, monitor: Monitor): Reconciliation {
  return {
    status: 'inconclusive',
    summary: `Could not measure tracking loss: the orders backend did not answer before the journeys (${problem}), so none ran.`,
    journeys: [],
    loss: unmeasuredLoss(monitor),
    findings: [{ severity: 'error', kind: 'backend-unreachable', message: `${problem}; no journey ran. Check orders.* in the monitor and the backend's credentials.` }],
  };
}

/** The loss table of a run that measured nothing: every row unmeasured, none over its threshold. */
function unmeasuredLoss(monitor: Monitor): Verdict['loss'] {
  // An order-free monitor has no loss table, measured or not.
  if (!monitor.orders) return [];
  return buildLossTable([], Object.keys(monitor.expect), monitor.conditions, false).map((row) => ({ ...row, overThreshold: false }));
}

/** Each undeclared purchase with the loss cause it gives (the endpoint to declare, relative to the shop when it is the shop's). */
function withCauses(found: Map<string, UndeclaredPurchase[]>, baseUrl: string): Map<string, { vendor: string; url: string; cause: string }[]> {
  return new Map([...found].map(([orderId, list]) => [orderId, list.map((p) => ({ ...p, cause: undeclaredEndpointCause(p, baseUrl) }))]));
}
