import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../model/run-event.ts';

export const RUN_LOG_FILE = 'run-log.ndjson';

/**
 * Append-only NDJSON writer. Each browser worker writes its own part file so parallel journeys
 * never interleave half lines; `readRunLog` merges the parts in time order.
 */
export class RunLogWriter {
  readonly path: string;

  constructor(runDir: string, part = 'main') {
    mkdirSync(runDir, { recursive: true });
    this.path = join(runDir, part === 'main' ? RUN_LOG_FILE : `run-log.${part}.ndjson`);
  }

  write(event: RunEvent): void {
    // Synchronous on purpose: a crashing browser worker must not lose the lines written before.
    appendFileSync(this.path, `${JSON.stringify(event)}\n`);
  }
}

export interface RunLogContent {
  events: RunEvent[];
  /** Lines that could not be parsed (a worker killed mid-write), with file and line number. */
  problems: string[];
}

/** Reads every part of a run log and returns the events sorted by time (stable within a part). */
export function readRunLog(runDir: string): RunLogContent {
  const problems: string[] = [];
  const events: RunEvent[] = [];
  const files = readdirSync(runDir).filter((f) => /^run-log(\..+)?\.ndjson$/.test(f)).sort();
  for (const file of files) {
    const lines = readFileSync(join(runDir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      try {
        events.push(JSON.parse(line) as RunEvent);
      } catch {
        problems.push(`${file}:${index + 1}: unreadable run log line skipped`);
      }
    });
  }
  events.sort((a, b) => a.time.localeCompare(b.time));
  return { events, problems };
}
