import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/piano-analytics.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['ATINTERNET', 'PIANO'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('piano-analytics decodes', () => {
  test('a Piano Analytics transaction.confirmation POST', () => {
    const body = JSON.stringify({
      events: [
        { name: 'page.display', data: { page: 'confirmation', page_chapter1: 'checkout' } },
        { name: 'transaction.confirmation', data: { transaction_id: 'ORD-12', cart_id: 'C-12', cart_turnovertaxincluded: 120.5, cart_currency: 'EUR', user_id: 'u-9' } },
      ],
    });
    const url = 'https://abcdefg.pa-cd.com/event?s=612345&idclient=3b2f7e6a-1111-2222-3333-444455556666';
    expect(claimedBy(url, catalog)).toEqual(['piano-analytics']);
    const events = decodeOk({ url, method: 'POST', body }, catalog);
    expect(events.map((e) => [e.eventName, e.kind])).toEqual([['page.display', 'pageview'], ['transaction.confirmation', 'purchase']]);
    expect(events[1]).toMatchObject({ account: '612345', transactionId: 'ORD-12', value: 120.5, currency: 'EUR', userIds: { userId: 'u-9' } });
  });

  test('product events read product_currency as the currency', () => {
    const body = JSON.stringify({
      events: [
        { name: 'product.purchased', data: { transaction_id: 'ORD-13', product_id: 'SKU1', product: 'Mug', product_pricetaxincluded: 24.9, product_quantity: 2, product_currency: 'EUR' } },
      ],
    });
    const [event] = decodeOk({ url: 'https://abcdefg.pa-cd.com/event?s=612345&idclient=3b2f7e6a', method: 'POST', body }, catalog);
    expect(event).toMatchObject({ vendor: 'piano-analytics', account: '612345', eventName: 'product.purchased', kind: 'other', transactionId: 'ORD-13', currency: 'EUR' });
  });

  test('an AT Internet SalesTracker order: amount with tax, not the payment method code or the tax-free amount', () => {
    // The order parameters AT Internet's SDK sets (Order.setEvent): cmd, roimt, st, newcus, mtht,
    // mtttc, tax, fpht, fp, dl, mp, tp; mp is a payment method code.
    const url =
      'https://logs1407.xiti.com/hit.xiti?s=598308&s2=3&p=checkout::confirmation&vtag=5.29.4&ptag=js&r=1920x1080x24x24&re=1280x720' +
      '&cmd=ORD-5005&roimt=45.58&st=1&newcus=1&mtht=45.58&mtttc=54.70&tax=9.12&fpht=4.08&fp=4.90&dl=1%5BColissimo%5D&mp=2&tp=pre1' +
      '&idclient=3b2f7e6a-1111-2222-3333-444455556666&ts=1712345678901';
    expect(claimedBy(url, catalog)).toEqual(['piano-analytics']);
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ account: '598308', eventName: 'Page View', kind: 'purchase', transactionId: 'ORD-5005', value: 54.7 });
    expect(event?.params).toMatchObject({ mp: '2', mtht: '45.58', roimt: '45.58' });
  });

  test('an AT Internet order hit', () => {
    const [event] = decodeOk({ url: 'https://logc123.xiti.com/hit.xiti?s=598308&p=checkout::confirmation&cmd=ORD-4&roimt=35.9&idclient=x' }, catalog);
    expect(event).toMatchObject({ account: '598308', eventName: 'Page View', kind: 'purchase', transactionId: 'ORD-4', value: 35.9 });
  });
});

describe('piano-analytics does not claim', () => {
  test.each([
    'https://tag.aticdn.net/piano-analytics.js',
    'https://shop.example/event?s=1',
    'https://logc123.xiti.com/hit.xitix?s=1',
    'https://sslwidget.criteo.com/event?a=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
