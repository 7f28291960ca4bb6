import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/floodlight.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'DOUBLECLICK';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  return event.params.type ?? '';
}

describe('floodlight decodes', () => {
  test('a sales tag: ord is the order id, cost the value', () => {
    const url = 'https://ad.doubleclick.net/activity;src=8765432;type=sales0;cat=purch0;qty=2;cost=149.50;ord=ORD-5521;u3=EUR;gcs=G111;gclaw=Cj0KCQ;~oref=https%3A%2F%2Fshop.example%2Fthanks?';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'floodlight',
      account: 'DC-8765432/sales0/purch0',
      eventName: 'purch0',
      kind: 'purchase',
      transactionId: 'ORD-5521',
      value: 149.5,
      clickIds: { gclaw: 'Cj0KCQ' },
      consent: { gcs: 'G111', adStorage: 'granted' },
    });
    expect(event?.params).toMatchObject({ '~oref': 'https://shop.example/thanks', u3: 'EUR', countingMethod: 'transactions / items_sold' });
  });

  test('a counter tag: ord is a counting number, not an order', () => {
    const [standard] = decodeOk({ url: 'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=visits;cat=home0;ord=8104016085288?' }, [VENDOR]);
    expect(standard).toMatchObject({ account: 'DC-1234567/visits/home0', kind: 'other', params: { countingMethod: 'standard' } });
    expect(standard?.transactionId).toBeUndefined();
    const [unique] = decodeOk({ url: 'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=visits;cat=home0;ord=1?' }, [VENDOR]);
    expect(unique?.params.countingMethod).toBe('unique');
  });

  test('the /ddm/activity/ form of the image tag', () => {
    const [event] = decodeOk({ url: 'https://ad.doubleclick.net/ddm/activity/src=8765432;type=sales0;cat=purch0;qty=1;cost=10;ord=A-1;dc_lat=;dc_rdid=;tag_for_child_directed_treatment=;tfua=?' }, [VENDOR]);
    expect(event).toMatchObject({ account: 'DC-8765432/sales0/purch0', kind: 'purchase', transactionId: 'A-1', value: 10 });
  });
});

describe('floodlight claims', () => {
  test.each([
    'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/activity;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/ddm/activity/src=1234567;type=group1;cat=thank123;ord=1?',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['floodlight']);
  });

  test.each([
    'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1111111/?label=abc&value=1',
    'https://stats.g.doubleclick.net/g/collect?v=2&tid=G-1',
    'https://ad.doubleclick.net/ddm/trackclk/N123.456/B789;dc_trk_aid=1',
    'https://1234567.fls.doubleclick.net/activityi;dc_pre=CLa;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/favicon.ico',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
