import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/pinterest.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'PINTERESTPIXEL';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  if (event.eventName === 'pagevisit') return 'Page View';
  return event.eventName.charAt(0).toUpperCase() + event.eventName.slice(1).split(/(?=[A-Z])/).join(' ');
}

const enc = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

describe('pinterest decodes', () => {
  test('a checkout with order id, value, currency, hashed e-mail and click id', () => {
    const ed = { value: 89.9, currency: 'EUR', order_quantity: 2, order_id: 'PIN-3003', event_id: 'ev-3003', line_items: [{ product_id: 'SKU1', product_price: 44.95 }] };
    const url = `https://ct.pinterest.com/v3/?event=checkout&ed=${enc(ed)}&tid=2612345678901&pd=${enc({ em: 'a'.repeat(64) })}&epik=dj0yJnU9abc&ad=${enc({ loc: 'https://shop.example/thanks', ref: '' })}&cb=1712345678901`;
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'pinterest',
      account: '2612345678901',
      eventName: 'checkout',
      kind: 'purchase',
      transactionId: 'PIN-3003',
      value: 89.9,
      currency: 'EUR',
      eventId: 'ev-3003',
      clickIds: { epik: 'dj0yJnU9abc' },
      userIds: { email: 'a'.repeat(64) },
    });
    expect(event?.params).toMatchObject({ 'ed[line_items][0][product_id]': 'SKU1', 'ad[loc]': 'https://shop.example/thanks' });
  });

  test('a page visit and an add to cart', () => {
    const [visit] = decodeOk({ url: 'https://ct.pinterest.com/v3/?tid=abc123&event=pagevisit&cb=1' }, [VENDOR]);
    expect(visit).toMatchObject({ eventName: 'pagevisit', kind: 'pageview' });
    const [cart] = decodeOk({ url: `https://ct.pinterest.com/v3/?tid=abc123&event=addtocart&ed=${enc({ value: 10, currency: 'USD' })}` }, [VENDOR]);
    expect(cart).toMatchObject({ eventName: 'addtocart', kind: 'other', value: 10 });
  });

  test('broken JSON event data is kept raw, not a decoder error', () => {
    const [event] = decodeOk({ url: 'https://ct.pinterest.com/v3/?tid=abc123&event=checkout&ed=%7B%22value%22%3A1' }, [VENDOR]);
    expect(event?.params.ed).toBe('{"value":1');
    expect(event?.value).toBeUndefined();
  });
});

describe('pinterest claims', () => {
  test.each(['https://ct.pinterest.com/v3/?tid=abc123&event=init', 'https://ct.pinterest.com/v3?tid=abc123&event=pagevisit'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['pinterest']);
    },
  );

  test.each([
    'https://ct.pinterest.com/user/?tid=1235871753249&cb=1233538014046',
    'https://ct.pinterest.com/v3/tags?tid=1',
    'https://s.pinimg.com/ct/core.js',
    'https://www.pinterest.com/v3/?tid=abc123&event=checkout',
    'https://ct.pinterest.com.evil.example/v3/?tid=1',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
