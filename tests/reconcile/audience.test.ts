import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, resolveAudience } from '../../src/reconcile/audience.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

describe('audience mix', () => {
  it('defaults: every figure has its source and year, or says it is an assumption; per-device figures weighted by the device mix', () => {
    for (const figure of Object.values(DEFAULT_AUDIENCE)) {
      expect(figure.value).toBeGreaterThanOrEqual(0);
      expect(figure.value).toBeLessThanOrEqual(1);
      expect(figure.source.length).toBeGreaterThan(10);
      if (!figure.source.startsWith('assumption')) expect('year' in figure && figure.year).toBeGreaterThan(2010);
    }
    // No public figure for buyers who leave the confirmation page at once: the report says so, and how to set it.
    expect(resolveAudience().quickLeavers).toEqual({ value: 0.1, source: expect.stringMatching(/^assumption \(no public figure found\).*audience\.quickLeavers/) });
    expect(resolveAudience({ quickLeavers: 0.3 }).quickLeavers).toEqual({ value: 0.3, source: 'monitor audience.quickLeavers' });
    const audience = resolveAudience();
    // 0.7 × 0.0468 + 0.3 × 0.252 = 0.03276 + 0.0756 = 0.10836.
    expect(audience.adBlocker.value).toBeCloseTo(0.10836, 10);
    // 0.7 × 0.35 + 0.3 × 0.092 = 0.245 + 0.0276 = 0.2726.
    expect(audience.safari.value).toBeCloseTo(0.2726, 10);
    expect(audience.safari.source).toMatch(/StatCounter/);
    expect(audience.consentRefusal).toMatchObject({ value: 0.26, year: 2022 });
    expect(audience.consentRefusal.source).toMatch(/Commanders Act/);
  });

  it("the monitor's figures replace the defaults, and say they come from the monitor", () => {
    const audience = resolveAudience({ mobileShare: 0.5, consentRefusal: 0.4 });
    expect(audience.consentRefusal).toEqual({ value: 0.4, source: 'monitor audience.consentRefusal' });
    // Default Safari shares, weighted by the monitor's mix: 0.5 × 0.35 + 0.5 × 0.092 = 0.221.
    expect(audience.safari.value).toBeCloseTo(0.221, 10);
    expect(resolveAudience({ safari: 0.6 }).safari).toEqual({ value: 0.6, source: 'monitor audience.safari' });
  });

  it('the monitor schema checks audience shares are 0..1 and names unknown fields', () => {
    const base = { ...REQUIRED_FIELDS, name: 'shop', expect: { ga4: {} } };
    expect(validateMonitor({ ...base, audience: { consentRefusal: 0.3 } }, 'x.monitor.ts').audience).toEqual({ consentRefusal: 0.3 });
    expect(validateMonitor(base, 'x.monitor.ts').audience).toBeUndefined();
    expect(() => validateMonitor({ ...base, audience: { consentRefusal: 30, safari: -0.1 } }, 'x.monitor.ts')).toThrow(/audience\.consentRefusal: [\s\S]*audience\.safari: /);
    expect(() => validateMonitor({ ...base, audience: { adblock: 0.3 } }, 'x.monitor.ts')).toThrow(/audience\.adblock: unknown field/);
  });
});
