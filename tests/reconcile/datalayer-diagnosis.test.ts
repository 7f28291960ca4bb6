import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, decodeRunLog } from '../../src/catalog/index.ts';
import type { VendorDefinition } from '../../src/catalog/index.ts';
import { loadVendors } from '../../src/catalog/load-vendors.ts';
import type { ConsentOutcome, RunEvent } from '../../src/model/run-event.ts';
import { isEcommercePush, readPurchasePush } from '../../src/reconcile/datalayer-diagnosis.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';

// Run logs as the capture writes them, decoded by the real catalog, reconciled for real.
const ORDER = { id: 'DS-1001', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' };
const CONFIRMATION = 'http://127.0.0.1:4100/order/DS-1001?key=wc_order_secret';
const JOURNEY = 'baseline.purchase.r1';
const expectations = { ga4: { eventName: 'purchase', requireTransactionId: true }, meta: { eventName: 'Purchase', requireTransactionId: true } };

let vendors: VendorDefinition[];
beforeAll(async () => {
  ({ vendors } = await loadVendors());
});

let clock = 0;
const at = () => new Date(Date.UTC(2026, 10, 26, 4, 0, clock++)).toISOString();

function ga4Purchase(transactionId = ORDER.id, gcs = 'G111'): RunEvent {
  return {
    type: 'hit', time: at(), journeyId: JOURNEY, method: 'POST', status: 'captured', resourceType: 'Ping',
    url: `https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO123&gcs=${gcs}&cid=1.2&dl=${encodeURIComponent(CONFIRMATION)}`,
    body: `en=purchase&ep.transaction_id=${transactionId}&epn.value=64.8&cu=EUR`,
  };
}

function metaPurchase(): RunEvent {
  return { type: 'hit', time: at(), journeyId: JOURNEY, method: 'GET', status: 'captured', url: `https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=64.8&cd[currency]=EUR&cd[order_id]=${ORDER.id}` };
}

const push = (value: unknown, pageUrl = CONFIRMATION): RunEvent => ({ type: 'datalayer', time: at(), journeyId: JOURNEY, pageUrl, value });
const GA4_PUSH = { event: 'purchase', ecommerce: { transaction_id: ORDER.id, value: 64.8, currency: 'EUR', items: [] } };
const PAGE_PUSHES = [push({ event: 'gtm.js' }, 'http://127.0.0.1:4100/'), push({ event: 'page_view', page_type: 'purchase' })];
/** A shop with an ecommerce dataLayer: it pushes add_to_cart before the purchase page. */
const CART_PUSH = () => push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 32.4, items: [{ item_id: 'mug', quantity: 1 }] } }, 'http://127.0.0.1:4100/cart');

function runLog(middle: RunEvent[], options: { consent?: ConsentOutcome; status?: 'passed' | 'failed'; condition?: string } = {}): RunEvent[] {
  const condition = options.condition ?? 'baseline';
  const events: RunEvent[] = [{ type: 'journey-start', time: at(), journeyId: JOURNEY, scenario: 'purchase', condition, repeat: 1 }];
  if (options.consent) events.push({ type: 'consent', time: at(), journeyId: JOURNEY, outcome: options.consent, decidedAt: at() });
  events.push(...middle, { type: 'order-placed', time: at(), journeyId: JOURNEY, orderId: ORDER.id, stamp: 'tw-1' });
  events.push({ type: 'journey-end', time: at(), journeyId: JOURNEY, status: options.status ?? 'passed', networkHosts: {} });
  return events;
}

function audit(events: RunEvent[], settings: { maxLossRate?: number; expectedLoss?: boolean } = {}) {
  const diagnostics: string[] = [];
  const journeys = decodeRunLog(events, createCatalog(vendors), diagnostics);
  expect(diagnostics).toEqual([]);
  const conditions = [...new Set(journeys.map((j) => j.condition))];
  return reconcile({
    journeys,
    orders: { ok: true, orders: [ORDER] },
    expectations,
    maxLossRate: () => settings.maxLossRate ?? 0,
    expectedLossConditions: settings.expectedLoss ? conditions : [],
    conditions,
  });
}

const diagnosisKinds = (result: ReturnType<typeof audit>) => result.findings.filter((f) => f.kind === 'tag-not-triggered' || f.kind === 'datalayer-missing').map((f) => `${f.kind}:${f.vendor}`);

describe('readPurchasePush: the purchase shapes real sites push', () => {
  it('GA4 ecommerce, also with the parameters flat', () => {
    expect(readPurchasePush(GA4_PUSH)).toEqual({ shape: 'ga4', label: '`purchase`', transactionId: 'DS-1001', value: 64.8, currency: 'EUR' });
    expect(readPurchasePush({ event: 'purchase', transaction_id: 1001, value: '64.80', currency: 'EUR' })).toMatchObject({ shape: 'ga4', transactionId: '1001', value: 64.8 });
  });

  it('Universal Analytics enhanced ecommerce, whatever the event name', () => {
    const ua = (event?: string) => ({ ...(event ? { event } : {}), ecommerce: { currencyCode: 'EUR', purchase: { actionField: { id: 1001, revenue: '64.80' }, products: [] } } });
    expect(readPurchasePush(ua('purchase'))).toEqual({ shape: 'universal-analytics', label: '`purchase` (ecommerce.purchase)', transactionId: '1001', value: 64.8, currency: 'EUR' });
    expect(readPurchasePush(ua('transaction'))).toMatchObject({ shape: 'universal-analytics', transactionId: '1001' });
    expect(readPurchasePush(ua())).toMatchObject({ shape: 'universal-analytics', label: 'ecommerce.purchase', transactionId: '1001' });
  });

  it('classic GTM ecommerce', () => {
    expect(readPurchasePush({ transactionId: 'DS-1001', transactionTotal: 64.8, transactionCurrency: 'EUR', transactionProducts: [] })).toEqual({
      shape: 'legacy', label: 'transactionId', transactionId: 'DS-1001', value: 64.8, currency: 'EUR',
    });
  });

  it("gtag('event', 'purchase'): the arguments object as the tap copies it, or an array", () => {
    const copied = { '0': 'event', '1': 'purchase', '2': { transaction_id: 'DS-1001', value: 64.8, currency: 'EUR' } };
    expect(readPurchasePush(copied)).toEqual({ shape: 'gtag', label: "gtag('event', 'purchase')", transactionId: 'DS-1001', value: 64.8, currency: 'EUR' });
    expect(readPurchasePush(['event', 'purchase', { transaction_id: 1001 }])).toMatchObject({ shape: 'gtag', transactionId: '1001' });
  });

  it('other pushes are not purchases: refunds, page views, consent commands, gtag config, other ecommerce', () => {
    for (const value of [
      { event: 'refund', ecommerce: { transaction_id: 'DS-1001' } },
      { event: 'begin_checkout', ecommerce: { value: 64.8, items: [] } },
      { event: 'page_view' },
      { '0': 'consent', '1': 'update', '2': { ad_storage: 'granted' } },
      { '0': 'event', '1': 'add_to_cart', '2': { value: 1 } },
      { ecommerce: { refund: { actionField: { id: 'DS-1001' } } } },
      'purchase',
      null,
    ]) {
      expect(readPurchasePush(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});

describe('dataLayer diagnosis of lost purchases', () => {
  it('every shape pushed with the order id, GA4 silent: tag-not-triggered for ga4 with the page, meta tracked', () => {
    const shapes = [
      GA4_PUSH,
      { event: 'transaction', ecommerce: { currencyCode: 'EUR', purchase: { actionField: { id: 'DS-1001', revenue: 64.8 } } } },
      { transactionId: 'DS-1001', transactionTotal: 64.8 },
      { '0': 'event', '1': 'purchase', '2': { transaction_id: 'DS-1001', value: 64.8 } },
    ];
    for (const shape of shapes) {
      const result = audit(runLog([...PAGE_PUSHES, push(shape), metaPurchase()]));
      const finding = result.findings.find((f) => f.kind === 'tag-not-triggered');
      expect(finding, JSON.stringify(shape)).toMatchObject({ vendor: 'ga4', orderId: 'DS-1001', journeyId: JOURNEY, condition: 'baseline', severity: 'error' });
      expect(finding!.message).toContain('transaction_id DS-1001 at http://127.0.0.1:4100/order/DS-1001, but no ga4 purchase hit');
      // The order key on the confirmation URL opens the order: it stays in the run log, out of the report.
      expect(JSON.stringify(finding)).not.toContain('wc_order_secret');
      expect(finding!.evidence).toMatchObject({ pageUrl: 'http://127.0.0.1:4100/order/DS-1001', transactionId: 'DS-1001' });
      expect(diagnosisKinds(result)).toEqual(['tag-not-triggered:ga4']);
      expect(result.journeys[0]!.lossCauses).toEqual({ ga4: 'dataLayer purchase pushed, no purchase hit (tag not triggered)' });
      expect(result.findings.find((f) => f.kind === 'tag-missing')?.message).toContain('no purchase hit (tag not triggered)');
    }
  });

  it('a numeric transaction id in the dataLayer matches the order id as a string', () => {
    const numeric = { ...ORDER, id: '1001' };
    const events = runLog([...PAGE_PUSHES, push({ event: 'purchase', ecommerce: { transaction_id: 1001 } })]).map((e) => (e.type === 'order-placed' ? { ...e, orderId: '1001' } : e));
    const journeys = decodeRunLog(events, createCatalog(vendors), []);
    const result = reconcile({ journeys, orders: { ok: true, orders: [numeric] }, expectations, maxLossRate: () => 0, conditions: ['baseline'] });
    expect(diagnosisKinds(result)).toEqual(['tag-not-triggered:ga4', 'tag-not-triggered:meta']);
  });

  it('the tag fired with another transaction id: not lost, so no diagnosis; reconcile reports id-inconsistent', () => {
    const result = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH), ga4Purchase('undefined'), metaPurchase()]));
    expect(result.findings.find((f) => f.kind === 'tag-not-triggered')).toBeUndefined();
    expect(result.findings.find((f) => f.kind === 'id-inconsistent' && f.vendor === 'ga4')?.message).toContain('reports order id undefined');
  });

  it('no purchase in the dataLayer: datalayer-missing for every vendor that lost it', () => {
    const result = audit(runLog([CART_PUSH(), ...PAGE_PUSHES]));
    expect(diagnosisKinds(result)).toEqual(['datalayer-missing:ga4', 'datalayer-missing:meta']);
    const finding = result.findings.find((f) => f.kind === 'datalayer-missing' && f.vendor === 'ga4')!;
    expect(finding).toMatchObject({ orderId: 'DS-1001', severity: 'error' });
    expect(finding.message).toBe('no dataLayer purchase for order DS-1001: the site never told the tag manager; every tag reading the dataLayer misses it');
    expect(finding.evidence).toMatchObject({ dataLayerPushes: 3, ecommercePushes: 1, pages: ['http://127.0.0.1:4100/cart', 'http://127.0.0.1:4100/', 'http://127.0.0.1:4100/order/DS-1001'], otherPurchases: [] });
    expect(result.journeys[0]!.lossCauses).toEqual({ ga4: 'no dataLayer purchase (the site never pushed it)', meta: 'no dataLayer purchase (the site never pushed it)' });
  });

  it('a dataLayer purchase for another id, or none, is datalayer-missing and says what was pushed', () => {
    const other = audit(runLog([...PAGE_PUSHES, push({ event: 'purchase', ecommerce: { transaction_id: 'DS-999' } }), metaPurchase()]));
    expect(diagnosisKinds(other)).toEqual(['datalayer-missing:ga4']);
    expect(other.findings.find((f) => f.kind === 'datalayer-missing')!.message).toContain('carries transaction_id DS-999, so every tag reading the dataLayer cannot report this order');
    const none = audit(runLog([...PAGE_PUSHES, push({ event: 'purchase', ecommerce: { value: 64.8 } }), metaPurchase()]));
    expect(none.findings.find((f) => f.kind === 'datalayer-missing')!.message).toContain('carries no transaction_id');
  });

  it('a tracked order has no diagnosis', () => {
    const result = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH), ga4Purchase(), metaPurchase()]));
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
  });

  it('as serious as the loss: a warning within threshold (run passes), information under a condition that expects loss', () => {
    const within = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH), metaPurchase()]), { maxLossRate: 1 });
    expect(within.findings.map((f) => `${f.severity}:${f.kind}`)).toEqual(['warning:tag-missing', 'warning:tag-not-triggered']);
    expect(within.status).toBe('pass');
    const expected = audit(runLog([CART_PUSH(), ...PAGE_PUSHES, metaPurchase()]), { maxLossRate: 1, expectedLoss: true });
    expect(expected.findings.map((f) => `${f.severity}:${f.kind}`)).toEqual(['info:tag-missing', 'info:datalayer-missing']);
  });
});

describe('no dataLayer diagnosis when the loss has another cause or the dataLayer cannot tell', () => {
  it('the purchase hit was blocked: the blocking rule is the cause', () => {
    const blocked = { ...ga4Purchase(), status: 'blocked', rule: '||google-analytics.com^', filterList: 'EasyPrivacy' } as RunEvent;
    const result = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH), blocked, metaPurchase()]));
    expect(diagnosisKinds(result)).toEqual([]);
    expect(result.journeys[0]!.lossCauses).toEqual({ ga4: 'blocked by EasyPrivacy rule ||google-analytics.com^' });
    expect(result.findings.map((f) => f.kind)).toEqual(['tag-blocked']);
  });

  it("a blocked tag library or container: the tag could not fire, whatever the dataLayer says", () => {
    for (const url of ['https://www.googletagmanager.com/gtm.js?id=GTM-ABC123', 'https://www.googletagmanager.com/gtag/js?id=G-DEMO123']) {
      const library: RunEvent = { type: 'hit', time: at(), journeyId: JOURNEY, url, method: 'GET', resourceType: 'Script', status: 'blocked', rule: '||googletagmanager.com^', filterList: 'EasyPrivacy' };
      const withPush = audit(runLog([library, ...PAGE_PUSHES, push(GA4_PUSH), metaPurchase()]));
      expect(diagnosisKinds(withPush), url).toEqual([]);
      const withoutPush = audit(runLog([library, ...PAGE_PUSHES, metaPurchase()]));
      expect(diagnosisKinds(withoutPush), url).toEqual([]);
    }
  });

  it('consent refused or never given: the consent is the cause', () => {
    for (const consent of ['refused', 'ignored'] as const) {
      const result = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH)], { consent }));
      expect(diagnosisKinds(result), consent).toEqual([]);
      expect(Object.values(result.journeys[0]!.lossCauses).every((cause) => cause.includes('consent')), consent).toBe(true);
    }
  });

  it('only a cookieless consent-mode ping reached GA4: the ping is the cause', () => {
    const result = audit(runLog([...PAGE_PUSHES, push(GA4_PUSH), ga4Purchase(ORDER.id, 'G100'), metaPurchase()]));
    expect(diagnosisKinds(result)).toEqual([]);
    expect(result.journeys[0]!.lossCauses.ga4).toMatch(/^consent-mode ping only/);
  });

  it('a site without a dataLayer, or a journey that failed after its order: nothing to say', () => {
    expect(diagnosisKinds(audit(runLog([metaPurchase()])))).toEqual([]);
    expect(diagnosisKinds(audit(runLog([...PAGE_PUSHES, metaPurchase()], { status: 'failed' })))).toEqual([]);
  });
});

describe('a site without an ecommerce dataLayer: nothing to compare with, no false alarm', () => {
  it('page views and GTM events only: no datalayer-missing, the cause says there is no ecommerce dataLayer, with its evidence', () => {
    const result = audit(runLog([...PAGE_PUSHES, metaPurchase()]));
    expect(diagnosisKinds(result)).toEqual([]);
    expect(result.journeys[0]!.lossCauses).toEqual({ ga4: 'no purchase hit; the site has no ecommerce dataLayer to compare with' });
    const loss = result.findings.find((f) => f.kind === 'tag-missing')!;
    expect(loss.message).toBe(
      'ga4 missed 1 of 1 orders under baseline (loss 100%, above the 0% threshold): no purchase hit; the site has no ecommerce dataLayer to compare with',
    );
    // The cause comes with what it was read from.
    expect(loss.evidence!.causeEvidence).toEqual([
      { journeyId: JOURNEY, orderId: 'DS-1001', cause: 'no purchase hit; the site has no ecommerce dataLayer to compare with', dataLayerPushes: 2, ecommercePushesInRun: 0, vendorPurchaseHits: 0 },
    ]);
    expect(result.findings.map((f) => f.kind)).toEqual(['tag-missing']);
  });

  it('another journey of the run pushed ecommerce: the site has an ecommerce dataLayer, so its absence here is datalayer-missing', () => {
    const second = 'baseline.purchase.r2';
    const other: RunEvent[] = [
      { type: 'journey-start', time: at(), journeyId: second, scenario: 'purchase', condition: 'baseline', repeat: 2 },
      { type: 'datalayer', time: at(), journeyId: second, pageUrl: 'http://127.0.0.1:4100/cart', value: { '0': 'event', '1': 'view_item', '2': { items: [] } } },
      { type: 'journey-end', time: at(), journeyId: second, status: 'failed', error: 'stopped before the order', networkHosts: {} },
    ];
    const result = audit([...runLog([...PAGE_PUSHES, metaPurchase()]), ...other]);
    expect(diagnosisKinds(result)).toEqual(['datalayer-missing:ga4']);
  });

  it('isEcommercePush: GA4 and UA ecommerce objects, ecommerce events by name or through gtag, classic transaction fields; not page views, consent or GTM events', () => {
    for (const value of [
      { event: 'view_item', ecommerce: { items: [] } },
      { ecommerce: { detail: { products: [] } } },
      { event: 'add_to_cart' },
      { '0': 'event', '1': 'begin_checkout', '2': { value: 1 } },
      ['event', 'purchase', { transaction_id: 'DS-1' }],
      { transactionId: 'DS-1', transactionTotal: 1 },
      { transactionProducts: [] },
    ]) {
      expect(isEcommercePush(value), JSON.stringify(value)).toBe(true);
    }
    for (const value of [{ event: 'gtm.js' }, { event: 'page_view', page_type: 'purchase' }, { '0': 'consent', '1': 'update', '2': {} }, { '0': 'event', '1': 'page_view' }, { '0': 'config', '1': 'G-1' }, { ecommerce: null }, 'purchase', null]) {
      expect(isEcommercePush(value), JSON.stringify(value)).toBe(false);
    }
  });
});
