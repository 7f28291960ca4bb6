import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/reddit.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['REDDITPIXEL'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('reddit decodes', () => {
  test('a purchase', () => {
    const url =
      'https://alb.reddit.com/rp.gif?ts=1712345678901&id=t2_abc123&event=Purchase&m.itemCount=2&m.value=&m.valueDecimal=89.5' +
      '&m.currency=EUR&m.transactionId=ORD-55&m.conversionId=purchase-ORD-55&uuid=1712345678.c6959068&em=b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514' +
      '&external_id=&integration=reddit&opt_out=0&sh=1080&sw=1920&v=rdt_c9439d84&rdt_cid=1234567890123456789';
    expect(claimedBy(url, catalog)).toEqual(['reddit']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'reddit', account: 't2_abc123', eventName: 'Purchase', kind: 'purchase', value: 89.5, currency: 'EUR',
        transactionId: 'ORD-55', eventId: 'purchase-ORD-55', clickIds: { rdt_cid: '1234567890123456789' },
      }),
    ]);
  });

  test('a page visit, and a custom event under its own name', () => {
    const [visit] = decodeOk({ url: 'https://alb.reddit.com/rp.gif?id=t2_abc123&event=PageVisit' }, catalog);
    expect(visit).toMatchObject({ eventName: 'PageVisit', kind: 'pageview' });
    const [custom] = decodeOk({ url: 'https://alb.reddit.com/rp.gif?id=t2_abc123&event=Custom&m.customEventName=Quiz' }, catalog);
    expect(custom).toMatchObject({ eventName: 'Quiz', kind: 'other' });
  });
});

describe('reddit does not claim', () => {
  test.each([
    'https://www.redditstatic.com/ads/pixel.js',
    'https://www.reddit.com/r/analytics/',
    'https://alb.reddit.com/rp.gifx?id=1',
    'https://notreddit.com/rp.gif?id=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
