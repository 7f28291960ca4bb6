import { renameSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRequest, type VendorDefinition } from '../catalog/index.ts';
import { readRunLog, RUN_LOG_FILE } from '../capture/run-log.ts';
import type { RunEvent } from '../model/run-event.ts';
import { collectJourneys, type JourneyRecord } from '../reconcile/journeys.ts';

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

export function decodeJourneys(events: RunEvent[], vendors: VendorDefinition[], diagnostics: string[]): JourneyRecord[] {
  return collectJourneys(events, (hit) => {
    const decoded = decodeRequest({ url: hit.url, method: hit.method, body: hit.body }, vendors);
    diagnostics.push(...decoded.errors);
    return decoded.events;
  });
}
