import { describe, expect, it } from 'vitest';
import { findingsOf, reportRecorded } from './recorded-run.ts';

/**
 * What the judge makes of each condition, from recorded audits of the clean demo shop
 * (tests/fixtures/runs/adblock-observed: baseline + adblock; visitor-conditions: consent-refused,
 * gpc, itp, cross-device; meta-before-consent: a fault). The capture under each condition (the
 * rule lines, the headers, the devices, nothing leaving the machine) is checked by the one real
 * audit of tests/e2e/audit-adblock.test.ts. Were audit-adblock, audit-consent, audit-gpc, audit-itp
 * and audit-cross-device: six audits.
 */
describe('conditions, judged from recorded audits of the demo shop', () => {
  it('adblock: baseline tracks everything, adblock blocks every purchase with the matching rule, reported as expected loss', async () => {
    const { verdict, exitCode } = await reportRecorded('adblock-observed');
    expect(verdict.loss.map((r) => [r.vendor, r.condition, r.lossRate])).toEqual([
      ['ga4', 'baseline', 0], ['ga4', 'adblock', 1],
      ['google-ads', 'baseline', 0], ['google-ads', 'adblock', 1],
      ['meta', 'baseline', 0], ['meta', 'adblock', 1],
      ['tiktok', 'baseline', 0], ['tiktok', 'adblock', 1],
    ]);
    // Expected loss under an ad blocker is reported with its cause, not as a broken tag.
    expect(exitCode).toBe(0);
    expect(verdict.status).toBe('pass');
    const blocked = findingsOf(verdict, 'tag-blocked');
    expect(blocked.map((f) => [f.vendor, f.severity])).toEqual([['ga4', 'info'], ['google-ads', 'info'], ['meta', 'info'], ['tiktok', 'info']]);
    expect(blocked.find((f) => f.vendor === 'ga4')?.message).toMatch(/blocked by EasyPrivacy line \d+: \S+/);

    const adblockJourney = verdict.journeys.find((j) => j.condition === 'adblock')!;
    const ga4Purchase = adblockJourney.hits.find((h) => h.vendor === 'ga4' && h.eventName === 'purchase');
    expect(ga4Purchase).toMatchObject({ status: 'blocked', rule: expect.any(String), filterList: 'EasyPrivacy', filterLine: expect.any(Number) });
    expect(adblockJourney.hits.every((h) => h.status === 'blocked')).toBe(true);
    expect(verdict.journeys.find((j) => j.condition === 'baseline')!.hits.every((h) => h.status === 'captured')).toBe(true);
    // The Meta pixel's loss names the line that blocked it, as the report shows it.
    const metaHit = adblockJourney.hits.find((h) => h.vendor === 'meta' && h.eventName === 'Purchase')!;
    expect(metaHit.rule).not.toContain('<+>');
    expect(adblockJourney.lossCauses.meta).toBe(`blocked by ${metaHit.filterList} line ${metaHit.filterLine}: ${metaHit.rule}`);
  });

  it('consent refused: no marketing tag, GA4 only as consent-mode pings, no compliance finding', async () => {
    const { verdict } = await reportRecorded('visitor-conditions');
    expect(verdict.loss.filter((r) => r.condition === 'consent-refused').map((r) => [r.vendor, r.lossRate, r.consentPings])).toEqual([
      ['ga4', 1, 1],
      ['google-ads', 1, 0],
      ['meta', 1, 0],
      ['tiktok', 1, 0],
    ]);
    const journey = verdict.journeys.find((j) => j.condition === 'consent-refused')!;
    expect(journey.consent).toBe('refused');
    expect(journey.lossCauses.ga4).toMatch(/consent-mode ping only \(gcs=G100\)/);
    expect(journey.lossCauses.meta).toBe('consent refused: no purchase hit');
    // Only Google's cookieless pings went out after the refusal.
    expect(new Set(journey.hits.map((h) => h.vendor))).toEqual(new Set(['ga4']));
    expect(verdict.findings.filter((f) => f.condition === 'consent-refused' && f.severity !== 'info')).toEqual([]);
  });

  it('meta-before-consent: the pixel fired before the banner was answered is a fired-before-consent finding, and the run fails', async () => {
    const { verdict, exitCode } = await reportRecorded('meta-before-consent');
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'fired-before-consent', vendor: 'meta', severity: 'error' }));
    expect(findingsOf(verdict, 'fired-before-consent').map((f) => f.vendor)).toEqual(['meta']);
    expect(exitCode).toBe(1);
  });

  it('gpc: the demo shop ignores GPC, so each advertising vendor gets a fired-despite-opt-out finding', async () => {
    const { verdict } = await reportRecorded('visitor-conditions');
    const optOut = findingsOf(verdict, 'fired-despite-opt-out');
    expect(optOut.map((f) => f.condition)).toEqual(optOut.map(() => 'gpc'));
    expect(optOut.map((f) => f.vendor).sort()).toEqual(['google-ads', 'meta', 'tiktok']);
    expect(optOut.find((f) => f.vendor === 'meta')?.message).toContain('Sec-GPC: 1');
  });

  it('itp: a purchase two days after an ad click is tracked but no vendor can attribute it; the capped cookies are named', async () => {
    const { verdict, runLog } = await reportRecorded('visitor-conditions');
    expect(verdict.loss.filter((r) => r.condition === 'itp').map((r) => [r.vendor, r.tracked, r.lossRate, r.attributable])).toEqual([
      ['ga4', 1, 0, 0],
      ['google-ads', 1, 0, 0],
      ['meta', 1, 0, 0],
      ['tiktok', 1, 0, 0],
    ]);
    expect(findingsOf(verdict, 'attribution-lost').filter((f) => f.condition === 'itp').map((f) => f.vendor)).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
    const returnVisit = runLog.find((e) => e.type === 'return-visit');
    expect(returnVisit?.type === 'return-visit' && returnVisit.removedCookies).toEqual(expect.arrayContaining(['_ga', '_gcl_aw', '_fbc', 'ttclid']));
    expect(verdict.summary).toMatch(/lost the ad click/);
  });

  it("cross-device: purchases tracked on the laptop, but the phone's ad clicks are lost: attributable 0, attribution-lost per ad vendor", async () => {
    const { verdict, runLog } = await reportRecorded('visitor-conditions');
    expect(verdict.loss.filter((r) => r.condition === 'cross-device').map((r) => [r.vendor, r.tracked, r.lossRate, r.attributable])).toEqual([
      ['ga4', 1, 0, 0],
      ['google-ads', 1, 0, 0],
      ['meta', 1, 0, 0],
      ['tiktok', 1, 0, 0],
    ]);
    const lost = findingsOf(verdict, 'attribution-lost').filter((f) => f.condition === 'cross-device');
    expect(lost.map((f) => [f.vendor, f.severity])).toEqual([['ga4', 'info'], ['google-ads', 'info'], ['meta', 'info'], ['tiktok', 'info']]);
    expect(lost.find((f) => f.vendor === 'ga4')?.message).toMatch(/client id .* not the ad landing's/);
    // The demo sends hashed e-mails: the report says the platform may still match by them.
    expect(lost.find((f) => f.vendor === 'meta')?.message).toMatch(/lacks the ad click's fbclid \(fbc\).*carries email/);
    expect(runLog.filter((e) => e.type === 'ad-click')).toHaveLength(2);
  });
});
