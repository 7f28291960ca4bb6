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

  // The fields scevent.min.js (Snap Pixel SDK 3.x) posts: the ScCid of the ad's landing URL is
  // its referral id `s_r_id`, with `s_r_ids=2`; u_c1 / u_sclid / u_scsid are browser ids.
  const pixelHit = (referral: string) =>
    'pid=b2ade379-a55e-4ca7-893b-b9fac04c843f&ev=PURCHASE&e_pr=64.50&e_cur=GBP&e_tid=SC-4005&pl=https%3A%2F%2Fshop.example%2Forder%2FSC-4005' +
    `&bt=1d53c387&if=false&m_pv=2&rf=&${referral}&trackId=3c1b0f7e-2f4e-4c1a-9f1e-0b7d2a6c5e11&ts=1712345678901` +
    '&u_c1=35f34e89-1bb3-4466-abfa-af3c4d48073a&u_sclid=229dea27-6583-42cf-9f2a-1d8194669b6e&u_scsid=debfa99c-2416-4601-bbfd-e0d6d74a7a6b&v=3.1.4-2308012132';

  test('the pixel’s s_r_id is the ScCid click id when s_r_ids says it came from the landing URL', () => {
    const [event] = decodeOk({ url: 'https://tr.snapchat.com/p', method: 'POST', body: pixelHit('s_r_id=7b3a7917-a82a-47e8-9728-e1b3b045abb2&s_r_ids=2') }, catalog);
    expect(event).toMatchObject({ vendor: 'snapchat', kind: 'purchase', transactionId: 'SC-4005', value: 64.5, clickIds: { ScCid: '7b3a7917-a82a-47e8-9728-e1b3b045abb2' } });
  });

  test('an in-app referral id (s_r_ids=1) and the browser ids are not click ids', () => {
    const [inApp] = decodeOk({ url: 'https://tr.snapchat.com/p', method: 'POST', body: pixelHit('s_r_id=4f2d7a10-1b2c-4d3e-8f40-5a6b7c8d9e0f&s_r_ids=1') }, [VENDOR]);
    expect(inApp?.clickIds).toBeUndefined();
    expect(inApp?.params.s_r_id).toBe('4f2d7a10-1b2c-4d3e-8f40-5a6b7c8d9e0f');
    const [organic] = decodeOk({ url: 'https://tr.snapchat.com/p', method: 'POST', body: pixelHit('m_sh=900') }, [VENDOR]);
    expect(organic?.clickIds).toBeUndefined();
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
