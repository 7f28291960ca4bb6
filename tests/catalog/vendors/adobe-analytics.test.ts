import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/adobe-analytics.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['ADOBEANALYTICS'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('adobe-analytics decodes', () => {
  const base = 'https://smetrics.shop.example/b/ss/shopprod,shopglobal/10/JS-2.25.0/s12345678901234';
  test('a purchase page view: purchaseID, currency and revenue from products', () => {
    const query = new URLSearchParams({
      AQB: '1', ndh: '1', pageName: 'checkout:confirmation', events: 'purchase,event12=3', purchaseID: 'ORD-1001',
      cc: 'EUR', products: ';SKU1;2;39.80;;eVar5=red,;SKU2;1;9.95', mid: '123', vid: 'cust-42', AQE: '1',
    });
    const url = `${base}?${query}`;
    expect(claimedBy(url, catalog)).toEqual(['adobe-analytics']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'adobe-analytics', account: 'shopprod,shopglobal', eventName: 'Page View', kind: 'purchase',
        transactionId: 'ORD-1001', value: 49.75, currency: 'EUR', userIds: { visitorId: 'cust-42' },
      }),
    ]);
  });

  test('a POSTed link hit with context data', () => {
    const body = 'AQB=1&pageName=home&pe=lnk_o&pev2=nav%20click&c.&a.&activitymap.&page=home&.activitymap&.a&.c&AQE=1';
    const [event] = decodeOk({ url: base, method: 'POST', body }, catalog);
    expect(event).toMatchObject({ eventName: 'Other Click', kind: 'other', account: 'shopprod,shopglobal' });
    expect(event?.params['c.a.activitymap.page']).toBe('home');
  });
});

describe('adobe-analytics does not claim', () => {
  test.each([
    'https://assets.adobedtm.com/launch-EN123.min.js',
    'https://shop.dpm.demdex.net/id?d_visid_ver=5',
    'https://shop.tt.omtrdc.net/rest/v1/delivery?client=shop',
    'https://shop.example/b/ssx/rsid/1/',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
