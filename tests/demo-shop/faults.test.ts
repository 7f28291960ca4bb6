import { describe, expect, it } from 'vitest';
import { DEMO_FAULT_DESCRIPTIONS, DEMO_FAULTS, parseFaults } from '../../src/demo-shop/index.ts';

describe('parseFaults', () => {
  it('reads comma-separated names, arrays of them, blanks and duplicates', () => {
    expect(parseFaults(undefined)).toEqual([]);
    expect(parseFaults('')).toEqual([]);
    expect(parseFaults('ga4-purchase-missing')).toEqual(['ga4-purchase-missing']);
    expect(parseFaults(' order-not-saved , meta-purchase-double,order-not-saved ')).toEqual(['order-not-saved', 'meta-purchase-double']);
    expect(parseFaults(['orders-api-down', 'ga4-value-mismatch,purchase-beacon-on-unload'])).toEqual([
      'orders-api-down',
      'ga4-value-mismatch',
      'purchase-beacon-on-unload',
    ]);
  });

  it('rejects an unknown name, naming it and listing the valid ones', () => {
    expect(() => parseFaults('ga4-purchase-missing,gaa4-typo')).toThrowError(/"gaa4-typo"/);
    try {
      parseFaults(['nope']);
      expect.unreachable();
    } catch (error) {
      for (const fault of DEMO_FAULTS) expect((error as Error).message).toContain(fault);
    }
  });

  it('describes every fault in one line', () => {
    expect(Object.keys(DEMO_FAULT_DESCRIPTIONS).sort()).toEqual([...DEMO_FAULTS].sort());
    for (const text of Object.values(DEMO_FAULT_DESCRIPTIONS)) expect(text).toMatch(/^[^\n]{10,120}$/);
  });
});
