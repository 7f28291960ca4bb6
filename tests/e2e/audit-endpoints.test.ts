import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/run-event.ts';
import { auditDemo } from '../support/audit.ts';
import { demoShopFields } from '../support/monitors.ts';

/** The demo monitor, baseline only, with or without GA4's server-side GTM endpoint declared. */
function monitorFile(endpoints: Record<string, string[]> | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-endpoints-'));
  const file = join(dir, 'sgtm.monitor.ts');
  const monitor = {
    name: 'sgtm',
    scenarios: ['purchase'],
    conditions: ['baseline'],
    repeat: 1,
    ...demoShopFields({ faults: ['ga4-server-side'] }),
    expect: { ga4: { eventName: 'purchase' }, 'google-ads': { eventName: 'conversion' }, meta: { eventName: 'Purchase' }, tiktok: { eventName: 'CompletePayment' } },
    ...(endpoints ? { endpoints } : {}),
  };
  writeFileSync(file, `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return file;
}

const sgtmHits = (runLog: RunEvent[]) => runLog.filter((e): e is Extract<RunEvent, { type: 'hit' }> => e.type === 'hit' && new URL(e.url).pathname === '/sgtm/data');

describe('GA4 through a server-side GTM path on the shop origin (real Chromium, demo shop)', () => {
  it('undeclared: the GA4 purchase is lost (tag-missing), the other vendors are fine', async () => {
    const { verdict, exitCode, runLog } = await auditDemo({ monitorFile: monitorFile(undefined) });
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
  });

  it("declared as endpoints: { ga4: ['/sgtm/data'] }: the purchase is tracked, answered by the capture", async () => {
    const { verdict, exitCode, runLog } = await auditDemo({ monitorFile: monitorFile({ ga4: ['/sgtm/data'] }) });
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
    // Answered locally (204), like a hit to Google's own endpoint would be.
    for (const hit of hits) expect(hit).toMatchObject({ status: 'captured', method: 'POST' });
    expect(hits.every((hit) => new URL(hit.url).searchParams.get('tid') === 'G-DEMO0SHOP1')).toBe(true);
  });
});
