import { expect, it } from 'vitest';
import { auditDemo } from '../support/audit.ts';

it('consent refused on the demo shop: no marketing tag, GA4 only as consent-mode pings, no compliance finding, nothing on the network', async () => {
  const { verdict, exitCode, runLog } = await auditDemo({ repeat: 1, conditions: ['consent-refused'] });
  expect(verdict.loss.map((r) => [r.vendor, r.lossRate, r.consentPings])).toEqual([
    ['ga4', 1, 1],
    ['google-ads', 1, 0],
    ['meta', 1, 0],
    ['tiktok', 1, 0],
  ]);
  const journey = verdict.journeys[0]!;
  expect(journey.consent).toBe('refused');
  expect(journey.lossCauses.ga4).toMatch(/consent-mode ping only \(gcs=G100\)/);
  expect(journey.lossCauses.meta).toBe('consent refused: no purchase hit');
  // Only Google's cookieless pings went out after the refusal.
  expect(new Set(journey.hits.map((h) => h.vendor))).toEqual(new Set(['ga4']));
  expect(verdict.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(exitCode).toBe(0);
  for (const end of runLog.filter((e) => e.type === 'journey-end')) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});
});

it('meta-before-consent: the pixel fired before the banner was answered is a fired-before-consent finding', async () => {
  const { verdict, exitCode } = await auditDemo({ repeat: 1, conditions: ['baseline'], demoFaults: ['meta-before-consent'] });
  expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'fired-before-consent', vendor: 'meta', severity: 'error' }));
  expect(verdict.findings.filter((f) => f.kind === 'fired-before-consent').map((f) => f.vendor)).toEqual(['meta']);
  expect(exitCode).toBe(1);
});
