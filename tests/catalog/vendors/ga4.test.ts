import { describe, expect, test } from 'vitest';
import ga4 from '../../../src/catalog/vendors/ga4.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

const SHARED =
  'v=2&tid=G-DEMO12345&gtm=45je4bh0v9&_p=1712345678901&gcs=G111&gcd=13l3l3l3l1&npa=0&dma=0' +
  '&cid=1234567890.1712345678&ul=en-us&sr=1920x1080&_s=3&sid=1712345678&sct=1&seg=1' +
  '&dl=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you&dr=https%3A%2F%2Fshop.example%2Fcheckout&dt=Thank%20you';

/** What gtag sends through sendBeacon when it flushes a batch: one event per line. */
const batchedPurchase = {
  url: `https://region1.google-analytics.com/g/collect?${SHARED}`,
  method: 'POST',
  body:
    'en=page_view&_et=12&ep.page_type=confirmation\n' +
    'en=purchase&_et=4&ep.transaction_id=DS-1042&epn.value=49.8&cu=EUR&epn.tax=7.95&pr1=idSKU1~nmShirt~pr24.9~qt2',
};

describe('ga4 decodes', () => {
  test('a batched sendBeacon POST into one event per body line, each with the shared query params', () => {
    const events = decodeOk(batchedPurchase, [ga4]);
    expect(events.map((e) => [e.eventName, e.kind])).toEqual([
      ['page_view', 'pageview'],
      ['purchase', 'purchase'],
    ]);
    const [pageView, purchase] = events;
    expect(pageView).toMatchObject({ vendor: 'ga4', account: 'G-DEMO12345' });
    expect(pageView?.transactionId).toBeUndefined();
    expect(pageView?.params['ep.page_type']).toBe('confirmation');
    expect(purchase).toMatchObject({
      vendor: 'ga4',
      account: 'G-DEMO12345',
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      consent: { gcs: 'G111', gcd: '13l3l3l3l1', npa: '0', adStorage: 'granted', analyticsStorage: 'granted' },
    });
    expect(purchase?.params).toMatchObject({
      pr1: 'idSKU1~nmShirt~pr24.9~qt2',
      'epn.tax': '7.95',
      dl: 'https://shop.example/checkout/thank-you',
      dt: 'Thank you',
    });
    // Event-level params stay with their own event.
    expect(purchase?.params['ep.page_type']).toBeUndefined();
    // Each event knows the body line it came from.
    expect(events.map((e) => e.line)).toEqual([1, 2]);
  });

  test('line numbers count body lines, blank lines and CRLF aside; a query-only hit has none', () => {
    const events = decodeOk({ ...batchedPurchase, body: '\r\nen=page_view&_et=12\r\n\r\nen=scroll&epn.percent_scrolled=90\r\nen=purchase&ep.transaction_id=DS-1\r\n' }, [ga4]);
    expect(events.map((e) => [e.eventName, e.line])).toEqual([['page_view', 1], ['scroll', 2], ['purchase', 3]]);
    const [single] = decodeOk({ url: `https://region1.google-analytics.com/g/collect?${SHARED}&en=page_view` }, [ga4]);
    expect(single?.line).toBeUndefined();
  });

  test('CRLF-separated and trailing-newline bodies the same way', () => {
    const events = decodeOk({ ...batchedPurchase, body: `${batchedPurchase.body.replace('\n', '\r\n')}\n` }, [ga4]);
    expect(events.map((e) => e.eventName)).toEqual(['page_view', 'purchase']);
  });

  test('a single event sent entirely in the query string (GET or empty-body POST)', () => {
    const url =
      `https://www.google-analytics.com/g/collect?${SHARED}&en=purchase` +
      '&ep.transaction_id=DS-77&ep.value=19.90&ep.currency=USD';
    for (const request of [{ url }, { url, method: 'POST', body: '' }]) {
      const [event, ...rest] = decodeOk(request, [ga4]);
      expect(rest).toEqual([]);
      expect(event).toMatchObject({ eventName: 'purchase', kind: 'purchase', transactionId: 'DS-77', value: 19.9 });
      expect(event?.currency).toBe('USD');
    }
  });

  test('a server-side GTM hit on a first-party domain', () => {
    const [event] = decodeOk({ url: `https://metrics.shop.example/g/collect?${SHARED}&en=page_view` }, [ga4]);
    expect(event).toMatchObject({ account: 'G-DEMO12345', eventName: 'page_view', kind: 'pageview' });
  });

  test('an old v=1 hit on /g/collect by its hit type', () => {
    const url = 'https://www.google-analytics.com/g/collect?v=1&t=pageview&tid=G-17508125-8&cid=1.2';
    const [event] = decodeOk({ url }, [ga4]);
    expect(event).toMatchObject({ eventName: 'pageview', kind: 'pageview', account: 'G-17508125-8' });
  });

  test.each([
    ['G100', 'denied', 'denied'],
    ['G111', 'granted', 'granted'],
    ['G101', 'denied', 'granted'],
    ['G110', 'granted', 'denied'],
  ])('consent gcs=%s as ad_storage %s, analytics_storage %s', (gcs, adStorage, analyticsStorage) => {
    const [event] = decodeOk({ url: `https://www.google-analytics.com/g/collect?tid=G-1&en=page_view&gcs=${gcs}` }, [ga4]);
    expect(event?.consent).toEqual({ gcs, adStorage, analyticsStorage });
  });

  test('no consent block when the hit carries no consent signal, and no value when it is not a number', () => {
    const [event] = decodeOk({ url: 'https://www.google-analytics.com/g/collect?tid=G-1&en=purchase&epn.value=abc' }, [ga4]);
    expect(event?.consent).toBeUndefined();
    expect(event?.value).toBeUndefined();
    expect(event?.params['epn.value']).toBe('abc');
  });
});

describe('ga4 claims', () => {
  test.each([
    batchedPurchase.url,
    'https://www.google-analytics.com/g/collect?v=2&tid=G-1&en=page_view',
    'https://analytics.google.com/g/collect?v=2&tid=G-1',
    'https://metrics.shop.example/g/collect?v=2&tid=G-1',
    'http://localhost:8080/g/collect/',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['ga4']);
  });

  test.each([
    'https://stats.g.doubleclick.net/g/collect?v=2&tid=G-1',
    'https://www.clarity.ms/g/collect?v=2',
    'https://consent.transcend.io/g/collect?v=2',
    'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&t=pageview',
    'https://www.google-analytics.com/mp/collect?measurement_id=G-1',
    'https://shop.example/g/collection',
    'https://www.googletagmanager.com/gtag/js?id=G-DEMO12345',
  ])('not %s', (url) => {
    expect(claimedBy(url, [ga4])).toEqual([]);
  });
});
