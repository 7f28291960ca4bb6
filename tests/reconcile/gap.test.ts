import { describe, expect, it } from 'vitest';
import type { LossRow } from '../../src/model/verdict.ts';
import type { VendorGap } from '../../src/model/gap.ts';
import { explainGap, points, splitGap } from '../../src/reconcile/gap.ts';

function row(vendor: string, condition: string, orders: number, lost: number, attributable: number | null = null): LossRow {
  return { vendor, condition, orders, tracked: orders - lost, attributable, lost, duplicated: 0, consentPings: 0, lossRate: Math.round((lost / orders) * 10_000) / 10_000, ci95: null };
}

/**
 * Round shares for hand computation. Ad blockers: mobile 0.5 x 0.1 + desktop 0.5 x 0.3 = 0.2.
 * Consent refusal 0.25, cross-device 0.2, Safari 0.4.
 */
const audience = { mobileShare: 0.5, adBlockerMobile: 0.1, adBlockerDesktop: 0.3, consentRefusal: 0.25, crossDevice: 0.2, safari: 0.4 };

function gapOf(loss: LossRow[], vendor: string, options: { observed?: number; advertising?: string[] } = {}): VendorGap {
  const observed = options.observed === undefined ? undefined : [{ vendor, ratio: options.observed, source: `--observed ${vendor}=${options.observed}` }];
  const explanation = explainGap({ loss, audience, observed, advertisingVendors: options.advertising ?? [] });
  return explanation.vendors.find((v) => v.vendor === vendor)!;
}

const sumOfParts = (gap: VendorGap) => gap.baselinePart + gap.causes.reduce((a, c) => a + c.part, 0);

describe('gap explainer', () => {
  it('one cause only: ad blockers explain share x excess loss, the rest is unexplained', () => {
    // Lb = 0; adblock lost 10/10, e = (1 − 0) / (1 − 0) = 1; s = 0.2.
    // E = (1 − 0) × (1 − 0.2 × 1) = 0.8. Gap 1 − E = 0.2, all of it ad blockers.
    // Observed 0.78: gap 22.0 pts, unexplained 0.8 − 0.78 = 0.02.
    const gap = gapOf([row('ga4', 'baseline', 10, 0), row('ga4', 'adblock', 10, 10)], 'ga4', { observed: 0.78 });
    expect(gap.modelled).toBe(true);
    expect(gap.expectedShare).toBeCloseTo(0.8, 12);
    const adblock = gap.causes.find((c) => c.cause === 'adblock')!;
    expect(adblock).toMatchObject({ measured: true, conditionLoss: 1, excessLoss: 1 });
    expect(adblock.share.value).toBeCloseTo(0.2, 12);
    expect(adblock.part).toBeCloseTo(0.2, 12);
    expect(gap.baselinePart).toBe(0);
    expect(gap.observedGap).toBeCloseTo(0.22, 12);
    expect(gap.unexplained).toBeCloseTo(0.02, 12);
    expect(gap.summary).toBe(
      'ga4: expected to report 80.0% of real orders; observed 78.0%. Gap 22.0 pts = baseline 0.0 + ad blockers 20.0 + unexplained 2.0 ' +
        '(investigate; includes consent refusal, cross-device, Safari/ITP, quick exits, not measured)',
    );
    expect(gap.working).toContain('ad blockers: share 20.0% (mobile 50.0% × 10.0% + desktop 50.0% × 30.0%');
    expect(gap.working).toContain('lossRate of the adblock row: 10 of 10 orders lost');
    expect(gap.working).toContain('observed 78.0% from --observed ga4=0.78');
  });

  it('several causes: the log split sums to the expected gap exactly', () => {
    // Lb = 0 (0/4). adblock 4/4: e = 1, s·e = 0.2. consent-refused 2/4: e = 0.5, s·e = 0.25 × 0.5 = 0.125.
    // cross-device 1/4 for ga4 (analytics: its loss rate counts): e = 0.25, s·e = 0.2 × 0.25 = 0.05. itp 0/4, fast-exit 0/4: e = 0.
    // E = 0.8 × 0.875 × 0.95 × 1 × 1 = 0.665; gap 0.335.
    // ln 0.8 = −0.223144, ln 0.875 = −0.133531, ln 0.95 = −0.051293; sum −0.407968 = ln 0.665.
    // Parts: 0.335 × 0.223144/0.407968 = 0.183233; 0.335 × 0.133531/0.407968 = 0.109648; 0.335 × 0.051293/0.407968 = 0.042119.
    const loss = [row('ga4', 'baseline', 4, 0), row('ga4', 'adblock', 4, 4), row('ga4', 'consent-refused', 4, 2), row('ga4', 'cross-device', 4, 1, 0), row('ga4', 'itp', 4, 0, 0), row('ga4', 'fast-exit', 4, 0)];
    const gap = gapOf(loss, 'ga4');
    expect(gap.expectedShare).toBeCloseTo(0.665, 12);
    const part = (cause: string) => gap.causes.find((c) => c.cause === cause)!.part;
    expect(part('adblock')).toBeCloseTo(0.183233, 6);
    expect(part('consent-refusal')).toBeCloseTo(0.109648, 6);
    expect(part('cross-device')).toBeCloseTo(0.042119, 6);
    expect(part('itp')).toBe(0);
    expect(sumOfParts(gap)).toBeCloseTo(0.335, 12);
    expect(gap.notMeasured).toEqual([]);
    // Tenths: 183.2 + 109.6 + 42.1 = 334.9 → the largest remainder (0.65, consent) takes the missing tenth: 33.5.
    expect(gap.summary).toBe(
      'ga4: expected to report 66.5% of real orders. Expected gap 33.5 pts = baseline 0.0 + ad blockers 18.3 + consent refusal 11.0 + cross-device 4.2 + Safari/ITP 0.0 + quick exits 0.0 ' +
        "(compare with the platform's count: --observed ga4=<conversions/orders>)",
    );
  });

  it('the split does not depend on the order of the causes', () => {
    // Sequential attribution would give the first cause 0.2 and the second 0.8 × 0.125 = 0.1, or 0.125 and 0.875 × 0.2 = 0.175.
    const [a1, b1] = splitGap([Math.log(0.8), Math.log(0.875)]);
    const [b2, a2] = splitGap([Math.log(0.875), Math.log(0.8)]);
    expect(a1).toBeCloseTo(a2!, 15);
    expect(b1).toBeCloseTo(b2!, 15);
    expect(a1! + b1!).toBeCloseTo(0.3, 15);
  });

  it('baseline loss: part of the gap is the broken tag, and excess loss is measured on top of it', () => {
    // Lb = 1/4 = 0.25. adblock 4/4: e = (1 − 0.25) / (1 − 0.25) = 1, s·e = 0.2.
    // consent-refused 1/4 = Lb: e = max(0, (0.25 − 0.25) / 0.75) = 0. cross-device 0/4 < Lb: e = max(0, negative) = 0.
    // E = 0.75 × 0.8 = 0.6; gap 0.4. ln 0.75 = −0.287682, ln 0.8 = −0.223144, sum −0.510826.
    // Baseline part 0.4 × 0.287682/0.510826 = 0.225268; ad blockers 0.4 × 0.223144/0.510826 = 0.174732.
    const loss = [row('ga4', 'baseline', 4, 1), row('ga4', 'adblock', 4, 4), row('ga4', 'consent-refused', 4, 1), row('ga4', 'cross-device', 4, 0)];
    const gap = gapOf(loss, 'ga4', { observed: 0.55 });
    expect(gap.baselineLoss).toBe(0.25);
    expect(gap.expectedShare).toBeCloseTo(0.6, 12);
    expect(gap.baselinePart).toBeCloseTo(0.225268, 6);
    expect(gap.causes.find((c) => c.cause === 'adblock')!.part).toBeCloseTo(0.174732, 6);
    expect(gap.causes.find((c) => c.cause === 'consent-refusal')!.excessLoss).toBe(0);
    expect(gap.causes.find((c) => c.cause === 'cross-device')!.excessLoss).toBe(0);
    // Observed 0.55: gap 45.0 = 22.5 + 17.5 + 0 + 0 + unexplained 5.0.
    expect(gap.unexplained).toBeCloseTo(0.05, 12);
    expect(gap.summary).toMatch(/Gap 45\.0 pts = baseline 22\.5 \+ ad blockers 17\.5 \+ consent refusal 0\.0 \+ cross-device 0\.0 \+ unexplained 5\.0 \(investigate; includes Safari\/ITP, quick exits, not measured\)/);
  });

  it('negative unexplained: the platform reports more than the causes allow, said in words', () => {
    // E = 0.8 as in the one-cause case; observed 0.9: gap 10.0 pts, unexplained 0.8 − 0.9 = −0.1.
    const gap = gapOf([row('meta', 'baseline', 10, 0), row('meta', 'adblock', 10, 10)], 'meta', { observed: 0.9, advertising: ['meta'] });
    expect(gap.unexplained).toBeCloseTo(-0.1, 12);
    expect(gap.summary).toContain('Gap 10.0 pts = baseline 0.0 + ad blockers 20.0 + unexplained -10.0');
    expect(gap.summary).toMatch(/meta reports 10\.0 pts more than the measured causes allow: modelled conversions, view-through/);
    expect(gap.summary).not.toContain('investigate');
  });

  it('unmeasured causes: listed with the condition to add, contributing 0', () => {
    const loss = [row('ga4', 'baseline', 2, 0), row('ga4', 'adblock', 2, 2), { ...row('ga4', 'itp', 1, 0), orders: 0, tracked: 0, lost: 0, lossRate: null }];
    const gap = gapOf(loss, 'ga4', { observed: 0.7 });
    expect(gap.notMeasured).toEqual(['consent-refusal', 'cross-device', 'itp', 'fast-exit']);
    const consent = gap.causes.find((c) => c.cause === 'consent-refusal')!;
    expect(consent).toMatchObject({ measured: false, part: 0, conditionLoss: null, note: 'not measured (add the `consent-refused` condition to explain this part)' });
    // The itp condition ran but measured no order: not measured either, with why.
    expect(gap.causes.find((c) => c.cause === 'itp')!.note).toMatch(/measured no orders/);
    // E = 0.8 (ad blockers only), observed 0.7: unexplained 0.1, which includes the unmeasured causes.
    expect(gap.unexplained).toBeCloseTo(0.1, 12);
    expect(gap.summary).toContain('unexplained 10.0 (investigate; includes consent refusal, cross-device, Safari/ITP, quick exits, not measured)');
    expect(gap.working).toContain('consent refusal: not measured (add the `consent-refused` condition to explain this part)');
    expect(gap.working).toContain('quick exits: not measured (add the `fast-exit` condition to explain this part)');
  });

  it('an ad platform counts attribution loss under cross-device and ITP; an analytics tool its loss rate', () => {
    // cross-device 4 orders, 0 lost, 1 attributable. meta (advertising): L = 1 − 1/4 = 0.75, e = 0.75, s·e = 0.2 × 0.75 = 0.15.
    // itp 4 orders, 0 lost, 2 attributable: L = 1 − 2/4 = 0.5, e = 0.5, s·e = 0.4 × 0.5 = 0.2.
    // E = 1 × 0.85 × 0.8 = 0.68. For ga4 (analytics) the same rows lose nothing: E = 1.
    const loss = ['meta', 'ga4'].flatMap((v) => [row(v, 'baseline', 4, 0), row(v, 'cross-device', 4, 0, 1), row(v, 'itp', 4, 0, 2)]);
    const meta = gapOf(loss, 'meta', { advertising: ['meta'] });
    const crossDevice = meta.causes.find((c) => c.cause === 'cross-device')!;
    expect(crossDevice.conditionLoss).toBeCloseTo(0.75, 12);
    expect(crossDevice.conditionLossBasis).toContain('1 − 1 attributable / 4 orders');
    expect(crossDevice.impact).toBeCloseTo(0.15, 12);
    expect(meta.causes.find((c) => c.cause === 'itp')!.impact).toBeCloseTo(0.2, 12);
    expect(meta.expectedShare).toBeCloseTo(0.68, 12);
    expect(sumOfParts(meta)).toBeCloseTo(0.32, 12);
    const ga4 = gapOf(loss, 'ga4', { advertising: ['meta'] });
    expect(ga4.causes.find((c) => c.cause === 'cross-device')!.conditionLoss).toBe(0);
    expect(ga4.expectedShare).toBe(1);
  });

  it('timing: a purchase tag lost by quick exits, weighted by the share of quick leavers (an assumption unless the monitor sets it)', () => {
    // tiktok sends its purchase late: baseline 0/4 lost, fast-exit 4/4 lost: e = 1. Default share 0.1 (assumption): s·e = 0.1.
    // An ad platform: the timing cause counts lost hits, not attribution (a late pixel loses the conversion itself).
    // E = 1 × 0.9 = 0.9; the whole gap (10.0 pts) is quick exits. Observed 0.85: unexplained 5.0.
    const loss = [row('tiktok', 'baseline', 4, 0, 4), row('tiktok', 'fast-exit', 4, 4, 0)];
    const tiktok = explainGap({ loss, observed: [{ vendor: 'tiktok', ratio: 0.85, source: '--observed tiktok=0.85' }], advertisingVendors: ['tiktok'] }).vendors[0]!;
    const quick = tiktok.causes.find((c) => c.cause === 'fast-exit')!;
    expect(quick).toMatchObject({ label: 'quick exits', condition: 'fast-exit', measured: true, conditionLoss: 1, excessLoss: 1 });
    expect(quick.share).toMatchObject({ value: 0.1, source: expect.stringMatching(/^assumption \(no public figure found\)/) });
    expect(quick.impact).toBeCloseTo(0.1, 12);
    expect(tiktok.expectedShare).toBeCloseTo(0.9, 12);
    expect(quick.part).toBeCloseTo(0.1, 12);
    expect(tiktok.summary).toContain('Gap 15.0 pts = baseline 0.0 + quick exits 10.0 + unexplained 5.0');
    expect(tiktok.working).toContain('quick exits: share 10.0% (assumption (no public figure found): 10% of buyers leave the confirmation page at once; set audience.quickLeavers from your own data) × excess loss 100.0% (lossRate of the fast-exit row: 4 of 4 orders lost) = 10.0% of orders');
    // The monitor's own share replaces the assumption: 0.3 × 1 = 0.3, E = 0.7.
    const own = explainGap({ loss, audience: { quickLeavers: 0.3 }, advertisingVendors: ['tiktok'] }).vendors[0]!;
    expect(own.causes.find((c) => c.cause === 'fast-exit')!.share).toEqual({ value: 0.3, source: 'monitor audience.quickLeavers' });
    expect(own.expectedShare).toBeCloseTo(0.7, 12);
    // Without the fast-exit condition: not measured, with the hint to add it.
    const without = explainGap({ loss: [row('tiktok', 'baseline', 4, 0, 4)], advertisingVendors: ['tiktok'] }).vendors[0]!;
    expect(without.notMeasured).toContain('fast-exit');
    expect(without.causes.find((c) => c.cause === 'fast-exit')!.note).toBe('not measured (add the `fast-exit` condition to explain this part)');
    expect(without.summary).toContain('not measured: ad blockers, consent refusal, cross-device, Safari/ITP, quick exits;');
  });

  it('E = 1: nothing lost, nothing to split, no NaN', () => {
    const gap = gapOf([row('ga4', 'baseline', 3, 0), row('ga4', 'adblock', 3, 0)], 'ga4', { observed: 1 });
    expect(gap.expectedShare).toBe(1);
    expect(gap.expectedGap).toBe(0);
    expect(gap.baselinePart).toBe(0);
    expect(gap.causes.every((c) => c.part === 0)).toBe(true);
    expect(gap.unexplained).toBe(0);
    expect(gap.summary).toContain('Gap 0.0 pts = baseline 0.0 + ad blockers 0.0 + unexplained 0.0 (the measured causes explain it all)');
    expect(gap.summary).not.toMatch(/NaN|Infinity/);
  });

  it('E = 0: a baseline that loses everything takes the whole gap', () => {
    // Lb = 1: e_c = 0 by definition, E = 0, ln E = −∞: the baseline's factor is the one at 0.
    const gap = gapOf([row('ga4', 'baseline', 2, 2), row('ga4', 'adblock', 2, 2)], 'ga4');
    expect(gap.expectedShare).toBe(0);
    expect(gap.baselinePart).toBe(1);
    expect(gap.causes.every((c) => c.part === 0 && c.excessLoss === 0)).toBe(true);
    expect(gap.summary).toContain('Expected gap 100.0 pts = baseline 100.0 + ad blockers 0.0');
  });

  it('without a measured baseline the gap is not modelled, and says why', () => {
    const gap = gapOf([row('ga4', 'adblock', 2, 2)], 'ga4', { observed: 0.8 });
    expect(gap).toMatchObject({ modelled: false, expectedShare: null });
    expect(gap.summary).toBe('ga4: the gap cannot be modelled: the baseline condition was not run (add `baseline` to the conditions). Observed 80.0% of real orders.');
    const unread = gapOf([{ ...row('ga4', 'baseline', 1, 0), orders: null, tracked: null, lost: null, lossRate: null }], 'ga4');
    expect(unread.reason).toMatch(/baseline condition measured no orders/);
  });

  it('printed points add up to the printed total', () => {
    // 16.66 × 3 + 50.02 = 100.0, but plain rounding prints 16.7 × 3 + 50.0 = 100.1: one 16.66 gives its tenth back.
    expect(points([0.1666, 0.1666, 0.1666, 0.5002])).toEqual({ parts: ['16.7', '16.7', '16.6', '50.0'], total: '100.0' });
    expect(points([0.2, -0.1])).toEqual({ parts: ['20.0', '-10.0'], total: '10.0' });
  });
});
