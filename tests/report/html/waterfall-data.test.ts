import { describe, expect, it } from 'vitest';
import { explainGap } from '../../../src/reconcile/gap.ts';
import { buildLossTable, type OrderOutcome } from '../../../src/reconcile/loss-table.ts';
import { waterfallSteps } from '../../../src/report/html/charts/waterfall-data.ts';

/** A loss table where ga4 lost 1 of 4 orders under baseline and 3 of 4 under adblock. */
function loss() {
  const outcome = (condition: string, outcome: 'tracked' | 'lost'): OrderOutcome => ({ vendor: 'ga4', condition, outcome });
  return buildLossTable(
    [outcome('baseline', 'lost'), outcome('baseline', 'tracked'), outcome('baseline', 'tracked'), outcome('baseline', 'tracked'), outcome('adblock', 'lost'), outcome('adblock', 'lost'), outcome('adblock', 'lost'), outcome('adblock', 'tracked')],
    ['ga4'],
    ['baseline', 'adblock'],
    true,
  );
}

describe('gap waterfall steps', () => {
  it('real orders, down by the baseline and each measured cause, to the expected share; then to the observed figure', () => {
    const gap = explainGap({ loss: loss(), observed: [{ vendor: 'ga4', ratio: 0.6, source: '--observed ga4=0.6' }], advertisingVendors: [] });
    const vendor = gap.vendors[0]!;
    const steps = waterfallSteps(vendor);
    expect(steps.map((s) => s.label)).toEqual(['Real orders', 'Broken tags', 'ad blockers', 'Expected', 'Unexplained', 'Observed']);
    expect(steps[1]).toMatchObject({ from: 1, to: 1 - vendor.baselinePart, kind: 'loss' });
    expect(vendor.baselinePart).toBeGreaterThan(0);
    // Each loss step starts where the previous ended, and the last one lands on the expected share.
    expect(steps[2]!.from).toBeCloseTo(steps[1]!.to, 12);
    expect(steps[2]!.to).toBeCloseTo(vendor.expectedShare!, 12);
    expect(steps[3]).toEqual({ label: 'Expected', from: 0, to: vendor.expectedShare, kind: 'total' });
    expect(steps[4]).toEqual({ label: 'Unexplained', from: vendor.expectedShare, to: 0.6, kind: 'unexplained' });
    expect(steps[5]).toEqual({ label: 'Observed', from: 0, to: 0.6, kind: 'observed' });
  });

  it('no steps when the gap could not be modelled; no observed steps without a platform figure', () => {
    const unmeasured = buildLossTable([], ['ga4'], ['baseline'], true);
    expect(waterfallSteps(explainGap({ loss: unmeasured, advertisingVendors: [] }).vendors[0]!)).toEqual([]);
    const steps = waterfallSteps(explainGap({ loss: loss(), advertisingVendors: [] }).vendors[0]!);
    expect(steps.at(-1)!.label).toBe('Expected');
  });
});
