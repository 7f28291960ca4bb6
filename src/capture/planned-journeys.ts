import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions } from 'playwright';
import type { ConsentChoice } from '../conditions/define-condition.ts';
import type { Variant } from '../model/variant.ts';

/**
 * One journey the run plans for a scenario file: which condition, variant and repeat it runs
 * under, and the test options that make it so. Every journey of a run is a test of ONE Playwright
 * project, so that a worker and its browser serve every condition, variant and repeat in turn:
 * Playwright gives each project (and each repeatEach index) workers of its own, and starting a
 * worker with its browser cost ~2 s per journey on this 2-core machine (bench: journey-gap).
 */
export interface PlannedJourney {
  /** `baseline`, `baseline[items=3]`: what the progress lines and describe titles call it. */
  label: string;
  condition: string;
  variant: Variant;
  repeat: number;
  consentChoice: ConsentChoice;
  /** The condition's browser-context options (user agent, locale, headers, viewport...), test-scoped ones only. */
  contextOptions: BrowserContextOptions;
}

/**
 * Playwright options that only a worker can take (a describe-level use() of one would force a
 * worker of its own, and Playwright refuses it): a condition's device descriptor carries
 * `defaultBrowserType`, which every journey runs in Chromium anyway.
 */
const WORKER_OPTIONS = ['browserName', 'defaultBrowserType', 'headless', 'channel', 'launchOptions', 'connectOptions', 'screenshot', 'trace', 'video'];

export function testScopedContextOptions(options: BrowserContextOptions | undefined): BrowserContextOptions {
  const copy: Record<string, unknown> = { ...options };
  for (const key of WORKER_OPTIONS) delete copy[key];
  return copy as BrowserContextOptions;
}

// On globalThis under a registered symbol: the config and the scenario files may load this module
// through different loaders (ESM and CommonJS in a CommonJS project), each with its own copy.
const KEY = Symbol.for('tagwatch.plannedJourneys');
type Registry = Map<string, PlannedJourney[]>;
const registry = (): Registry | undefined => (globalThis as Record<symbol, Registry | undefined>)[KEY];

/** Called by tagwatch's Playwright config, before any scenario file loads: the journeys of each scenario file. */
export function setPlannedJourneys(byFile: Map<string, PlannedJourney[]>): void {
  const normalized: Registry = new Map();
  for (const [file, journeys] of byFile) normalized.set(canonical(file), journeys);
  (globalThis as Record<symbol, Registry>)[KEY] = normalized;
}

/** Whether a run's plan is loaded (a scenario file loaded by tagwatch's config), else undefined. */
export function plannedJourneysLoaded(): boolean {
  return registry() !== undefined;
}

/**
 * The journeys planned for the scenario file that is calling `test()` now, found from the call's
 * stack (Playwright loads one test file at a time and tests are declared while it loads).
 * Undefined outside a run; [] for a file the run does not plan (imported by another).
 */
export function plannedJourneysOfCaller(): PlannedJourney[] | undefined {
  const byFile = registry();
  if (!byFile) return undefined;
  for (const file of stackFiles(new Error().stack ?? '')) {
    const journeys = byFile.get(canonical(file));
    if (journeys) return journeys;
  }
  return [];
}

/** File paths of a V8 stack, innermost first (`file:///...` URLs and plain paths). */
export function stackFiles(stack: string): string[] {
  const files: string[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/.exec(line);
    if (match) files.push(match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!);
  }
  return files;
}

function canonical(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
