import { describe, expect, it } from 'vitest';
import type { LossRow } from '../../src/model/verdict.ts';
import { reportRecorded } from './recorded-run.ts';

/** The formula, applied by hand to one vendor's rows: baseline and adblock only. */
function expected(loss: LossRow[], vendor: string, adBlockerShare: number, observed: number) {
  const lb = loss.find((r) => r.vendor === vendor && r.condition === 'baseline')!.lossRate!;
  const la = loss.find((r) => r.vendor === vendor && r.condition === 'adblock')!.lossRate!;
  const excess = lb === 1 ? 0 : Math.max(0, (la - lb) / (1 - lb));
  const E = (1 - lb) * (1 - adBlockerShare * excess);
  const lnE = Math.log(E);
  const baseline = E === 1 ? 0 : ((1 - E) * Math.log(1 - lb)) / lnE;
  const adblock = E === 1 ? 0 : ((1 - E) * Math.log(1 - adBlockerShare * excess)) / lnE;
  return { E, excess, baseline, adblock, gap: 1 - observed, unexplained: E - observed };
}

/**
 * The recorded `tagwatch audit --conditions baseline,adblock --observed ga4=0.78,meta=0.71` of the
 * demo shop (tests/fixtures/runs/adblock-observed), judged again: the split of each gap, as the
 * formula gives it from the run's own loss table, printed and stored. Was an audit in
 * tests/e2e/audit-gap.test.ts (whose CLI errors stay there: they start no browser).
 */
describe('the gap explained, from a recorded audit with --observed', () => {
  it('prints the split of each gap and stores it in results.json, both as the formula gives from the run\'s own loss table', async () => {
    const { verdict, exitCode, output } = await reportRecorded('adblock-observed');
    expect(exitCode).toBe(0);
    const { audience } = verdict.gap!;
    // Public defaults: 70% mobile × 4.68% + 30% desktop × 25.2%.
    const share = audience.mobileShare.value * audience.adBlockerMobile.value + (1 - audience.mobileShare.value) * audience.adBlockerDesktop.value;
    expect(share).toBeCloseTo(0.10836, 10);

    for (const [vendor, observed] of [['ga4', 0.78], ['meta', 0.71]] as const) {
      const want = expected(verdict.loss, vendor, share, observed);
      // The demo's tags are blocked by EasyPrivacy: the ad blocker cause is really there.
      expect(want.excess).toBeGreaterThan(0);
      const gap = verdict.gap!.vendors.find((v) => v.vendor === vendor)!;
      expect(gap.expectedShare).toBeCloseTo(want.E, 10);
      expect(gap.baselinePart).toBeCloseTo(want.baseline, 10);
      expect(gap.causes.find((c) => c.cause === 'adblock')!.part).toBeCloseTo(want.adblock, 10);
      expect(gap.unexplained).toBeCloseTo(want.unexplained, 10);
      expect(gap.observed).toMatchObject({ ratio: observed, source: `--observed ${vendor}=${observed}` });
      expect(gap.notMeasured).toEqual(['consent-refusal', 'cross-device', 'itp', 'fast-exit']);

      const line = output.split('\n').find((l) => l.trim().startsWith(`${vendor}: expected to report`));
      expect(line, output).toBeDefined();
      const match = line!.match(/expected to report ([\d.]+)% of real orders; observed ([\d.]+)%\. Gap ([\d.]+) pts = baseline ([\d.]+) \+ ad blockers ([\d.]+) \+ unexplained (-?[\d.]+) \(investigate; includes consent refusal, cross-device, Safari\/ITP, quick exits, not measured\)/);
      expect(match, line).not.toBeNull();
      const [E, shownObserved, shownGap, baseline, adblock, unexplained] = match!.slice(1).map(Number);
      expect(E! / 100).toBeCloseTo(want.E, 3);
      expect(shownObserved).toBe(observed * 100);
      expect(shownGap! / 100).toBeCloseTo(want.gap, 3);
      // Each printed part within one rounding step of the formula, and the parts add up to the printed gap.
      expect(Math.abs(baseline! / 100 - want.baseline)).toBeLessThanOrEqual(0.001);
      expect(Math.abs(adblock! / 100 - want.adblock)).toBeLessThanOrEqual(0.001);
      expect(Math.abs(unexplained! / 100 - want.unexplained)).toBeLessThanOrEqual(0.001);
      expect(Math.round((baseline! + adblock! + unexplained!) * 10)).toBe(Math.round(shownGap! * 10));
    }
    // Vendors without an observed figure still get their expected share.
    expect(output).toMatch(/google-ads: expected to report [\d.]+% of real orders\. Expected gap [\d.]+ pts = baseline [\d.]+ \+ ad blockers [\d.]+/);
  });
});
