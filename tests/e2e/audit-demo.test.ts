import { describe, expect, it } from 'vitest';
import { auditDemo } from '../support/audit.ts';

/**
 * A real audit of the demo shop with the pagehide beacon only the browser-level tap sees. The clean
 * shop's audit is the CLI's (tests/e2e/cli.test.ts, `tagwatch audit` outside a project); the
 * verdicts of its other faults are judged from recorded runs (tests/judge/recorded-demo-faults.test.ts).
 */
describe('audit of the embedded demo shop (real Chromium)', () => {
  it('purchase-beacon-on-unload: the pagehide beacon is captured, loss 0, nothing reached the network', async () => {
    const { verdict, runLog } = await auditDemo({ demoFaults: ['purchase-beacon-on-unload'], repeat: 1, conditions: ['baseline'] });
    expect(verdict.loss.find((r) => r.vendor === 'ga4')?.lossRate).toBe(0);
    const ga4Purchase = runLog.find((e) => e.type === 'hit' && e.url.includes('/g/collect') && e.body?.includes('en=purchase'));
    expect(ga4Purchase).toMatchObject({ status: 'captured', resourceType: 'Ping' });
    const ends = runLog.filter((e) => e.type === 'journey-end');
    expect(ends.length).toBe(1);
    for (const end of ends) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});
  });
});
