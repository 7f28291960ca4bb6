import type { Day } from './model.ts';

/** One platform's reported / real ratio on one day. */
export interface RatioPoint {
  date: Day;
  ratio: number;
  provisional: boolean;
}

/** A day whose ratio fell below the platform's usual range. */
export interface RatioDrop {
  date: Day;
  ratio: number;
  /** The median of the reference days, and the lowest ratio still within the usual range. */
  usualMedian: number;
  usualLow: number;
  referenceDays: number;
}

/** Days of reference before a day can be judged: fewer and "usual" means nothing. */
export const MIN_REFERENCE_DAYS = 7;
/** The reference: the days before the judged one, up to this many. */
export const REFERENCE_WINDOW_DAYS = 28;

/**
 * Pure: the days of `judge` whose ratio is below the usual range of the days before them (up to
 * 28, this period's and the history's, provisional days left out on both sides: a day the
 * platform may still fill in is not a drop yet). Usual range: median − max(3 × 1.4826 × MAD,
 * 5% of the median), robust to the odd bad day among the reference. A day with fewer than 7
 * reference days is not judged.
 */
export function ratioDrops(points: readonly RatioPoint[], judge: readonly Day[]): { drops: RatioDrop[]; unjudged: Day[] } {
  const settled = points.filter((p) => !p.provisional).sort((a, b) => a.date.localeCompare(b.date));
  const drops: RatioDrop[] = [];
  const unjudged: Day[] = [];
  for (const date of judge) {
    const point = settled.find((p) => p.date === date);
    if (!point) continue;
    const reference = settled.filter((p) => p.date < date).slice(-REFERENCE_WINDOW_DAYS).map((p) => p.ratio);
    if (reference.length < MIN_REFERENCE_DAYS) {
      unjudged.push(date);
      continue;
    }
    const usualMedian = median(reference);
    const mad = median(reference.map((r) => Math.abs(r - usualMedian)));
    const usualLow = usualMedian - Math.max(3 * 1.4826 * mad, 0.05 * usualMedian);
    if (point.ratio < usualLow) drops.push({ date, ratio: point.ratio, usualMedian: round(usualMedian), usualLow: round(usualLow), referenceDays: reference.length });
  }
  return { drops, unjudged };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
