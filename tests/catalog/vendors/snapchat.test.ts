import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/snapchat.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'SNAPCHATPIXEL';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  const event_ = event.eventName === '' ? 'other' : event.eventName.toLowerCase();
  return event_.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

describe('snapchat decodes', () => {
  test('a PURCHASE form POST with price, currency, transaction id, hashed e-mail and click id', () => {
    const body =
      'pid=b2ade379-a55e-4ca7-893b-b9fac04c843f&ev=PURCHASE&pl=https%3A%2F%2Fshop.example%2Fthanks&ts=1712345678901&rf=&v=1.5' +
      `&e_pr=64.50&e_cur=GBP&e_tid=SC-4004&e_ni=3&e_cdid=dedup-4004&u_hem=${'b'.repeat(64)}&sc_click_id=8c1d-click`;
    const [event, ...rest] = decodeOk({ url: 'https://tr.snapchat.com/p', method: 'POST', body }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'snapchat',
      account: 'b2ade379-a55e-4ca7-893b-b9fac04c843f',
      eventName: 'PURCHASE',
      kind: 'purchase',
      transactionId: 'SC-4004',
      value: 64.5,
      currency: 'GBP',
      eventId: 'dedup-4004',
      clickIds: { ScCid: '8c1d-click' },
      userIds: { email: 'b'.repeat(64) },
    });
  });

  test('a PAGE_VIEW sent to the shadow host', () => {
    const [event] = decodeOk({ url: 'https://tr-shadow.snapchat.com/p', method: 'POST', body: 'pid=p1&ev=PAGE_VIEW&pl=https%3A%2F%2Fshop.example%2F' }, catalog);
    expect(event).toMatchObject({ vendor: 'snapchat', account: 'p1', eventName: 'PAGE_VIEW', kind: 'pageview' });
  });

  test('a bodiless hit decodes to an empty event rather than an error', () => {
    const [event] = decodeOk({ url: 'https://tr.snapchat.com/p' }, [VENDOR]);
    expect(event).toMatchObject({ eventName: '', kind: 'other' });
  });
});

describe('snapchat claims', () => {
  test.each(['https://tr.snapchat.com/p', 'https://tr-shadow.snapchat.com/p', 'https://tr.snapchat.com/p?pid=p1&ev=PURCHASE'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['snapchat']);
    },
  );

  test.each([
    'https://tr.snapchat.com/cm/i?pid=b2ade379',
    'https://tr.snapchat.com/cm/p?rand=1&pnid=110',
    'https://tr.snapchat.com/config/com/p1.js',
    'https://sc-static.net/scevent.min.js',
    'https://www.snapchat.com/p',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
