import type { JourneyHit } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';

/** The monitor's default `timing.lateHitSeconds`: past it, a purchase hit is late. */
export const DEFAULT_LATE_HIT_SECONDS = 1;

/** "+1.6 s", "-0.3 s", "+40 ms": a delay as a person reads it (tenths of a second, ms under 0.1 s). */
export function delayText(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return abs < 100 ? `${sign}${Math.round(abs)} ms` : `${sign}${Math.round(abs / 100) / 10} s`;
}

/** Whether a purchase hit left the browser later than the threshold after the confirmation page loaded. */
export function isLateHit(hit: JourneyHit, lateHitSeconds: number): boolean {
  const delay = hit.afterConfirmationLoadMs;
  // A blocked hit never left the browser: its loss is the block, not its timing.
  return hit.kind === 'purchase' && hit.status !== 'blocked' && typeof delay === 'number' && Number.isFinite(delay) && delay > lateHitSeconds * 1000;
}

/**
 * When a purchase hit was sent: after the confirmation page's load event (the moment a buyer can
 * leave) and after the order was placed; a late one is marked, with the threshold it passed.
 * Other hits: nothing (their timing tells a tag owner nothing about lost purchases).
 */
export function hitTimingCell(hit: JourneyHit, lateHitSeconds: number): string {
  if (hit.kind !== 'purchase') return '';
  const parts: string[] = [];
  const load = finite(hit.afterConfirmationLoadMs);
  const order = finite(hit.afterOrderMs);
  if (load !== undefined) {
    const text = load < 0 ? `${delayText(-load).slice(1)} before confirmation load` : `${delayText(load)} after confirmation load`;
    parts.push(`<div>${e(text)}</div>`);
  }
  if (order !== undefined) parts.push(`<div class="small muted">${e(`${delayText(order)} after the order`)}</div>`);
  if (isLateHit(hit, lateHitSeconds)) {
    parts.push(`<div><span class="pill late-hit" title="visitors who leave the confirmation page sooner lose this hit">${e(`late: past ${lateHitSeconds} s`)}</span></div>`);
  }
  return parts.join('');
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
