import { expect, it } from 'vitest';
import { auditDemo } from '../support/audit.ts';

it('default demo monitor: baseline tracks everything, adblock blocks every purchase with the matching rule, nothing leaves the machine', async () => {
  const { verdict, exitCode, runLog } = await auditDemo({ repeat: 1, conditions: ['baseline', 'adblock'] });
  expect(verdict.loss.map((r) => [r.vendor, r.condition, r.lossRate])).toEqual([
    ['ga4', 'baseline', 0], ['ga4', 'adblock', 1],
    ['google-ads', 'baseline', 0], ['google-ads', 'adblock', 1],
    ['meta', 'baseline', 0], ['meta', 'adblock', 1],
    ['tiktok', 'baseline', 0], ['tiktok', 'adblock', 1],
  ]);
  // Expected loss under an ad blocker is reported with its cause, not as a broken tag.
  expect(exitCode).toBe(0);
  expect(verdict.status).toBe('pass');
  const blocked = verdict.findings.filter((f) => f.kind === 'tag-blocked');
  expect(blocked.map((f) => [f.vendor, f.severity])).toEqual([['ga4', 'info'], ['google-ads', 'info'], ['meta', 'info'], ['tiktok', 'info']]);
  expect(blocked.find((f) => f.vendor === 'ga4')?.message).toMatch(/blocked by EasyPrivacy rule \S+/);

  const adblockJourney = verdict.journeys.find((j) => j.condition === 'adblock')!;
  const ga4Purchase = adblockJourney.hits.find((h) => h.vendor === 'ga4' && h.eventName === 'purchase');
  expect(ga4Purchase).toMatchObject({ status: 'blocked', rule: expect.any(String), filterList: 'EasyPrivacy' });
  expect(adblockJourney.hits.every((h) => h.status === 'blocked')).toBe(true);
  expect(verdict.journeys.find((j) => j.condition === 'baseline')!.hits.every((h) => h.status === 'captured')).toBe(true);
  for (const end of runLog.filter((e) => e.type === 'journey-end')) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});
});
