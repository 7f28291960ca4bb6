import { renameSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunLog, RUN_LOG_FILE } from '../record/run-log.ts';
import type { RunEvent } from '../model/run-event.ts';

/**
 * Merges the workers' run log parts into one time-ordered run-log.ndjson (written whole, then
 * renamed, so the run log is never half merged).
 */
export function mergeRunLog(runDir: string): { events: RunEvent[]; problems: string[] } {
  const { events, problems } = readRunLog(runDir);
  const target = join(runDir, RUN_LOG_FILE);
  writeFileSync(`${target}.tmp`, events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''));
  renameSync(`${target}.tmp`, target);
  for (const part of readdirSync(runDir).filter((f) => /^run-log\..+\.ndjson$/.test(f))) rmSync(join(runDir, part));
  return { events, problems };
}
