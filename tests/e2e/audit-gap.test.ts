import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import type { LossRow, Verdict } from '../../src/model/verdict.ts';

function tagwatch(args: string[], cwd = mkdtempSync(join(tmpdir(), 'tagwatch-gap-'))) {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd, timeout: 150_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

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

describe('tagwatch audit --observed', () => {
  it('prints the split of each gap and stores it in results.json, both as the formula gives from the run\'s own loss table', () => {
    const out = mkdtempSync(join(tmpdir(), 'tagwatch-gap-reports-'));
    const { code, stdout, stderr } = tagwatch(['audit', '--conditions', 'baseline,adblock', '--repeat', '1', '--observed', 'ga4=0.78,meta=0.71', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const verdict = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as Verdict;
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

      const line = stdout.split('\n').find((l) => l.trim().startsWith(`${vendor}: expected to report`));
      expect(line, stdout).toBeDefined();
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
    expect(stdout).toMatch(/google-ads: expected to report [\d.]+% of real orders\. Expected gap [\d.]+ pts = baseline [\d.]+ \+ ad blockers [\d.]+/);
  }, 180_000);

  it('an unknown vendor is an error naming the valid ones, before any browser starts', () => {
    const { code, stderr, stdout } = tagwatch(['audit', '--observed', 'ga4=0.78,facebook=0.7']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown vendor 'facebook' \(--observed facebook=0\.7\); this monitor reconciles: ga4, google-ads, meta, tiktok/);
    expect(stdout).not.toContain('auditing');
  });

  it('a bad ratio or a bad figures file: exit 2 with what and where', () => {
    const zero = tagwatch(['audit', '--observed', 'ga4=0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--observed <list>.*ga4: the ratio must be above 0/);

    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-gap-csv-'));
    writeFileSync(join(dir, 'figures.csv'), 'vendor,backend_orders,platform_conversions\nga4,1000,780\nmeta,1000,seven hundred\n');
    const csv = tagwatch(['audit', '--observed-file', 'figures.csv'], dir);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("figures.csv:3: platform_conversions: 'seven hundred' is not a number");
  });
});
