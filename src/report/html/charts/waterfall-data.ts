import type { VendorGap } from '../../../model/gap.ts';

/** One bar of a waterfall: from `from` to `to`, in shares of real orders (0..1, above 1 possible for observed). */
export interface WaterfallStep {
  label: string;
  from: number;
  to: number;
  /** total: a level (real orders, expected, observed); loss: a cause's part; unexplained: what the causes leave. */
  kind: 'total' | 'loss' | 'unexplained' | 'observed';
}

/**
 * The gap of one vendor as steps: all real orders, minus what the baseline (a broken tag) and
 * each measured cause remove, down to the share the vendor should report; then, when the
 * platform's own figure is known, the unexplained part down (or up) to what it reported.
 */
export function waterfallSteps(gap: VendorGap): WaterfallStep[] {
  if (!gap.modelled || gap.expectedShare === null) return [];
  const steps: WaterfallStep[] = [{ label: 'Real orders', from: 0, to: 1, kind: 'total' }];
  let level = 1;
  const down = (label: string, part: number) => {
    steps.push({ label, from: level, to: level - part, kind: 'loss' });
    level -= part;
  };
  down('Broken tags', gap.baselinePart);
  for (const cause of gap.causes.filter((c) => c.measured)) down(cause.label, cause.part);
  steps.push({ label: 'Expected', from: 0, to: gap.expectedShare, kind: 'total' });
  if (gap.observed) {
    steps.push({ label: 'Unexplained', from: gap.expectedShare, to: gap.observed.ratio, kind: 'unexplained' });
    steps.push({ label: 'Observed', from: 0, to: gap.observed.ratio, kind: 'observed' });
  }
  return steps;
}
