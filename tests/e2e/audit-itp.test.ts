import { expect, it } from 'vitest';
import { auditDemo } from '../support/audit.ts';

it('itp: a purchase two days after an ad click is tracked but no vendor can attribute it; the capped cookies are named', async () => {
  const { verdict, exitCode, runLog } = await auditDemo({ repeat: 1, conditions: ['itp'] });
  expect(verdict.loss.map((r) => [r.vendor, r.tracked, r.lossRate, r.attributable])).toEqual([
    ['ga4', 1, 0, 0],
    ['google-ads', 1, 0, 0],
    ['meta', 1, 0, 0],
    ['tiktok', 1, 0, 0],
  ]);
  expect(verdict.findings.filter((f) => f.kind === 'attribution-lost').map((f) => f.vendor)).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
  const returnVisit = runLog.find((e) => e.type === 'return-visit');
  expect(returnVisit?.type === 'return-visit' && returnVisit.removedCookies).toEqual(expect.arrayContaining(['_ga', '_gcl_aw', '_fbc', 'ttclid']));
  expect(verdict.summary).toMatch(/lost the ad click/);
  expect(exitCode).toBe(0);
});
