import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_LOG_FILE } from '../capture/run-log.ts';

/** What the run's own reports say about it. */
export interface RunOutcome {
  runId?: string;
  /** The verdict's status from results.json: pass, fail or inconclusive. */
  status?: string;
}

const RESULTS_FILE = 'results.json';
const RUN_ID = /\d{8}-\d{6}-[0-9a-f]{4}/;
const RUN_FOLDER = new RegExp(`^${RUN_ID.source}$`);
// The console reporter's headline: `tagwatch <monitor> · run <runId> · PASS`.
const HEADLINE = new RegExp(`^tagwatch (\\S+) · run (${RUN_ID.source}) · `, 'gm');

/** Pure: the run id the audit printed for this monitor, the last one if several. */
export function runIdFromOutput(output: string, monitor: string): string | undefined {
  let runId: string | undefined;
  for (const match of output.matchAll(HEADLINE)) if (match[1] === monitor) runId = match[2];
  return runId;
}

/**
 * The run's id and verdict: from the audit's output, else from the newest run folder of this
 * monitor started since `since` (console reporter off, or the run stopped before its verdict);
 * status from its results.json.
 */
export function readRunOutcome(outDir: string, logFile: string, monitor: string, since: Date): RunOutcome {
  const runId = runIdFromOutput(readTail(logFile), monitor) ?? newestRunSince(outDir, monitor, since);
  if (!runId) return {};
  return { runId, status: readResults(join(outDir, runId, RESULTS_FILE))?.status };
}

function readResults(path: string): { monitor?: unknown; status?: string; startedAt?: unknown } | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { monitor?: unknown; status?: unknown; startedAt?: unknown };
    return { ...data, status: typeof data.status === 'string' ? data.status : undefined };
  } catch {
    // Missing (the run died before its verdict) or unreadable: no verdict to report.
    return undefined;
  }
}

function newestRunSince(outDir: string, monitor: string, since: Date): string | undefined {
  if (!existsSync(outDir)) return undefined;
  // Run ids begin with their UTC start time: newest first is a reverse sort.
  const folders = readdirSync(outDir).filter((name) => RUN_FOLDER.test(name)).sort().reverse();
  for (const folder of folders) {
    const run = runIdentity(join(outDir, folder));
    if (run?.monitor !== monitor || typeof run.startedAt !== 'string') continue;
    if (Date.parse(run.startedAt) >= since.getTime() - 1_000) return folder;
    // Older than this run: every folder after it is older still.
    return undefined;
  }
  return undefined;
}

/**
 * Whose run a folder holds and when it started: from results.json, else from the run log's
 * first line (a run stopped before its verdict has only that).
 */
function runIdentity(runDir: string): { monitor?: unknown; startedAt?: unknown } | undefined {
  const results = readResults(join(runDir, RESULTS_FILE));
  if (results) return results;
  try {
    const [first] = readFileSync(join(runDir, RUN_LOG_FILE), 'utf8').split('\n', 1);
    const event = JSON.parse(first!) as { type?: unknown; monitor?: unknown; time?: unknown };
    return event.type === 'run-start' ? { monitor: event.monitor, startedAt: event.time } : undefined;
  } catch {
    return undefined;
  }
}

/** The end of the run's log: the headline is printed last, and a log can grow large. */
function readTail(file: string, bytes = 256 * 1024): string {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  const length = Math.min(size, bytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}
