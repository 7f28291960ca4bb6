import type { LaunchOptions } from 'playwright';
import { siteGateOpen } from '../process/site-gate.ts';

// On globalThis under a registered symbol, as the planned journeys: the config and the scenario
// files may load this module through different loaders, each with its own copy.
const KEY = Symbol.for('tagwatch.runLaunchOptions');

/** Called by tagwatch's Playwright config (in the runner and in every worker): the run's Chromium options. */
export function setRunLaunchOptions(options: LaunchOptions): void {
  (globalThis as Record<symbol, LaunchOptions>)[KEY] = options;
}

/**
 * The worker's browser options, once the audit's site answers (src/process/site-gate.ts): the
 * worker and the scenario files load while the site comes up, and the browser waits for it.
 * Playwright launches (or connects for) the worker's browser with these.
 */
export async function runLaunchOptionsWhenSiteAnswers(): Promise<LaunchOptions> {
  await siteGateOpen();
  return (globalThis as Record<symbol, LaunchOptions | undefined>)[KEY] ?? {};
}
