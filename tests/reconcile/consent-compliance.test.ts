import { describe, expect, it } from 'vitest';
import type { ConsentOutcome } from '../../src/model/run-event.ts';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import { consentFindings } from '../../src/reconcile/consent-compliance.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

const T = (s: number) => `2026-11-26T04:00:${String(s).padStart(2, '0')}.000Z`;
const meta: VendorEvent = { vendor: 'meta', eventName: 'PageView', kind: 'pageview', params: {} };
const ga4Ping: VendorEvent = { vendor: 'ga4', eventName: 'page_view', kind: 'pageview', consent: { gcs: 'G100', analyticsStorage: 'denied', adStorage: 'denied' }, params: {} };
const ga4Full: VendorEvent = { ...ga4Ping, consent: { gcs: 'G111', analyticsStorage: 'granted', adStorage: 'granted' } };

/** Banner answered between second 10 and 12. */
function journey(consent: ConsentOutcome, hits: [number, VendorEvent][]): JourneyRecord {
  return {
    journeyId: 'j', scenario: 'purchase', condition: 'consent-refused', repeat: 1, status: 'passed', consent, consents: [{ outcome: consent, decidedAt: T(10), doneAt: T(12) }], networkHosts: {},
    hits: hits.map(([s, e]) => ({ hit: { type: 'hit', time: T(s), journeyId: 'j', url: `https://${e.vendor}.example/`, method: 'GET', status: 'captured' }, events: [e] })),
  };
}
const kinds = (j: JourneyRecord) => consentFindings(j).map((f) => `${f.kind}:${f.vendor}`);

describe('consent compliance', () => {
  it('a marketing tag before the decision is fired-before-consent; a Google consent-mode ping is not', () => {
    expect(kinds(journey('accepted', [[5, meta], [5, ga4Ping], [15, meta], [15, ga4Full]]))).toEqual(['fired-before-consent:meta']);
  });

  it('after a refusal: full hits are fired-after-refusal, cookieless pings are allowed', () => {
    expect(kinds(journey('refused', [[15, meta], [16, ga4Ping]]))).toEqual(['fired-after-refusal:meta']);
  });

  it('never answering means every full hit fired without consent', () => {
    expect(kinds(journey('ignored', [[20, ga4Full], [21, ga4Ping]]))).toEqual(['fired-before-consent:ga4']);
  });

  it('Google signals contradicting the decision are flagged; hits while the banner was being answered are left out', () => {
    expect(kinds(journey('accepted', [[11, ga4Ping], [15, ga4Ping]]))).toEqual(['consent-signal-mismatch:ga4']);
    expect(kinds(journey('refused', [[11, meta]]))).toEqual([]);
  });

  it('a banner not handled: nothing to check against (the journey is not measured)', () => {
    expect(kinds(journey('not-handled', [[5, meta]]))).toEqual([]);
  });

  it('no banner on any page: marketing hits are fired-without-banner (a warning by default), never "never answered the banner"', () => {
    for (const condition of ['baseline', 'consent-refused', 'consent-ignored']) {
      const j = { ...journey('no-banner', [[5, meta], [11, meta], [15, ga4Ping], [20, ga4Full]]), condition };
      j.pageLoads = [{ url: 'https://shop.example/', time: T(4) }];
      const findings = consentFindings(j);
      // One per vendor; the consent-mode ping is allowed; hits while tagwatch looked for a banner count too.
      expect(findings.map((f) => `${f.severity} ${f.kind}:${f.vendor}`)).toEqual(['warning fired-without-banner:meta', 'warning fired-without-banner:ga4']);
      expect(findings[0]).toMatchObject({ condition, journeyId: 'j', evidence: { url: 'https://meta.example/', page: 'https://shop.example/' } });
      expect(findings[0]!.message).toBe('meta sent PageView with no consent banner shown on https://shop.example/ (j): the visitor was never asked');
      expect(findings.map((f) => f.message).join('\n')).not.toMatch(/never answered|before the visitor answered/);
    }
  });

  it("fired-without-banner takes the monitor's severity, and names the consent manager that was on the page", () => {
    const j = journey('no-banner', [[5, meta]]);
    j.consents[0]!.cmp = 'Klaro';
    expect(consentFindings(j, { firedWithoutBanner: 'error' })).toEqual([
      expect.objectContaining({ severity: 'error', kind: 'fired-without-banner', vendor: 'meta', evidence: expect.objectContaining({ cmp: 'Klaro' }) }),
    ]);
    expect(consentFindings(j, { firedWithoutBanner: 'info' })[0]!.message).toMatch(/\(Klaro was on the page but showed no banner\)$/);
  });

  it('a banner shown and ignored is still fired-before-consent: the visitor was asked and never answered', () => {
    expect(consentFindings(journey('ignored', [[20, meta]])).map((f) => [f.kind, f.message])).toEqual([['fired-before-consent', 'meta sent PageView although the visitor never answered the consent banner (j)']]);
  });

  it('under refusal a GA4 purchase seen only as a consent-mode ping is lost and counted apart', () => {
    const purchasePing: VendorEvent = { ...ga4Ping, eventName: 'purchase', kind: 'purchase', transactionId: 'DS-1', value: 10, currency: 'EUR' };
    const j = { ...journey('refused', [[15, purchasePing]]), orderId: 'DS-1' };
    const result = reconcile({
      journeys: [j],
      orders: { ok: true, orders: [{ id: 'DS-1', total: 10, currency: 'EUR', createdAt: T(20) }] },
      expectations: { ga4: { eventName: 'purchase', requireTransactionId: true } },
      maxLossRate: () => 1,
      expectedLossConditions: ['consent-refused'],
      conditions: ['consent-refused'],
    });
    expect(result.loss[0]).toMatchObject({ lost: 1, consentPings: 1, lossRate: 1 });
    expect(result.journeys[0]!.consent).toBe('refused');
    expect(result.journeys[0]!.lossCauses.ga4).toBe('consent-mode ping only (gcs=G100)');
    expect(result.status).toBe('pass');
  });

  it('a second banner (another device, a return visit): hits between the two answers are left out, hits after are checked', () => {
    const j = journey('accepted', [[5, meta], [15, ga4Full], [25, ga4Ping], [27, meta], [35, ga4Ping]]);
    j.consents.push({ outcome: 'accepted', decidedAt: T(30), doneAt: T(32) });
    // 5 s: before any answer. 15-27 s: either device, so no claim. 35 s: after both answers, a denied signal contradicts them.
    expect(kinds(j)).toEqual(['fired-before-consent:meta', 'consent-signal-mismatch:ga4']);
    // A later "no banner" means the decision was remembered: a contradiction after it still counts.
    const remembered = journey('accepted', [[25, ga4Ping]]);
    remembered.consents.push({ outcome: 'no-banner', decidedAt: T(30), doneAt: T(31) });
    expect(kinds(remembered)).toEqual(['consent-signal-mismatch:ga4']);
  });
});
