import type { RunEvent } from '../model/run-event.ts';
import type { Monitor } from '../monitor/schema.ts';
import type { OrderSourceDefinition } from '../orders/define-order-source.ts';
import { findPreviousRun } from './previous-run.ts';
import type { RunInputs } from '../record/run-inputs.ts';
import type { History } from '../storage/history.ts';
import { openAuditHistory } from '../storage/audit-history.ts';
import { cleanUpTestOrders } from './clean-up-orders.ts';
import { fetchRunOrders } from './fetch-run-orders.ts';
import { orderContext } from './orders-preflight.ts';

export interface GatherOptions {
  monitor: Monitor;
  /** Absent for an order-free monitor: no orders are read. */
  orderSource?: OrderSourceDefinition;
  runId: string;
  /** Start of the run (of its first shard): the order window opens a minute before. */
  startedAt: Date;
  /** Parent folder of run folders: its history, and its older run folders. */
  outDir: string;
  /** The merged run log: which orders the journeys saw confirmed. */
  events: RunEvent[];
  siteProblem?: string;
  backendProblem?: string;
  /** A release check: compared with production, never moving the monitor's alert state. */
  releaseCheck?: boolean;
}

/**
 * What the verdict is reckoned from besides the run log, read once after the journeys: the run's
 * orders as the backend gives them (with the window asked for), what cleaning them up did, and
 * what the history holds for the monitor (its alert state, its last passing run, the trackers of
 * its previous run). Recorded in the run folder (inputs.json) so the run can be judged again
 * offline. The history stays open for storing the verdict once its effects ran.
 */
export async function gatherInputs(options: GatherOptions): Promise<{ inputs: RunInputs; history: History | undefined }> {
  const { monitor, orderSource, runId, startedAt, outDir } = options;
  const diagnostics: string[] = [];
  const inputs: RunInputs = { history: { available: false }, diagnostics };
  if (options.siteProblem) inputs.siteProblem = options.siteProblem;
  if (options.backendProblem) inputs.backendProblem = options.backendProblem;

  const orders = monitor.orders;
  if (orderSource && orders && !options.siteProblem && !options.backendProblem) {
    const from = new Date(startedAt.getTime() - 60_000);
    let to = from;
    const result = await fetchRunOrders({
      source: orderSource,
      settings: orders,
      context: orderContext(),
      runId,
      from,
      expectedIds: options.events.flatMap((e) => (e.type === 'order-placed' ? [e.orderId] : [])),
      waitSeconds: orders.waitSeconds,
      onRequest: (window) => (to = window.to),
    });
    inputs.orders = { source: orderSource.id, window: { from: from.toISOString(), to: to.toISOString() }, fetchedAt: new Date().toISOString(), result };
    // The orders are recorded above: cleaning them up in the backend loses no evidence.
    const cleanup = await cleanUpTestOrders(orderSource, orders, result, orderContext());
    if (cleanup) inputs.cleanup = cleanup;
  }

  // Opened before the previous run is looked up: a corrupt history is moved aside first.
  const history = await openAuditHistory(outDir, diagnostics);
  const started = startedAt.toISOString();
  inputs.history = {
    available: history !== undefined,
    ...(history && !options.releaseCheck ? optional('previousState', history.monitorState(monitor.name)) : {}),
    ...optional('lastPassingRun', history?.lastPassingRun(monitor.name, { before: started, where: (run) => run.runId !== runId })),
    ...optional('previousTrackers', findPreviousRun(outDir, { runId, monitor: monitor.name, startedAt: started }, diagnostics)),
  };
  return { inputs, history };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
