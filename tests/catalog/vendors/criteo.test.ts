import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/criteo.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['CRITEOONETAG'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events.map((e) => ({ vh: 'Homepage', vl: 'Search Listing View', vp: 'Product View', vb: 'Cart View', vc: 'Purchase' })[e.eventName] ?? e.eventName).join(' | ');

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('criteo decodes', () => {
  test('a transaction with items, currency and hashed e-mail', () => {
    const p0 = new URLSearchParams({ e: 'exd', site_type: 'd' }).toString();
    const p1 = new URLSearchParams({ e: 'ce', m: '[5d41402abc4b2a76b9719d911017c592]' }).toString();
    const p2 = new URLSearchParams({ e: 'vc', id: 'ORD-77', c: 'EUR', p: '[i=SKU1&pr=19.9&q=2,i=SKU2&pr=10.2&q=1]' }).toString();
    const url = `https://sslwidget.criteo.com/event?a=98765&v=5.23.0&${new URLSearchParams({ p0, p1, p2 })}&tld=shop.example`;
    expect(claimedBy(url, catalog)).toEqual(['criteo']);
    const events = decodeOk({ url }, catalog);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      vendor: 'criteo', account: '98765', eventName: 'vc', kind: 'purchase', transactionId: 'ORD-77', value: 50, currency: 'EUR',
      userIds: { email: '[5d41402abc4b2a76b9719d911017c592]' },
    });
    expect(events[0]?.params['exd.site_type']).toBe('d');
  });

  test('a product view is a page view with no value', () => {
    const p0 = new URLSearchParams({ e: 'vp', p: 'SKU1' }).toString();
    const [event] = decodeOk({ url: `https://sslwidget.criteo.com/event?a=98765&${new URLSearchParams({ p0 })}` }, catalog);
    expect(event).toMatchObject({ eventName: 'vp', kind: 'pageview' });
    expect(event?.value).toBeUndefined();
  });
});

describe('criteo does not claim', () => {
  test.each([
    'https://static.criteo.net/js/ld/ld.js?a=98765',
    'https://dis.criteo.com/dis/usersync.aspx?r=1',
    'https://gum.criteo.com/sync?c=1',
    'https://sslwidget.criteo.com/eventually?a=1',
    'https://notcriteo.com/event?a=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
