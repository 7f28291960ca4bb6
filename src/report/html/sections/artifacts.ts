import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JourneyArtifacts } from '../../../model/run-event.ts';
import { artifactHref, escapeHtml as e } from '../escape.ts';

/** Screenshots embedded in one report at most, and the largest embedded: the report stays small to mail. */
export const MAX_INLINE_SCREENSHOTS = 3;
const MAX_INLINE_BYTES = 600_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** How many screenshots this report may still embed (shared by every journey of a report). */
export interface ScreenshotBudget {
  left: number;
}

/**
 * What a failed journey left: the screenshot (embedded, so the report shows it even when mailed
 * alone, and linked), the Playwright trace and the HAR, linked relative to the report. A path
 * that is not `artifacts/<journey>/<file>` is never linked; a file that is missing says so.
 */
export function artifactsBlock(artifacts: JourneyArtifacts | undefined, runDir: string | undefined, budget: ScreenshotBudget): string {
  if (!artifacts) return '';
  const parts: string[] = [];
  const screenshot = artifactHref(artifacts.screenshot);
  if (screenshot) {
    const image = runDir ? embeddedPng(join(runDir, screenshot), budget) : undefined;
    parts.push(
      image
        ? `<figure><a href="${e(screenshot)}"><img src="${image}" alt="The page where the journey stopped"></a><figcaption class="small muted">Where the journey stopped</figcaption></figure>`
        : fileLink(screenshot, 'Screenshot of the page where the journey stopped', runDir),
    );
  }
  const links: string[] = [];
  const trace = artifactHref(artifacts.trace);
  if (trace) links.push(`${fileLink(trace, 'Playwright trace', runDir)} <span class="small muted">(open with <code>npx playwright show-trace ${e(trace)}</code>)</span>`);
  const har = artifactHref(artifacts.har);
  if (har) links.push(`${fileLink(har, 'HAR of every request', runDir)} <span class="small muted">(DevTools › Network › Import)</span>`);
  if (links.length) parts.push(`<ul class="artifact-links">${links.map((link) => `<li>${link}</li>`).join('')}</ul>`);
  return parts.length ? `<div class="artifacts">${parts.join('')}</div>` : '';
}

function fileLink(href: string, text: string, runDir: string | undefined): string {
  const missing = runDir && !existsSync(join(runDir, href));
  return missing ? `${e(text)} <span class="small muted">(not written: ${e(href)})</span>` : `<a href="${e(href)}">${e(text)}</a>`;
}

/** A data: URL of a PNG file, while the budget lasts; undefined for anything that is not a small PNG. */
function embeddedPng(path: string, budget: ScreenshotBudget): string | undefined {
  if (budget.left <= 0 || !existsSync(path) || statSync(path).size > MAX_INLINE_BYTES) return undefined;
  const bytes = readFileSync(path);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  budget.left--;
  return `data:image/png;base64,${bytes.toString('base64')}`;
}
