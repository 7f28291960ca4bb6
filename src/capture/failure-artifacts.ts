import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions } from 'playwright';
import type { JourneyArtifacts } from '../model/run-event.ts';

/** Folder of the run that holds failed journeys' files (Playwright's own outputDir is the same). */
export const ARTIFACTS_DIR = 'artifacts';
export const SCREENSHOT_FILE = 'screenshot.png';
export const TRACE_FILE = 'trace.zip';
export const HAR_FILE = 'journey.har';

/** `artifacts/<journeyId>`, relative to the run folder; a scenario title can hold any character, a folder name cannot. */
export function journeyArtifactsPath(journeyId: string): string {
  return `${ARTIFACTS_DIR}/${journeyId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}`;
}

/**
 * The HAR option of a journey's browser context. Playwright records a HAR only from the context's
 * creation and writes it when the context closes, so every journey records one and a passing
 * journey's is deleted after the close. Response bodies are left out: the trace has them, and
 * a HAR holding every body of a real shop stays in memory for the whole journey.
 */
export function harRecording(runDir: string, journeyId: string): Pick<BrowserContextOptions, 'recordHar'> {
  return { recordHar: { path: join(runDir, journeyArtifactsPath(journeyId), HAR_FILE), content: 'omit' } };
}

/** Traces every page of the context from now on: DOM snapshots and screenshots at each action. */
export async function startTrace(context: BrowserContext): Promise<void> {
  await context.tracing.start({ screenshots: true, snapshots: true, title: 'tagwatch journey' });
}

/**
 * Screenshot of the page where the journey stopped (the last one opened in the context), unless
 * one was already taken (the other device of a cross-device journey). Returns its path relative
 * to the run folder, or undefined when the page could not be shot (crashed, closed).
 */
export async function screenshotLastPage(context: BrowserContext, runDir: string, journeyId: string): Promise<string | undefined> {
  const relative = `${journeyArtifactsPath(journeyId)}/${SCREENSHOT_FILE}`;
  const path = join(runDir, relative);
  if (existsSync(path)) return relative;
  const page = context.pages().filter((p) => !p.isClosed()).at(-1);
  if (!page) return undefined;
  mkdirSync(join(runDir, journeyArtifactsPath(journeyId)), { recursive: true });
  // A hung page must not hold the teardown: without a screenshot the trace still shows the page.
  return page.screenshot({ path, timeout: 5_000, animations: 'disabled' }).then(
    () => relative,
    () => undefined,
  );
}

/**
 * Ends the journey's trace: kept with a screenshot for a journey that did not pass, dropped
 * otherwise. The HAR path is announced now; the file is written when the context closes.
 */
export async function finishJourneyArtifacts(context: BrowserContext, runDir: string, journeyId: string, passed: boolean): Promise<JourneyArtifacts | undefined> {
  if (passed) {
    await context.tracing.stop().catch(() => undefined);
    return undefined;
  }
  const dir = journeyArtifactsPath(journeyId);
  mkdirSync(join(runDir, dir), { recursive: true });
  const screenshot = await screenshotLastPage(context, runDir, journeyId);
  const trace = await context.tracing.stop({ path: join(runDir, dir, TRACE_FILE) }).then(
    () => `${dir}/${TRACE_FILE}`,
    () => undefined,
  );
  return { ...(screenshot ? { screenshot } : {}), ...(trace ? { trace } : {}), har: `${dir}/${HAR_FILE}` };
}

/** After the context closed: a passing journey keeps nothing. */
export function discardPassedArtifacts(runDir: string, journeyId: string): void {
  rmSync(join(runDir, journeyArtifactsPath(journeyId)), { recursive: true, force: true });
}
