import type { Verdict } from '../model/verdict.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import { trackerChanges } from '../reconcile/tracker-changes.ts';
import { buildTrackerInventory } from './build-inventory.ts';
import { trackerDbNamer } from './classify.ts';
import { findPreviousRun } from './previous-run.ts';
import { loadTrackerDb } from './trackerdb.ts';

/**
 * Names every third party of the run's journeys into `verdict.trackers` (trackerdb), and adds a
 * warning per tracker that appeared or disappeared since the previous run of the monitor in
 * `outDir`. The site's own domain is first-party: its pages are what the journeys visit. An
 * unreadable tracker database is a diagnostic, never a failed audit.
 */
export async function addTrackerInventory(verdict: Verdict, journeys: readonly JourneyRecord[], outDir: string): Promise<void> {
  let db;
  try {
    db = await loadTrackerDb();
  } catch (error) {
    verdict.diagnostics.push(`tracker inventory skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  verdict.trackers = buildTrackerInventory(journeys, trackerDbNamer(db, verdict.baseUrl));
  const previous = findPreviousRun(outDir, verdict, verdict.diagnostics);
  if (previous) verdict.findings.push(...trackerChanges({ runId: verdict.runId, trackers: verdict.trackers, journeys: verdict.journeys }, previous));
}
