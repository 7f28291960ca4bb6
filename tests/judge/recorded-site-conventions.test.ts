import { describe, expect, it } from 'vitest';
import type { Finding, JourneyResult, Verdict } from '../../src/model/verdict.ts';
import { reportRecorded } from './recorded-run.ts';

/**
 * The demo shop with the conventions and defects a shop nobody here wrote has (issue 13): Meta's
 * order number only in its event id, GA4 losing large orders, an e-mail on the purchase line of a
 * GA4 batch, a TikTok pixel that sends 1.5 s after the confirmation page loads, the shop's own JSON
 * collector (declared in the monitor), a consent banner whose buttons wake late. One recorded
 * audit (carts of 1, 2 and 3 products, baseline and fast-exit; tests/fixtures/runs/site-conventions,
 * faults in record-runs.ts), judged again: each defect diagnosed as what it is, with no other
 * error. Was tests/e2e/audit-site-conventions.test.ts, one audit of six journeys.
 */
const byKind = (verdict: Verdict, kind: Finding['kind']) => verdict.findings.filter((f) => f.kind === kind);
const under = (verdict: Verdict, condition: string) => verdict.journeys.filter((j) => j.condition === condition && !j.supersededBy);
const items = (journey: JourneyResult) => Number(journey.variant?.items);

describe('a shop with its own conventions and six tag defects: each diagnosed right, no false alarm (recorded audit)', () => {
  it('baseline and fast-exit, carts of 1 to 3 products', async () => {
    const { verdict } = await reportRecorded('site-conventions');
    const baseline = under(verdict, 'baseline');
    const fastExit = under(verdict, 'fast-exit');
    expect(baseline.map((j) => [items(j), j.status, j.orderInBackend])).toEqual([1, 2, 3].map((n) => [n, 'passed', true]));
    expect(fastExit.map((j) => [j.status, j.orderInBackend])).toEqual([1, 2, 3].map(() => ['passed', true]));

    // Consent: the banner's buttons wake 0.5 s late; every decision is made, none retried.
    expect(verdict.journeys.map((j) => j.consent)).toEqual(verdict.journeys.map(() => 'accepted'));
    expect(byKind(verdict, 'consent-not-handled')).toEqual([]);
    expect(byKind(verdict, 'journey-retried')).toEqual([]);

    // Meta carries the order number in its event id only: tracked, no "no order id" error.
    expect(baseline.map((j) => j.vendors.meta)).toEqual(['tracked', 'tracked', 'tracked']);
    expect(byKind(verdict, 'transaction-id-missing')).toEqual([]);

    // GA4 loses the 3-product order only, and the finding says so, not the dataLayer.
    expect(baseline.map((j) => [items(j), j.vendors.ga4])).toEqual([[1, 'tracked'], [2, 'tracked'], [3, 'lost']]);
    const ga4Loss = byKind(verdict, 'tag-missing').find((f) => f.vendor === 'ga4' && f.condition === 'baseline');
    expect(ga4Loss?.severity).toBe('error');
    expect(ga4Loss?.message).toContain('ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)');
    expect(ga4Loss?.evidence?.pattern).toMatchObject({ attribute: expect.any(String) });
    expect(byKind(verdict, 'datalayer-missing')).toEqual([]);

    // The e-mail is on the purchase line of GA4's batch: the finding names that event and line.
    const pii = byKind(verdict, 'pii-in-hit');
    expect(pii.length).toBeGreaterThan(0);
    for (const finding of pii) {
      expect(finding.vendor).toBe('ga4');
      expect(finding.message).toMatch(/^ga4 purchase \(line 2 of a batched request\) carries an e-mail address in clear/);
    }

    // TikTok sends 1.5 s after the confirmation page loaded: seen and timed while the visitor reads,
    // a late-hit warning; lost by visitors who leave at the load event (fast-exit).
    expect(baseline.map((j) => j.vendors.tiktok)).toEqual(['tracked', 'tracked', 'tracked']);
    const tiktokPurchases = baseline.flatMap((j) => j.hits.filter((h) => h.vendor === 'tiktok' && h.eventName === 'CompletePayment'));
    expect(tiktokPurchases).toHaveLength(3);
    // The pixel waits 1.5 s from its script, not from the load event: measured from the load it was
    // 1393 ms in this recording. Above the 1 s late-hit threshold is what the finding below rests on.
    for (const hit of tiktokPurchases) expect(hit.afterConfirmationLoadMs).toBeGreaterThan(1000);
    const late = byKind(verdict, 'late-hit').filter((f) => f.condition === 'baseline');
    expect(late.map((f) => [f.vendor, f.severity])).toEqual([['tiktok', 'warning']]);
    expect(late[0]!.message).toMatch(/^tiktok CompletePayment sent \d+(\.\d)? to \d+(\.\d)? s after the confirmation page loaded: visitors who leave sooner lose it|^tiktok CompletePayment sent \d+(\.\d)? s after the confirmation page loaded: visitors who leave sooner lose it/);
    const fastExitRow = (vendor: string) => verdict.loss.find((r) => r.vendor === vendor && r.condition === 'fast-exit');
    expect(fastExitRow('tiktok')).toMatchObject({ orders: 3, lost: 3 });
    expect(fastExitRow('meta')).toMatchObject({ orders: 3, lost: 0 });

    // The shop's own collector is reconciled like any vendor: order id and value read from its JSON.
    expect(baseline.map((j) => j.vendors['shop-collector'])).toEqual(['tracked', 'tracked', 'tracked']);
    for (const journey of baseline) {
      const purchase = journey.hits.find((h) => h.vendor === 'shop-collector' && h.kind === 'purchase');
      expect(purchase).toMatchObject({ transactionId: journey.orderId, currency: 'EUR', value: expect.any(Number) });
    }

    // The demo pushes its purchase into the dataLayer: on the lost order GA4's trigger did not fire, and that is true.
    const large = baseline.find((j) => items(j) === 3)!;
    expect(byKind(verdict, 'tag-not-triggered').map((f) => [f.vendor, f.orderId])).toEqual([['ga4', large.orderId]]);
    // Under fast-exit the loss is the quick exit, said so, not a trigger problem; GA4's is still its large-order pattern.
    expect(fastExit.map((j) => j.lossCauses.tiktok)).toEqual(fastExit.map(() => 'left the confirmation page at its load event: no purchase hit before it'));
    const ga4FastExit = byKind(verdict, 'tag-missing').find((f) => f.vendor === 'ga4' && f.condition === 'fast-exit');
    expect(ga4FastExit?.message).toContain('ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)');

    // Nothing else is an error: GA4's loss on large orders (and its trigger) and the e-mail it sends, that is all.
    const errors = verdict.findings.filter((f) => f.severity === 'error').map((f) => `${f.kind} ${f.vendor ?? ''}`);
    expect([...new Set(errors)].sort()).toEqual(['pii-in-hit ga4', 'tag-missing ga4', 'tag-not-triggered ga4']);
  });
});
