import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkObservedVendors, observedFigures, parseObservedCsv, parseObservedList } from '../../src/audit/observed-figures.ts';
import { observedRatios } from '../../src/cli/parse-options.ts';

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '(no error)';
}

describe('--observed', () => {
  it('reads vendor=ratio pairs, as decimals or percentages', () => {
    expect(parseObservedList('ga4=0.78, meta=71%')).toEqual([
      { vendor: 'ga4', ratio: 0.78, source: '--observed ga4=0.78' },
      { vendor: 'meta', ratio: 0.71, source: '--observed meta=71%' },
    ]);
    // Above 1 is allowed: platforms can report more than the orders (modelled conversions).
    expect(parseObservedList('meta=1.15')[0]!.ratio).toBe(1.15);
  });

  it('rejects what is not a positive ratio, saying how to write it', () => {
    expect(message(() => parseObservedList('ga4'))).toMatch(/'ga4': expected vendor=ratio, e\.g\. ga4=0\.78/);
    expect(message(() => parseObservedList('ga4=0'))).toMatch(/ga4: the ratio must be above 0/);
    expect(message(() => parseObservedList('ga4=-0.2'))).toMatch(/ga4: '-0\.2' is not a number/);
    expect(message(() => parseObservedList('ga4=0,78'))).toMatch(/'78': expected vendor=ratio; write decimals with a point/);
    expect(message(() => parseObservedList('ga4=78'))).toMatch(/for 78% write 0\.78 or 78%/);
    expect(message(() => parseObservedList(','))).toMatch(/expected vendor=ratio pairs/);
  });

  it('the commander parser accumulates repeated options and turns errors into option errors', () => {
    const first = observedRatios('ga4=0.78');
    expect(observedRatios('meta=0.71', first).map((f) => f.vendor)).toEqual(['ga4', 'meta']);
    expect(() => observedRatios('ga4=x')).toThrow(expect.objectContaining({ code: 'commander.invalidArgument' }));
  });
});

describe('--observed-file', () => {
  it('counts: ratio = platform_conversions / backend_orders, any column order, comments and blank lines skipped', () => {
    const csv = '\uFEFF# exported from GA4 and the back office, March\r\nvendor,platform_conversions,backend_orders\r\nga4,780,1000\r\n\r\n"meta",710.5,1000\r\n';
    expect(parseObservedCsv(csv, 'figures.csv')).toEqual([
      { vendor: 'ga4', ratio: 0.78, backendOrders: 1000, platformConversions: 780, source: 'figures.csv:3' },
      { vendor: 'meta', ratio: 0.7105, backendOrders: 1000, platformConversions: 710.5, source: 'figures.csv:5' },
    ]);
  });

  it('ratios', () => {
    expect(parseObservedCsv('vendor,ratio\nga4,0.78\ntiktok,64%\n', 'f.csv').map((f) => [f.vendor, f.ratio, f.source])).toEqual([
      ['ga4', 0.78, 'f.csv:2'],
      ['tiktok', 0.64, 'f.csv:3'],
    ]);
  });

  it('errors name file:line and what to write', () => {
    expect(message(() => parseObservedCsv('', 'f.csv'))).toMatch(/^f\.csv:1: the file is empty/);
    expect(message(() => parseObservedCsv('vendor;ratio\nga4;0.78\n', 'f.csv'))).toMatch(/^f\.csv:1: unexpected header 'vendor;ratio' \(separate columns with commas, not semicolons\): expected vendor,backend_orders,platform_conversions or vendor,ratio/);
    expect(message(() => parseObservedCsv('vendor,ratio\nga4,0.78\nmeta\n', 'f.csv'))).toMatch(/^f\.csv:3: 1 columns, the header has 2/);
    expect(message(() => parseObservedCsv('vendor,backend_orders,platform_conversions\nga4,1 000,780\n', 'f.csv'))).toMatch(/^f\.csv:2: backend_orders: '1 000' is not a number .*no thousands separator/);
    expect(message(() => parseObservedCsv('vendor,backend_orders,platform_conversions\nga4,0,780\n', 'f.csv'))).toMatch(/^f\.csv:2: backend_orders must be above 0/);
    expect(message(() => parseObservedCsv('vendor,backend_orders,platform_conversions\nga4,100,0\n', 'f.csv'))).toMatch(/^f\.csv:2: platform_conversions must be above 0 for ga4/);
    expect(message(() => parseObservedCsv('vendor,ratio\n,0.5\n', 'f.csv'))).toMatch(/^f\.csv:2: the vendor is empty/);
    expect(message(() => parseObservedCsv('vendor,ratio\nga4,abc\n', 'f.csv'))).toMatch(/^f\.csv:2: ratio: 'abc' is not a number/);
    expect(message(() => parseObservedCsv('vendor,ratio\n', 'f.csv'))).toMatch(/^f\.csv:2: no vendor lines after the header/);
  });

  it('the file and the option together; a vendor given twice is an error, a missing file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-observed-'));
    const file = join(dir, 'figures.csv');
    writeFileSync(file, 'vendor,ratio\nga4,0.78\n');
    expect(observedFigures(parseObservedList('meta=0.71'), file)!.map((f) => f.vendor)).toEqual(['ga4', 'meta']);
    expect(message(() => observedFigures(parseObservedList('ga4=0.8'), file))).toMatch(/ga4 is given twice \(.*figures\.csv:2 and --observed ga4=0\.8\)/);
    expect(message(() => observedFigures([], join(dir, 'missing.csv')))).toMatch(/--observed-file: no file .*missing\.csv/);
    expect(observedFigures(undefined, undefined)).toBeUndefined();
  });
});

describe('vendors', () => {
  it("only the monitor's vendors: an unknown one is named with the valid ones", () => {
    expect(() => checkObservedVendors(parseObservedList('ga4=0.78'), ['ga4', 'meta'])).not.toThrow();
    expect(() => checkObservedVendors(undefined, ['ga4'])).not.toThrow();
    expect(message(() => checkObservedVendors(parseObservedList('ga4=0.78,facebook=0.7'), ['ga4', 'google-ads', 'meta']))).toMatch(
      /unknown vendor 'facebook' \(--observed facebook=0\.7\); this monitor reconciles: ga4, google-ads, meta/,
    );
  });
});
