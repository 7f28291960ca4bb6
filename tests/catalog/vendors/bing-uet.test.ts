import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/bing-uet.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'BINGUET';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  const evt = event.params.evt ?? 'other';
  return evt === 'pageLoad' ? 'Page View' : evt.charAt(0).toUpperCase() + evt.slice(1);
}

describe('bing-uet decodes', () => {
  test('a purchase custom event with revenue, currency and click id', () => {
    const url = 'https://bat.bing.com/action/0?ti=187654321&Ver=2&mid=abc-123&evt=custom&ea=purchase&ec=ecommerce&el=checkout&gv=79.95&gc=EUR&msclkid=6f1e2d3c4b5a&p=https%3A%2F%2Fshop.example%2Fthanks&rn=1';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'bing-uet',
      account: '187654321',
      eventName: 'purchase',
      kind: 'purchase',
      value: 79.95,
      currency: 'EUR',
      clickIds: { msclkid: '6f1e2d3c4b5a' },
    });
  });

  test('a page load on bat.bing.net; msclkid=N is no click id', () => {
    const [event] = decodeOk({ url: 'https://bat.bing.net/action/0?ti=187654321&Ver=2&evt=pageLoad&msclkid=N&p=https%3A%2F%2Fshop.example%2F' }, catalog);
    expect(event).toMatchObject({ vendor: 'bing-uet', eventName: 'pageLoad', kind: 'pageview' });
    expect(event?.clickIds).toBeUndefined();
    expect(event?.params.msclkid).toBe('N');
  });

  test('a custom event without an action is named by its type', () => {
    const [event] = decodeOk({ url: 'https://bat.bing.com/action/0?ti=1&evt=custom&ec=video&el=intro' }, [VENDOR]);
    expect(event).toMatchObject({ eventName: 'custom', kind: 'other' });
  });
});

describe('bing-uet claims', () => {
  test.each(['https://bat.bing.com/action/0?ti=1&evt=pageLoad', 'https://bat.bing.net/action/0?ti=1&evt=custom&ea=purchase'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['bing-uet']);
    },
  );

  test.each([
    'https://bat.bing.com/bat.js',
    'https://bat.bing.com/p/action/187654321.js',
    'https://bat.bing.com/actionable?ti=1',
    'https://www.bing.com/action/0?ti=1',
    'https://c.bing.com/c.gif?Red3=CTOMS_pd',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
