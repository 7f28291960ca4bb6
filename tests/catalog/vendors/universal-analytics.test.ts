import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/universal-analytics.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'UNIVERSALANALYTICS';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  return event.eventName === 'pageview' ? 'Page View' : event.eventName.replace(/_/g, ' ');
}

const UA = 'https://www.google-analytics.com/collect';

describe('universal-analytics decodes', () => {
  test('a classic ecommerce transaction hit', () => {
    const url = `${UA}?v=1&_v=j101&a=1&t=transaction&tid=UA-123456-1&cid=555.666&uid=user-42&ti=T-1001&ta=Shop&tr=59.90&ts=4.90&tt=9.56&cu=EUR&dl=https%3A%2F%2Fshop.example%2Fthanks`;
    const [event, ...rest] = decodeOk({ url }, [VENDOR]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'universal-analytics',
      account: 'UA-123456-1',
      eventName: 'transaction',
      kind: 'purchase',
      transactionId: 'T-1001',
      value: 59.9,
      currency: 'EUR',
      userIds: { userId: 'user-42' },
    });
  });

  test('an enhanced ecommerce purchase riding on a pageview POST', () => {
    const body = 'v=1&_v=j101&t=pageview&tid=UA-123456-1&cid=555.666&dl=https%3A%2F%2Fshop.example%2Fthanks&pa=purchase&ti=EC-77&tr=120.00&cu=USD&pr1id=SKU1&pr1qt=2';
    const [event] = decodeOk({ url: 'https://www.google-analytics.com/r/collect', method: 'POST', body }, catalog);
    expect(event).toMatchObject({ vendor: 'universal-analytics', eventName: 'pageview', kind: 'purchase', transactionId: 'EC-77', value: 120, currency: 'USD' });
    expect(event?.params.pr1id).toBe('SKU1');
  });

  test('a pageview and an event, without order fields', () => {
    const [pageview] = decodeOk({ url: `${UA}?v=1&t=pageview&tid=UA-1-1&cid=1.2` }, [VENDOR]);
    expect(pageview).toMatchObject({ eventName: 'pageview', kind: 'pageview' });
    expect(pageview?.transactionId).toBeUndefined();
    const [event] = decodeOk({ url: `${UA}?v=1&t=event&tid=UA-1-1&ec=video&ea=play&ti=not-an-order&tr=3` }, [VENDOR]);
    expect(event).toMatchObject({ eventName: 'event', kind: 'other' });
    expect(event?.transactionId).toBeUndefined();
    expect(event?.value).toBeUndefined();
  });
});

describe('universal-analytics /batch', () => {
  // Measurement Protocol v1: up to 20 hits per POST to /batch, one payload per line.
  const body = [
    'v=1&tid=UA-123456-1&cid=555.666&t=transaction&ti=T-2002&ta=Demo%20Shop&tr=54.70&ts=4.90&tt=9.12&cu=EUR',
    'v=1&tid=UA-123456-1&cid=555.666&t=item&ti=T-2002&in=Linen%20Shirt&ip=24.90&iq=2&ic=SKU1&iv=Shirts&cu=EUR',
    'v=1&tid=UA-123456-1&cid=555.666&t=item&ti=T-2002&in=Wool%20Socks&ip=0.00&iq=1&ic=SKU3&iv=Accessories&cu=EUR',
  ].join('\r\n');

  test('a transaction and its item hits decode into one event per line', () => {
    const events = decodeOk({ url: 'https://www.google-analytics.com/batch', method: 'POST', body: `${body}\r\n` }, catalog);
    expect(events.map((e) => [e.eventName, e.kind, e.transactionId, e.value])).toEqual([
      ['transaction', 'purchase', 'T-2002', 54.7],
      ['item', 'other', 'T-2002', undefined],
      ['item', 'other', 'T-2002', undefined],
    ]);
    expect(events.every((e) => e.vendor === 'universal-analytics' && e.account === 'UA-123456-1' && e.currency === 'EUR')).toBe(true);
    expect(events.map((e) => e.params.in)).toEqual([undefined, 'Linen Shirt', 'Wool Socks']);
  });

  test('an empty batch is no event, not an error', () => {
    expect(decodeOk({ url: 'https://www.google-analytics.com/batch', method: 'POST', body: '' }, [VENDOR])).toEqual([]);
  });

  test.each(['https://www.google-analytics.com/batch', 'https://region1.google-analytics.com/batch', 'https://www.google-analytics.com/j/collect?v=1&t=pageview&tid=UA-1-1'])(
    '%s is claimed by universal-analytics alone',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['universal-analytics']);
    },
  );

  test.each(['https://www.google-analytics.com/batches', 'https://www.google-analytics.com/g/batch', 'https://shop.example/batch'])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describe('universal-analytics claims', () => {
  test.each([
    `${UA}?v=1&t=pageview&tid=UA-1-1`,
    'https://www.google-analytics.com/j/collect?v=1&t=pageview&tid=UA-1-1',
    'https://region1.google-analytics.com/collect?v=1&t=event&tid=UA-1-1',
    'https://analytics.google.com/collect?v=1&t=pageview&tid=UA-1-1',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['universal-analytics']);
  });

  test.each([
    'https://www.google-analytics.com/g/collect?v=2&tid=G-1234567&en=page_view',
    'https://region1.google-analytics.com/g/collect?v=2&tid=G-1234567',
    'https://www.google-analytics.com/collect?v=1&t=pageview&tid=UA-1-1&consentMode=1',
    'https://www.google-analytics.com/analytics.js',
    'https://www.google-analytics.com/collection?v=1',
    'https://stats.g.doubleclick.net/j/collect?v=1&t=dc&tid=UA-1-1',
    'https://sgtm.shop.example/collect?v=1&t=pageview&tid=UA-1-1',
    'https://notgoogle-analytics.com/collect?v=1',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
