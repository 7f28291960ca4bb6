import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunTrackers } from '../reconcile/tracker-changes.ts';
import { historySettings, readHistorySnapshot } from '../storage/history-file.ts';
import { lastRunOf } from '../storage/run-queries.ts';
import { storedRunTrackers } from '../judge/stored-run.ts';

/** The file the json reporter writes in each run folder. */
const RESULTS_FILE = 'results.json';

/** The part of a stored verdict a tracker comparison reads; the rest of results.json is ignored. */
const storedRun = z.object({
  runId: z.string(),
  monitor: z.string(),
  startedAt: z.string(),
  journeys: z.array(z.object({ condition: z.string(), scenario: z.string(), status: z.string() })),
  trackers: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        category: z.object({ key: z.string(), name: z.string() }),
        organization: z.string().optional(),
        hosts: z.array(z.string()),
        catalogVendors: z.array(z.string()).default([]),
        conditions: z.record(
          z.string(),
          z.object({ journeys: z.number(), passedJourneys: z.number(), hits: z.number(), blocked: z.number(), scenarios: z.array(z.string()) }),
        ),
      }),
    )
    .optional(),
});

/** The run a new run is compared with. */
export interface CurrentRun {
  runId: string;
  monitor: string;
  startedAt: string;
}

/**
 * The newest earlier run of the same monitor that has a tracker inventory and a passed journey:
 * from the run history of `outDir` (storage/), else from its run folders
 * (`<outDir>/<runId>/results.json`), for reports older than the history. Unreadable results are
 * skipped with a diagnostic; runs from before the inventory, without one.
 */
export function findPreviousRun(outDir: string, current: CurrentRun, diagnostics: string[]): RunTrackers | undefined {
  return previousRunInHistory(outDir, current) ?? previousRunInFolders(outDir, current, diagnostics);
}

/**
 * Read without the lock: the audit opened the history first, so an unusable file was already
 * reported (and moved aside); here it only means falling back to the run folders.
 */
function previousRunInHistory(outDir: string, current: CurrentRun): RunTrackers | undefined {
  let data;
  try {
    data = readHistorySnapshot(historySettings(outDir).file).data;
  } catch {
    return undefined;
  }
  const run = data && lastRunOf(data.runs, current.monitor, { before: current.startedAt, where: (r) => r.runId !== current.runId && r.trackers !== undefined && Object.values(r.coverage).some((c) => c.passed > 0) });
  return run && storedRunTrackers(run);
}

function previousRunInFolders(outDir: string, current: CurrentRun, diagnostics: string[]): RunTrackers | undefined {
  if (!existsSync(outDir)) return undefined;
  // Run ids start with their UTC time, so newest first is a reverse sort; `latest` is a copy, dot folders are staging.
  const folders = readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== current.runId && entry.name !== 'latest' && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .reverse();
  for (const folder of folders) {
    const path = join(outDir, folder, RESULTS_FILE);
    if (!existsSync(path)) continue;
    const run = readStoredRun(path, diagnostics);
    if (!run || run.monitor !== current.monitor || !run.trackers || run.startedAt >= current.startedAt) continue;
    if (!run.journeys.some((journey) => journey.status === 'passed')) continue;
    return { runId: run.runId, journeys: run.journeys, trackers: run.trackers };
  }
  return undefined;
}

function readStoredRun(path: string, diagnostics: string[]): z.infer<typeof storedRun> | undefined {
  let parsed;
  try {
    parsed = storedRun.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    diagnostics.push(`previous run ${path} could not be read (${error instanceof Error ? error.message : String(error)}): left out of the tracker comparison`);
    return undefined;
  }
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  diagnostics.push(`previous run ${path} is not a tagwatch result (field ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}): left out of the tracker comparison`);
  return undefined;
}
