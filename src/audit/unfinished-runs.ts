import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OUTCOME_FILE } from '../record/outcome.ts';
import { processAlive } from '../process/process-tree.ts';
import { readRunLog } from '../record/run-log.ts';
import { SHARD_FILE } from './shard.ts';

/** Which process runs the audit of a run folder: the next audit tells a killed run from one still going. */
export const AUDIT_PROCESS_FILE = 'audit-process.json';
/** Written into a run folder found unfinished, once: the next audits do not say it again. */
export const UNFINISHED_FILE = 'unfinished.json';

interface AuditProcess {
  pid: number;
  host: string;
  monitor: string;
  startedAt: string;
}

export interface UnfinishedRun {
  runId: string;
  runDir: string;
  pid: number;
  startedAt: string;
  /** Orders the run's journeys saw confirmed (its run log): placed on the site, never reconciled nor cleaned up. */
  ordersPlaced: string[];
}

export function recordAuditProcess(runDir: string, monitor: string, startedAt: Date): void {
  const record: AuditProcess = { pid: process.pid, host: hostname(), monitor, startedAt: startedAt.toISOString() };
  writeFileSync(join(runDir, AUDIT_PROCESS_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Runs of `monitor` in `outDir` whose audit died before its verdict (killed, out of memory, the
 * machine rebooted): no verdict, and the process that ran it is gone from this machine. Each
 * is marked (unfinished.json) so that it is reported once. A run of another machine sharing the
 * folder is left alone: whether its process lives cannot be told from here.
 */
export function claimUnfinishedRuns(outDir: string, monitor: string, noticedBy: string): UnfinishedRun[] {
  if (!existsSync(outDir)) return [];
  const found: UnfinishedRun[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const runDir = join(outDir, entry.name);
    const owner = readAuditProcess(runDir);
    if (!owner || owner.monitor !== monitor || owner.host !== hostname()) continue;
    // A verdict (results.json: written by the API too, outcome.json by the CLI) or a shard's manifest: the run finished.
    if ([OUTCOME_FILE, 'results.json', SHARD_FILE, UNFINISHED_FILE].some((file) => existsSync(join(runDir, file)))) continue;
    if (processAlive(owner.pid)) continue;
    let ordersPlaced: string[] = [];
    try {
      ordersPlaced = readRunLog(runDir).events.flatMap((e) => (e.type === 'order-placed' ? [e.orderId] : []));
    } catch {
      // No run log: the run died before its journeys.
    }
    const run: UnfinishedRun = { runId: entry.name, runDir, pid: owner.pid, startedAt: owner.startedAt, ordersPlaced };
    try {
      writeFileSync(join(runDir, UNFINISHED_FILE), `${JSON.stringify({ noticedBy, noticedAt: new Date().toISOString(), pid: owner.pid, ordersPlaced }, null, 2)}\n`);
    } catch {
      // A folder we cannot mark is reported again next time: better than never.
    }
    found.push(run);
  }
  return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** What the console says about one unfinished run. */
export function describeUnfinishedRun(run: UnfinishedRun): string {
  const orders = run.ordersPlaced.length
    ? `its journeys placed ${run.ordersPlaced.length} test order${run.ordersPlaced.length === 1 ? '' : 's'} (${run.ordersPlaced.join(', ')}) that were never reconciled nor cleaned up, and may have placed more after its last record: look for orders stamped ${run.runId}-* in the shop's back office`
    : `no order was recorded before it died, but a journey may have placed one after its last record: look for orders stamped ${run.runId}-* in the shop's back office`;
  return `tagwatch: run ${run.runId} (started ${run.startedAt}) did not finish: its audit process ${run.pid} ended without a verdict; ${orders}. Its folder: ${run.runDir}\n`;
}

function readAuditProcess(runDir: string): AuditProcess | undefined {
  try {
    const value = JSON.parse(readFileSync(join(runDir, AUDIT_PROCESS_FILE), 'utf8')) as Partial<AuditProcess>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.monitor !== 'string' || typeof value.startedAt !== 'string') return undefined;
    return value as AuditProcess;
  } catch {
    return undefined;
  }
}
