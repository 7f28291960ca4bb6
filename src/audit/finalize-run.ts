import { renameSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog, decodeRunLog, type VendorDefinition } from '../catalog/index.ts';
import { readRunLog, RUN_LOG_FILE } from '../record/run-log.ts';
import type { RunEvent } from '../model/run-event.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';

/**
 * Merges the workers' run log parts into one time-ordered run-log.ndjson (written whole, then
 * renamed, so the run log is never half merged) and decodes every hit.
 */
export function mergeRunLog(runDir: string): { events: RunEvent[]; problems: string[] } {
  const { events, problems } = readRunLog(runDir);
  const target = join(runDir, RUN_LOG_FILE);
  writeFileSync(`${target}.tmp`, events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''));
  renameSync(`${target}.tmp`, target);
  for (const part of readdirSync(runDir).filter((f) => /^run-log\..+\.ndjson$/.test(f))) rmSync(join(runDir, part));
  return { events, problems };
}

/**
 * The run log decoded with a catalog of `vendors` (endpoints already folded in, as
 * withCustomEndpoints gives them). Kept for its callers: new code builds the run's catalog once
 * (createCatalog with the monitor's endpoints and baseUrl) and calls decodeRunLog with it.
 */
export function decodeJourneys(events: RunEvent[], vendors: VendorDefinition[], diagnostics: string[]): JourneyRecord[] {
  return decodeRunLog(events, createCatalog(vendors), diagnostics);
}
