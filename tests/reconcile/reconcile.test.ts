import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { reconcile, type OrdersResult } from '../../src/reconcile/reconcile.ts';

const order = { id: 'DS-1', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' };

function purchase(vendor: string, patch: Partial<VendorEvent> = {}): VendorEvent {
  return { vendor, eventName: vendor === 'meta' ? 'Purchase' : 'purchase', kind: 'purchase', transactionId: 'DS-1', value: 64.8, currency: 'EUR', params: {}, ...patch };
}

function journey(events: VendorEvent[], patch: Partial<JourneyRecord> = {}): JourneyRecord {
  return {
    journeyId: 'baseline.purchase.r1',
    scenario: 'purchase',
    condition: 'baseline',
    repeat: 1,
    status: 'passed',
    orderId: 'DS-1',
    consents: [],
    networkHosts: {},
    hits: events.map((e) => ({ hit: { type: 'hit', time: '2026-11-26T04:00:01Z', journeyId: 'baseline.purchase.r1', url: `https://${e.vendor}.example/`, method: 'GET', status: 'captured' }, events: [e] })),
    ...patch,
  };
}

const expectations = { ga4: { eventName: 'purchase', requireTransactionId: true }, meta: { eventName: 'Purchase', requireTransactionId: true } };

function run(journeys: JourneyRecord[], orders: OrdersResult = { ok: true, orders: [order] }) {
  return reconcile({ journeys, orders, expectations, maxLossRate: () => 0, conditions: ['baseline'] });
}

describe('reconcile', () => {
  it('passes when every vendor tracked the order once with its value and currency', () => {
    const result = run([journey([purchase('ga4'), purchase('meta')])]);
    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.loss.map((r) => [r.vendor, r.orders, r.tracked, r.lost, r.lossRate])).toEqual([
      ['ga4', 1, 1, 0, 0],
      ['meta', 1, 1, 0, 0],
    ]);
  });

  it('a vendor without the purchase is lost: tag-missing, loss rate 1, fail', () => {
    const result = run([journey([purchase('meta')])]);
    expect(result.status).toBe('fail');
    const ga4 = result.loss.find((r) => r.vendor === 'ga4')!;
    expect(ga4.lossRate).toBe(1);
    expect(ga4.ci95![1]).toBe(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'tag-missing', vendor: 'ga4', severity: 'error' }));
  });

  it('a purchase for another order id reached the vendor: tracked, but id-inconsistent fails the run', () => {
    const result = run([journey([purchase('ga4', { transactionId: 'DS-999' }), purchase('meta')])]);
    expect(result.loss.find((r) => r.vendor === 'ga4')!.tracked).toBe(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'id-inconsistent', vendor: 'ga4', severity: 'error', evidence: { tagTransactionId: 'DS-999', orderId: 'DS-1' } }));
    expect(result.status).toBe('fail');
  });

  it('a purchase without order id is matched to its journey and reported as transaction-id-missing', () => {
    const result = run([journey([purchase('ga4', { transactionId: undefined }), purchase('meta')])]);
    expect(result.loss.find((r) => r.vendor === 'ga4')!.tracked).toBe(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'transaction-id-missing', vendor: 'ga4', severity: 'error' }));
  });

  it('a Meta event id that is not the order id is a warning: server-side deduplication needs the same key', () => {
    const result = run([journey([purchase('ga4'), purchase('meta', { eventId: 'evt-7f3a' })])]);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'id-inconsistent', vendor: 'meta', severity: 'warning', evidence: { eventId: 'evt-7f3a', orderId: 'DS-1' } }));
    expect(result.status).toBe('pass');
  });

  it('two purchases for one order are a duplicate-hit, still tracked', () => {
    const result = run([journey([purchase('ga4'), purchase('meta'), purchase('meta')])]);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'duplicate-hit', vendor: 'meta' }));
    const meta = result.loss.find((r) => r.vendor === 'meta')!;
    expect([meta.tracked, meta.lost, meta.duplicated]).toEqual([1, 0, 1]);
    expect(result.status).toBe('fail');
  });

  it('value and currency differing from the backend order are findings', () => {
    const result = run([journey([purchase('ga4', { value: 59.9 }), purchase('meta', { currency: 'USD' })])]);
    expect(result.findings.map((f) => `${f.kind}:${f.vendor}`).sort()).toEqual(['currency-mismatch:meta', 'value-mismatch:ga4']);
  });

  it('an order the backend never got, while it answers with other orders of the window, is order-not-in-backend, not vendor loss', () => {
    const customers = { id: 'DS-7', total: 12, currency: 'EUR', createdAt: '2026-11-26T04:00:30Z' };
    const result = reconcile({
      journeys: [journey([purchase('ga4'), purchase('meta')])],
      orders: { ok: true, orders: [customers] },
      ordersWindow: { from: '2026-11-26T03:59:00Z', to: '2026-11-26T04:05:00Z' },
      expectations,
      maxLossRate: () => 0,
      conditions: ['baseline'],
    });
    expect(result.findings.map((f) => f.kind)).toEqual(['order-not-in-backend']);
    expect(result.status).toBe('fail');
    expect(result.loss.every((r) => r.orders === 0 && r.lossRate === null)).toBe(true);
  });

  it('an answer with none of the run\'s orders and nothing of its window is inconclusive: the query is the first suspect, not the shop', () => {
    for (const orders of [[], [{ id: 'DS-3', total: 5, currency: 'EUR', createdAt: '2026-10-01T00:00:00Z' }]]) {
      const result = reconcile({
        journeys: [journey([purchase('ga4'), purchase('meta')])],
        orders: { ok: true, orders },
        ordersWindow: { from: '2026-11-26T03:59:00Z', to: '2026-11-26T04:05:00Z' },
        orderSource: 'rest-json',
        expectations,
        maxLossRate: () => 0,
        conditions: ['baseline'],
      });
      expect(result.status).toBe('inconclusive');
      expect(result.findings.map((f) => f.kind)).toEqual(['orders-not-found']);
      expect(result.findings[0]!.message).toContain("None of the run's 1 confirmed order (DS-1) is in what order source rest-json returned");
      expect(result.findings[0]!.message).toContain('query and mapping');
      expect(result.loss.every((r) => r.lossRate === null)).toBe(true);
      expect(result.summary).toMatch(/^Could not measure tracking loss: None of the run's/);
    }
  });

  it('an unreachable backend is inconclusive, never 100% loss', () => {
    const result = run([journey([])], { ok: false, error: 'ECONNREFUSED' });
    expect(result.status).toBe('inconclusive');
    expect(result.loss.every((r) => r.lossRate === null && r.lost === null)).toBe(true);
    expect(result.findings.map((f) => f.kind)).toEqual(['backend-unreachable']);
  });

  it('a journey that could not reach the site is inconclusive', () => {
    const result = run([journey([], { status: 'site-unreachable', orderId: undefined, error: 'net::ERR_CONNECTION_REFUSED' })], { ok: true, orders: [] });
    expect(result.status).toBe('inconclusive');
    expect(result.findings[0]).toMatchObject({ kind: 'site-unreachable' });
  });

  it('loss within a vendor threshold is a warning and passes', () => {
    const journeys = [1, 2, 3, 4].map((n) =>
      journey(n === 1 ? [purchase('meta', { transactionId: `DS-${n}` })] : [purchase('ga4', { transactionId: `DS-${n}` }), purchase('meta', { transactionId: `DS-${n}` })], {
        journeyId: `baseline.purchase.r${n}`,
        orderId: `DS-${n}`,
      }),
    );
    const orders = [1, 2, 3, 4].map((n) => ({ ...order, id: `DS-${n}` }));
    const result = reconcile({ journeys, orders: { ok: true, orders }, expectations, maxLossRate: (v: string) => (v === 'ga4' ? 0.3 : 0), conditions: ['baseline'] });
    expect(result.loss.find((r) => r.vendor === 'ga4')).toMatchObject({ orders: 4, lost: 1, lossRate: 0.25 });
    // One repeat of four lost: also intermittent, which is a warning too.
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'tag-missing', severity: 'warning' }), expect.objectContaining({ kind: 'flaky-loss', severity: 'warning' })]);
    expect(result.status).toBe('pass');
  });

  it('a consent banner that could not be answered is inconclusive, not loss', () => {
    const result = run([journey([], { consent: 'not-handled' })]);
    expect(result.status).toBe('inconclusive');
    expect(result.findings.map((f) => f.kind)).toEqual(['consent-not-handled']);
    expect(result.loss.every((r) => r.orders === 0)).toBe(true);
  });

  it('a journey that broke before its order is inconclusive with the error, not loss', () => {
    const result = run([journey([], { status: 'failed', orderId: undefined, error: 'locator.click: Timeout 15000ms exceeded' })], { ok: true, orders: [] });
    expect(result.status).toBe('inconclusive');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'journey-failed', severity: 'warning', message: expect.stringContaining('Timeout 15000ms') })]);
    expect(result.summary).toContain('Timeout 15000ms');
  });

  it('a purchase blocked by a filter rule is lost with its cause; under adblock that is information, not failure', () => {
    const blocked = journey([purchase('ga4'), purchase('meta')], { condition: 'adblock', journeyId: 'adblock.purchase.r1' });
    blocked.hits[0]!.hit = { ...blocked.hits[0]!.hit, status: 'blocked', rule: '$ping,third-party', filterList: 'EasyPrivacy' };
    const result = reconcile({ journeys: [blocked], orders: { ok: true, orders: [order] }, expectations, maxLossRate: (_v, c) => (c === 'adblock' ? 1 : 0), expectedLossConditions: ['adblock'], conditions: ['adblock'] });
    expect(result.loss.find((r) => r.vendor === 'ga4')).toMatchObject({ lost: 1, lossRate: 1 });
    expect(result.journeys[0]!.lossCauses).toEqual({ ga4: 'blocked by EasyPrivacy rule $ping,third-party' });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'tag-blocked', severity: 'info', vendor: 'ga4', message: expect.stringContaining('EasyPrivacy rule $ping,third-party') })]);
    expect(result.journeys[0]!.hits[0]).toMatchObject({ status: 'blocked', rule: '$ping,third-party' });
    expect(result.status).toBe('pass');
  });

  it('a vendor receiving an e-mail in clear is a pii-in-hit error that does not repeat the address', () => {
    const result = run([journey([purchase('ga4'), purchase('meta', { pii: { emails: ['jane@example.com'], phones: [] } })])]);
    const finding = result.findings.find((f) => f.kind === 'pii-in-hit');
    expect(finding).toMatchObject({ vendor: 'meta', severity: 'error' });
    expect(JSON.stringify(finding)).not.toContain('jane@example.com');
    expect(result.status).toBe('fail');
  });

  it('a rule whose list line is known: the cause quotes the list line, and results carry it', () => {
    const blocked = journey([purchase('ga4'), purchase('meta')], { condition: 'adblock', journeyId: 'adblock.purchase.r1' });
    blocked.hits[1]!.hit = { ...blocked.hits[1]!.hit, url: 'https://www.facebook.com/tr/?id=1&ev=Purchase', status: 'blocked', rule: '||facebook.com/tr^', filterList: 'EasyPrivacy', filterLine: 1234 };
    const result = reconcile({ journeys: [blocked], orders: { ok: true, orders: [order] }, expectations, maxLossRate: (_v, c) => (c === 'adblock' ? 1 : 0), expectedLossConditions: ['adblock'], conditions: ['adblock'] });
    expect(result.journeys[0]!.lossCauses).toEqual({ meta: 'blocked by EasyPrivacy line 1234: ||facebook.com/tr^' });
    const finding = result.findings.find((f) => f.kind === 'tag-blocked')!;
    expect(finding.message).toBe('meta had its purchase blocked on 1 of 1 orders under adblock (loss 100%, expected under this condition): blocked by EasyPrivacy line 1234: ||facebook.com/tr^');
    // The cause with what it was read from: the blocked hit and its rule.
    expect(finding.evidence!.causeEvidence).toEqual([
      { journeyId: 'adblock.purchase.r1', orderId: 'DS-1', cause: 'blocked by EasyPrivacy line 1234: ||facebook.com/tr^', blocked: { url: 'https://www.facebook.com/tr/', rule: '||facebook.com/tr^', filterList: 'EasyPrivacy', filterLine: 1234 } },
    ]);
    expect(result.journeys[0]!.hits[1]).toMatchObject({ status: 'blocked', rule: '||facebook.com/tr^', filterList: 'EasyPrivacy', filterLine: 1234 });
  });

  it('refused consent as the cause: its evidence is the decision', () => {
    const refused = journey([purchase('meta')], { consent: 'refused' });
    const result = reconcile({ journeys: [refused], orders: { ok: true, orders: [order] }, expectations, maxLossRate: () => 1, conditions: ['baseline'] });
    const finding = result.findings.find((f) => f.kind === 'tag-missing')!;
    expect(finding.message).toMatch(/: consent refused: no purchase hit$/);
    expect(finding.evidence!.causeEvidence).toEqual([{ journeyId: 'baseline.purchase.r1', orderId: 'DS-1', cause: 'consent refused: no purchase hit', consent: 'refused' }]);
  });
});

describe('the loss pattern (differential diagnosis) is the cause of a loss that spares some orders', () => {
  const orders = [1, 2, 3].map((n) => ({ ...order, id: `DS-${n}`, lines: Array.from({ length: n }, (_, i) => ({ name: `item ${i}`, quantity: 1 })) }));
  // GA4 lost the order with three line items; the site pushes no ecommerce dataLayer.
  const journeys = [1, 2, 3].map((n) =>
    journey(n === 3 ? [purchase('meta', { transactionId: 'DS-3' })] : [purchase('ga4', { transactionId: `DS-${n}` }), purchase('meta', { transactionId: `DS-${n}` })], {
      journeyId: `baseline.purchase.r${n}`,
      repeat: n,
      orderId: `DS-${n}`,
      dataLayer: [],
    }),
  );
  const calls: { vendor: string; lost: string[]; tracked: string[] }[] = [];
  const lossPattern = (vendor: string, lost: readonly { order: { id: string; lines?: unknown[] } }[], tracked: readonly { order: { id: string; lines?: unknown[] } }[]) => {
    calls.push({ vendor, lost: lost.map((c) => c.order.id), tracked: tracked.map((c) => c.order.id) });
    return { attribute: 'lineItems', text: `${vendor} lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)`, evidence: { lost: { match: 1, of: 1 }, tracked: { match: 0, of: 2 } } };
  };

  it('handed the lost and tracked orders of the vendor x condition; its text is the cause, its evidence under evidence.pattern', () => {
    calls.length = 0;
    const result = reconcile({ journeys, orders: { ok: true, orders }, expectations, maxLossRate: () => 0, conditions: ['baseline'], lossPattern });
    expect(calls).toEqual([{ vendor: 'ga4', lost: ['DS-3'], tracked: ['DS-1', 'DS-2'] }]);
    const finding = result.findings.find((f) => f.kind === 'tag-missing')!;
    expect(finding.message).toBe(
      'ga4 missed 1 of 3 orders under baseline (loss 33%, above the 0% threshold): ga4 lost the purchase on every order with 3 or more line items (1/1) and on none of the others (0/2)',
    );
    expect(finding.evidence!.pattern).toEqual({ attribute: 'lineItems', text: expect.stringContaining('3 or more line items'), lost: { match: 1, of: 1 }, tracked: { match: 0, of: 2 } });
  });

  it('without a pattern the journey cause stays; a blocked loss keeps its rule whatever the pattern says', () => {
    const none = reconcile({ journeys, orders: { ok: true, orders }, expectations, maxLossRate: () => 0, conditions: ['baseline'], lossPattern: () => undefined });
    expect(none.findings.find((f) => f.kind === 'tag-missing')!.message).toMatch(/: no purchase hit; the site has no ecommerce dataLayer to compare with$/);
    const blocked = journeys.map((j) => ({ ...j, hits: j.hits.map((h) => ({ ...h })) }));
    blocked[2] = journey([purchase('ga4', { transactionId: 'DS-3' }), purchase('meta', { transactionId: 'DS-3' })], { journeyId: 'baseline.purchase.r3', repeat: 3, orderId: 'DS-3' });
    blocked[2].hits[0]!.hit = { ...blocked[2].hits[0]!.hit, status: 'blocked', rule: '||ga4.example^', filterList: 'EasyPrivacy' };
    const result = reconcile({ journeys: blocked, orders: { ok: true, orders }, expectations, maxLossRate: () => 0, conditions: ['baseline'], lossPattern });
    expect(result.findings.find((f) => f.kind === 'tag-blocked')!.message).toMatch(/: blocked by EasyPrivacy rule \|\|ga4\.example\^$/);
    expect(result.findings.find((f) => f.kind === 'tag-blocked')!.evidence).not.toHaveProperty('pattern');
  });

  it('by default the differential diagnosis compares them: the line-item count separates lost from tracked', () => {
    const result = reconcile({ journeys, orders: { ok: true, orders }, expectations, maxLossRate: () => 0, conditions: ['baseline'] });
    const finding = result.findings.find((f) => f.kind === 'tag-missing')!;
    expect(finding.message).toMatch(/^ga4 missed 1 of 3 orders under baseline \(loss 33%, above the 0% threshold\): ga4 lost the purchase on every order with 3 or more line items \(1\/1\)/);
    expect(finding.evidence!.pattern).toMatchObject({ attribute: 'lineItems' });
  });
});

