import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/run-event.ts';
import { reportRecorded } from './recorded-run.ts';

const sgtmHits = (runLog: RunEvent[]) => runLog.filter((e): e is Extract<RunEvent, { type: 'hit' }> => e.type === 'hit' && new URL(e.url).pathname === '/sgtm/data');

/**
 * GA4 sent through a server-side GTM path on the shop's own origin (demo fault ga4-server-side),
 * recorded with the path undeclared and declared (tests/fixtures/runs/sgtm-*). Were the two
 * audits of tests/e2e/audit-endpoints.test.ts.
 */
describe('GA4 through a server-side GTM path on the shop origin, from recorded audits', () => {
  it('undeclared: the GA4 purchase is lost (tag-missing), the other vendors are fine', async () => {
    const { verdict, exitCode, runLog } = await reportRecorded('sgtm-undeclared');
    expect(exitCode).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'tag-missing', vendor: 'ga4', severity: 'error' }));
    expect(verdict.loss.find((r) => r.vendor === 'ga4')?.lossRate).toBe(1);
    expect(verdict.loss.filter((r) => r.vendor !== 'ga4').map((r) => [r.vendor, r.lossRate])).toEqual([
      ['google-ads', 0],
      ['meta', 0],
      ['tiktok', 0],
    ]);
    // Not a tag hit for the capture: it went on to the shop, which does not serve it.
    expect(sgtmHits(runLog)).toEqual([]);
    // But it was seen, and it is the cause: not "tag not triggered", the endpoint to declare.
    expect(runLog.some((e) => e.type === 'unclaimed-request' && e.url.includes('/sgtm/data'))).toBe(true);
    const missing = verdict.findings.find((f) => f.kind === 'tag-missing' && f.vendor === 'ga4')!;
    expect(missing.message).toContain("the purchase went to /sgtm/data on the shop's own domain, an endpoint the monitor does not declare for ga4");
    expect(missing.message).toContain("endpoints: { ga4: ['/sgtm/data'] }");
    expect(missing.message).not.toContain('not triggered');
    expect(verdict.findings.some((f) => f.kind === 'tag-not-triggered')).toBe(false);
  });

  it("declared as endpoints: { ga4: ['/sgtm/data'] }: the purchase is tracked, answered by the capture", async () => {
    const { verdict, exitCode, runLog } = await reportRecorded('sgtm-declared');
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(verdict.loss.map((r) => [r.vendor, r.lossRate])).toEqual([
      ['ga4', 0],
      ['google-ads', 0],
      ['meta', 0],
      ['tiktok', 0],
    ]);
    expect(verdict.journeys[0]?.vendors.ga4).toBe('tracked');
    const hits = sgtmHits(runLog);
    expect(hits.some((hit) => hit.body?.includes('en=purchase'))).toBe(true);
    // Answered locally (204) by the capture, like a hit to Google's own endpoint would be.
    for (const hit of hits) expect(hit).toMatchObject({ status: 'captured', method: 'POST' });
    expect(hits.every((hit) => new URL(hit.url).searchParams.get('tid') === 'G-DEMO0SHOP1')).toBe(true);
  });
});
