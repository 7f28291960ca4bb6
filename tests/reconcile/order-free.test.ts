import { describe, expect, it } from 'vitest';
import type { ConsentOutcome } from '../../src/model/run-event.ts';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile, type ReconcileInput } from '../../src/reconcile/reconcile.ts';

/**
 * An order-free monitor (no order source: a consent audit of pages) is judged on its findings:
 * no loss table, pass or fail, inconclusive only when a page was not audited.
 */
const T = (s: number) => `2026-12-04T04:00:${String(s).padStart(2, '0')}.000Z`;
const pageView = (vendor: string, eventName = 'page_view'): VendorEvent => ({ vendor, eventName, kind: 'pageview', params: {} });

/** One page visit: loaded at 1 s, banner answered between 10 and 12 s, hits at the seconds given. */
function visit(page: string, condition: string, consent: ConsentOutcome, hits: [number, VendorEvent][], extra: Partial<JourneyRecord> = {}): JourneyRecord {
  const journeyId = `${condition}.consent-pages[page=${page}].r1`;
  return {
    journeyId,
    scenario: 'consent-pages',
    condition,
    variant: { page },
    repeat: 1,
    status: 'passed',
    consent,
    consents: [{ outcome: consent, decidedAt: T(10), doneAt: T(12) }],
    pageLoads: [{ url: `https://www.example.org${page}`, time: T(1) }],
    networkHosts: {},
    hits: hits.map(([s, e]) => ({ hit: { type: 'hit', time: T(s), journeyId, url: `https://${e.vendor}.example/collect`, method: 'GET', status: 'captured' }, events: [e] })),
    ...extra,
  };
}

function judgeOrderFree(journeys: JourneyRecord[], expectations: ReconcileInput['expectations'] = {}) {
  return reconcile({
    journeys,
    orders: { ok: true, orders: [] },
    orderFree: true,
    expectations,
    maxLossRate: () => 0,
    expectedLossConditions: ['consent-refused', 'consent-ignored'],
    conditions: ['consent-accepted', 'consent-refused', 'consent-ignored'],
  });
}

const pages = ['/', '/pricing'];
const waitingForConsent = (page: string) => [
  visit(page, 'consent-accepted', 'accepted', [[15, pageView('meta', 'PageView')], [15, pageView('ga4')]]),
  visit(page, 'consent-refused', 'refused', []),
  visit(page, 'consent-ignored', 'ignored', []),
];

describe('order-free monitors', () => {
  it('every tag waits for consent and the expected events are sent: pass, no loss table, no order asked for', () => {
    const result = judgeOrderFree(pages.flatMap(waitingForConsent), { ga4: { eventName: 'page_view', requireTransactionId: true } });
    expect(result.status).toBe('pass');
    expect(result.loss).toEqual([]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // Refused and ignored journeys sent no page_view: what those conditions are for, said as information.
    expect(result.findings.map((f) => `${f.severity} ${f.kind} ${f.vendor} ${f.condition}`).sort()).toEqual([
      'info event-missing ga4 consent-ignored',
      'info event-missing ga4 consent-refused',
    ]);
    expect(result.summary).toBe('No error finding in 6 journeys under consent-accepted, consent-refused, consent-ignored; ga4 page_view sent wherever expected.');
    expect(result.journeys.find((j) => j.condition === 'consent-accepted')!.vendors).toEqual({ ga4: 'tracked' });
  });

  it('one page firing before consent fails the audit, naming the page and the vendor', () => {
    const leaking = visit('/pricing', 'consent-refused', 'refused', [[3, pageView('meta', 'PageView')]]);
    const result = judgeOrderFree([...waitingForConsent('/'), leaking]);
    expect(result.status).toBe('fail');
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ kind: 'fired-before-consent', vendor: 'meta', condition: 'consent-refused', evidence: expect.objectContaining({ page: 'https://www.example.org/pricing' }) })]);
    expect(errors[0]!.message).toBe('meta sent PageView before the visitor answered the consent banner on https://www.example.org/pricing (consent-refused.consent-pages[page=/pricing].r1)');
    expect(result.summary).toMatch(/^1 error finding in 4 journeys under consent-accepted, consent-refused, consent-ignored: fired-before-consent \(meta\)\. First: meta sent PageView before .* on https:\/\/www\.example\.org\/pricing/);
  });

  it('an expected event missing where consent was given fails, naming each page that did not send it', () => {
    const quiet = visit('/pricing', 'consent-accepted', 'accepted', [[15, pageView('meta', 'PageView')]]);
    const result = judgeOrderFree([...waitingForConsent('/'), quiet], { ga4: { eventName: 'page_view', requireTransactionId: true } });
    expect(result.status).toBe('fail');
    const missing = result.findings.find((f) => f.kind === 'event-missing' && f.condition === 'consent-accepted');
    expect(missing).toMatchObject({ severity: 'error', vendor: 'ga4' });
    expect(missing!.message).toBe('ga4 sent no page_view on 1 journey under consent-accepted: https://www.example.org/pricing (consent-accepted.consent-pages[page=/pricing].r1)');
    // A blocked request was never sent.
    const blocked = visit('/', 'consent-accepted', 'accepted', [[15, pageView('ga4')]]);
    blocked.hits[0]!.hit.status = 'blocked';
    expect(judgeOrderFree([blocked], { ga4: { requireTransactionId: true } }).findings.map((f) => f.kind)).toEqual(['event-missing']);
  });

  it('a page not audited (journey failed, banner not answered) is inconclusive, not a pass; no backend is ever asked for', () => {
    const failed = visit('/pricing', 'consent-accepted', 'accepted', [], { status: 'failed', error: 'Timeout 30000ms exceeded' });
    const result = judgeOrderFree([...waitingForConsent('/'), failed]);
    expect(result.status).toBe('inconclusive');
    expect(result.summary).toMatch(/^Could not audit every page: Journey consent-accepted\.consent-pages\[page=\/pricing\]\.r1 did not finish \(failed\): Timeout 30000ms exceeded/);
    expect(result.findings.map((f) => f.kind)).not.toContain('backend-unreachable');
    const notHandled = visit('/pricing', 'consent-accepted', 'not-handled', []);
    expect(judgeOrderFree([...waitingForConsent('/'), notHandled]).status).toBe('inconclusive');
    expect(judgeOrderFree([]).status).toBe('inconclusive');
  });

  it('a journey that placed an order anyway is not reconciled: no order source, no orders-not-found', () => {
    const result = judgeOrderFree([{ ...visit('/', 'consent-accepted', 'accepted', []), orderId: 'A-1' }]);
    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([]);
  });
});
