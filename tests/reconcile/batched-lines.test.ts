import { beforeAll, describe, expect, it } from 'vitest';
import { loadVendors, type VendorDefinition } from '../../src/catalog/index.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import { consentFindings } from '../../src/reconcile/consent-compliance.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { decodedJourney } from './decoded-journey.ts';

// GA4 beacons batching several events, as gtag sends them, decoded by the real catalog.
const ORDER = { id: 'DS-1001', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' };
const JOURNEY = 'baseline.purchase.r1';
let vendors: VendorDefinition[];
beforeAll(async () => {
  ({ vendors } = await loadVendors());
});

let clock = 0;
const at = () => new Date(Date.UTC(2026, 10, 26, 4, 0, clock++)).toISOString();
const beacon = (body: string, query = ''): RunEvent => ({
  type: 'hit', time: at(), journeyId: JOURNEY, method: 'POST', status: 'captured', resourceType: 'Ping',
  url: `https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO123&gcs=G111&cid=1.2${query}`, body,
});
const PURCHASE_LINE = `en=purchase&ep.transaction_id=${ORDER.id}&epn.value=64.8&cu=EUR`;

const journeys = (hits: RunEvent[]): JourneyRecord[] => decodedJourney(hits, { vendors, journeyId: JOURNEY, orderId: ORDER.id, at });

const audit = (hits: RunEvent[]) =>
  reconcile({ journeys: journeys(hits), orders: { ok: true, orders: [ORDER] }, expectations: { ga4: { eventName: 'purchase', requireTransactionId: true } }, maxLossRate: () => 0, conditions: ['baseline'] });

describe('findings point at the event that carries it, down to the line of a batched request', () => {
  it('a page_view line and a purchase line with ep.customer_email: the purchase (line 2) carries the e-mail, not the page_view', () => {
    const result = audit([beacon(`en=page_view\n${PURCHASE_LINE}&ep.customer_email=jane.doe%40example.com`)]);
    const pii = result.findings.filter((f) => f.kind === 'pii-in-hit');
    expect(pii).toHaveLength(1);
    expect(pii[0]!.message).toBe(`ga4 purchase (line 2 of a batched request) carries an e-mail address in clear (${JOURNEY}): hash it or leave it out`);
    expect(pii[0]!.evidence).toEqual({ url: 'https://region1.google-analytics.com/g/collect', eventName: 'purchase', line: 2, emails: 1, phones: 0 });
    // The value itself stays out of the report.
    expect(JSON.stringify(pii[0])).not.toContain('jane.doe');
    // Results show each event of the batch with its line.
    expect(result.journeys[0]!.hits.map((h) => [h.eventName, h.line])).toEqual([['page_view', 1], ['purchase', 2]]);
  });

  it('a request of one event is no batch: no line in the message, evidence or results', () => {
    const result = audit([beacon(`${PURCHASE_LINE}&ep.customer_email=jane.doe%40example.com`)]);
    const pii = result.findings.find((f) => f.kind === 'pii-in-hit')!;
    expect(pii.message).toBe(`ga4 purchase carries an e-mail address in clear (${JOURNEY}): hash it or leave it out`);
    expect(pii.evidence).not.toHaveProperty('line');
    expect(result.journeys[0]!.hits[0]).not.toHaveProperty('line');
  });

  it('two purchase lines in one beacon: duplicate-hit with both lines in evidence', () => {
    const result = audit([beacon(`en=page_view\n${PURCHASE_LINE}\n${PURCHASE_LINE}`)]);
    const duplicate = result.findings.find((f) => f.kind === 'duplicate-hit')!;
    expect(duplicate.evidence).toMatchObject({ count: 2, lines: [2, 3] });
  });

  it('a purchase line with another value: value-mismatch names the line', () => {
    const result = audit([beacon(`en=page_view\nen=purchase&ep.transaction_id=${ORDER.id}&epn.value=60&cu=EUR`)]);
    const mismatch = result.findings.find((f) => f.kind === 'value-mismatch')!;
    expect(mismatch.message).toBe('ga4 purchase (line 2 of a batched request) for order DS-1001 reports value 60 but the backend order total is 64.8 EUR');
    expect(mismatch.evidence).toEqual({ tagValue: 60, orderTotal: 64.8, line: 2 });
  });

  it('a consent finding on a batched line names it', () => {
    const [journey] = journeys([beacon(`en=page_view\n${PURCHASE_LINE}`)]);
    const hitTime = journey!.hits[0]!.hit.time;
    const after = new Date(Date.parse(hitTime) - 5000).toISOString();
    const refused = { ...journey!, consents: [{ outcome: 'refused' as const, decidedAt: after, doneAt: after }] };
    const findings = consentFindings(refused);
    expect(findings.find((f) => f.kind === 'fired-after-refusal')).toMatchObject({
      message: `ga4 sent page_view (line 1 of a batched request) after the visitor refused consent (${JOURNEY})`,
      evidence: { url: expect.stringContaining('google-analytics.com'), line: 1 },
    });
    // gcs=G111 on a refusal: the signal contradicts the decision, on the same line.
    expect(findings.find((f) => f.kind === 'consent-signal-mismatch')?.message).toMatch(/^ga4 page_view \(line 1 of a batched request\) says analytics_storage granted/);
  });
});
