import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadVendors } from '../catalog/index.ts';
import { withCustomEndpoints } from '../catalog/custom-endpoints.ts';
import { RunLogWriter } from '../capture/run-log.ts';
import { writeRunSettings } from '../capture/run-settings.ts';
import { parseFaults, startDemoShop, type DemoShop } from '../demo-shop/index.ts';
import type { Verdict } from '../model/verdict.ts';
import { loadOrderSources } from '../orders/load-order-sources.ts';
import type { OrderSourceContext, OrderSourceDefinition } from '../orders/define-order-source.ts';
import { cleanUpTestOrders } from './clean-up-orders.ts';
import { reconcile, type OrdersResult, type Reconciliation } from '../reconcile/reconcile.ts';
import { buildLossTable } from '../reconcile/loss-table.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import type { Monitor } from '../monitor/schema.ts';
import type { ConditionDefinition } from '../conditions/define-condition.ts';
import { loadReporters, runReporters } from '../report/run-reporters.ts';
import { addTrackerInventory } from '../inventory/add-tracker-inventory.ts';
import { fetchRunOrders } from './fetch-run-orders.ts';
import { decodeJourneys, mergeRunLog } from './finalize-run.ts';
import { resolveMonitor, type MonitorOverrides } from './resolve-monitor.ts';
import { makeRunId } from './run-id.ts';
import { checkObservedVendors } from './observed-figures.ts';
import { explainGap } from '../reconcile/gap.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { runJourneys } from './run-journeys.ts';
import { checkSiteReachable } from './site-check.ts';

export interface AuditOptions extends MonitorOverrides {
  /** Monitor file. Default: the demo shop monitor. */
  monitorFile?: string;
  /** Parent folder of run folders. Default ./reports. */
  outDir?: string;
  headed?: boolean;
  /** Capture tag requests (default). Off only for the overhead benchmark. */
  capture?: boolean;
  /** Output for progress and the console report. Default: stdout. */
  write?: (text: string) => void;
  /** Called once the embedded demo shop runs (tests use it to act on the shop mid-audit). */
  onDemoShop?: (shop: DemoShop) => void;
  /** What the platforms report (conversions / backend orders), to explain the gap against. */
  observed?: ObservedFigure[];
}

export interface AuditResult {
  verdict: Verdict;
  runDir: string;
  exitCode: 0 | 1 | 2;
}

const EXIT_CODES = { pass: 0, fail: 1, inconclusive: 2 } as const;

/** One audit: journeys in Chromium -> run log -> decode -> backend orders -> verdict -> reports. */
export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const { monitor, conditions } = await resolveMonitor(options.monitorFile, options);
  checkObservedVendors(options.observed, Object.keys(monitor.expect));
  // Blockers first: a missing filter list is a clear error before any browser starts, and the
  // compiled engine is cached for the workers.
  for (const condition of conditions) await condition.createBlocker?.(monitor);
  const startedAt = new Date();
  const runId = makeRunId(startedAt);
  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = join(outDir, runId);
  mkdirSync(runDir, { recursive: true });
  const diagnostics: string[] = [];

  let shop: DemoShop | undefined;
  try {
    if (!monitor.site.baseUrl) {
      shop = await startDemoShop({ faults: parseFaults(monitor.site.demo.faults), consentMode: monitor.site.demo.consentMode, dataDir: join(runDir, 'demo-shop') });
      options.onDemoShop?.(shop);
    }
    const baseUrl = monitor.site.baseUrl ?? shop!.url;
    const log = new RunLogWriter(runDir);
    log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });

    const siteProblem = await checkSiteReachable(baseUrl);
    let runnerExitCode = 0;
    if (!siteProblem) {
      writeRunSettings({ runId, runDir, baseUrl, monitor, capture: options.capture !== false });
      write(`tagwatch: auditing ${monitor.name} at ${baseUrl} (${monitor.conditions.join(', ')} x ${monitor.repeat})\n`);
      runnerExitCode = await runJourneys({ runDir, headed: options.headed, write });
      if (runnerExitCode !== 0) diagnostics.push(`journey runner exited with code ${runnerExitCode}: failed journeys or a crashed browser (see the journey lines)`);
    }
    log.write({ type: 'run-end', time: new Date().toISOString(), runId, runnerExitCode });

    const { events, problems } = mergeRunLog(runDir);
    diagnostics.push(...problems);
    const { vendors, diagnostics: vendorProblems } = await loadVendors();
    diagnostics.push(...vendorProblems);
    // The monitor's own collection endpoints decode as their vendor's hits, as the capture classified them.
    const journeys = decodeJourneys(events, withCustomEndpoints(vendors, monitor.endpoints, baseUrl), diagnostics);

    const orderSource = await findOrderSource(monitor);
    const orders = siteProblem ? undefined : await readOrders(orderSource, monitor, runId, startedAt, journeys, shop);
    const result = siteProblem
      ? siteUnreachable(baseUrl, siteProblem, monitor)
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
      gap: explainGap({ loss: result.loss, audience: monitor.audience, observed: options.observed, advertisingVendors: vendors.filter((v) => v.category === 'advertising').map((v) => v.id) }),
      diagnostics,
    };
    // Without capture nothing was seen: no inventory, rather than one that says every tracker is gone.
    if (options.capture !== false) await addTrackerInventory(verdict, journeys, outDir);
    const cleanup = await cleanUpTestOrders(orderSource, monitor.orders, orders, orderContext(shop));
    if (cleanup) verdict.cleanup = cleanup;
    const { plugins: reporters, diagnostics: reporterProblems } = await loadReporters();
    verdict.diagnostics.push(...reporterProblems);
    // JSON first (order 0): the stored verdict must exist even if a later reporter fails.
    reporters.sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.id.localeCompare(b.id));
    const reportProblems = await runReporters(reporters, verdict, { runDir, outDir, monitor, write, env: process.env, failedChannels: [] });
    verdict.diagnostics.push(...reportProblems);
    return { verdict, runDir, exitCode: EXIT_CODES[verdict.status] };
  } finally {
    await shop?.close();
  }
}

async function findOrderSource(monitor: Monitor): Promise<OrderSourceDefinition> {
  const { plugins: sources } = await loadOrderSources();
  // resolveMonitor checked the id before any browser started.
  return sources.find((s) => s.id === monitor.orders.source)!;
}

function orderContext(shop: DemoShop | undefined): OrderSourceContext {
  return { demoOrdersUrl: shop?.ordersUrl, env: process.env, timeoutMs: 10_000 };
}

async function readOrders(source: OrderSourceDefinition, monitor: Monitor, runId: string, startedAt: Date, journeys: JourneyRecord[], shop: DemoShop | undefined): Promise<OrdersResult> {
  return fetchRunOrders({
    source,
    settings: monitor.orders,
    context: orderContext(shop),
    runId,
    from: new Date(startedAt.getTime() - 60_000),
    expectedIds: journeys.flatMap((j) => (j.orderId ? [j.orderId] : [])),
    waitSeconds: monitor.orders.waitSeconds,
  });
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

/** Per condition, then 1 where loss is what the condition measures, then per vendor, then the default. */
function maxLossRate(monitor: Monitor, conditions: ConditionDefinition[], vendor: string, condition: string): number {
  const { thresholds } = monitor;
  const perCondition = thresholds.conditions[condition]?.maxLossRate;
  if (perCondition !== undefined) return perCondition;
  if (conditions.find((c) => c.id === condition)?.lossIsExpected) return 1;
  return thresholds.vendors[vendor]?.maxLossRate ?? thresholds.default.maxLossRate;
}
