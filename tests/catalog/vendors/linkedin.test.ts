import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/linkedin.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'LINKEDINPIXEL';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  void event;
  return 'Conversion';
}

describe('linkedin decodes', () => {
  test('a conversion with a value is a sale', () => {
    const url = 'https://px.ads.linkedin.com/collect/?pid=123456&conversionId=987654&fmt=gif&value=250.00&currency=USD&eventId=order-6006&li_fat_id=5f0c-fat';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'linkedin',
      account: '123456',
      eventName: 'conversion',
      kind: 'purchase',
      value: 250,
      currency: 'USD',
      eventId: 'order-6006',
      clickIds: { li_fat_id: '5f0c-fat' },
    });
  });

  test('a conversion without a value, and the insight tag page hit', () => {
    const [lead] = decodeOk({ url: 'https://px.ads.linkedin.com/collect/?pid=123456&conversionId=111&fmt=gif' }, [VENDOR]);
    expect(lead).toMatchObject({ eventName: 'conversion', kind: 'other', params: { conversionId: '111' } });
    const [page] = decodeOk({ url: 'https://px.ads.linkedin.com/collect?v=2&fmt=js&pid=123456&url=https%3A%2F%2Fshop.example%2F&time=1' }, [VENDOR]);
    expect(page).toMatchObject({ account: '123456', eventName: 'pageview', kind: 'pageview' });
  });

  // Insight tag /wa/ posts as captured from live sites (scriptVersion 148-213): `pids` only, the
  // click id as `liFatId` (empty without an ad click), the signal named in `signalType`.
  const signal = (fields: Record<string, unknown>) =>
    JSON.stringify({
      pids: [4981058],
      scriptVersion: 213,
      time: 1746123941230,
      domain: 'shop.example',
      url: 'https://shop.example/?li_fat_id=9c2b4e1a-77d3-4c1e-a0f1-2b3c4d5e6f70',
      pageTitle: 'Demo Shop',
      websiteSignalRequestId: '4b3a3944-7306-0119-289d-f7bd20721134',
      isTranslated: false,
      liFatId: '9c2b4e1a-77d3-4c1e-a0f1-2b3c4d5e6f70',
      liGiant: '',
      misc: { psbState: -4 },
      isLinkedInApp: false,
      hem: null,
      signalType: 'PAGE_VISIT',
      ...fields,
    });

  test('a /wa/ page visit carries the account from pids and the ad click as liFatId', () => {
    const [event, ...rest] = decodeOk({ url: 'https://px.ads.linkedin.com/wa/', method: 'POST', body: signal({}) }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ vendor: 'linkedin', account: '4981058', eventName: 'pageview', kind: 'pageview', clickIds: { li_fat_id: '9c2b4e1a-77d3-4c1e-a0f1-2b3c4d5e6f70' } });
  });

  test('without an ad click liFatId is empty: no click id; a CLICK signal is not a page view', () => {
    const [event] = decodeOk({ url: 'https://px.ads.linkedin.com/wa/', method: 'POST', body: signal({ liFatId: '', signalType: 'CLICK', href: '' }) }, [VENDOR]);
    expect(event).toMatchObject({ account: '4981058', eventName: 'CLICK', kind: 'other' });
    expect(event?.clickIds).toBeUndefined();
  });

  test('li_adsId on a /collect page hit is a browser id, not a click id', () => {
    const url = 'https://px.ads.linkedin.com/collect?v=2&fmt=js&pid=4981058&time=1741098586102&li_adsId=29f5f294-42c4-493d-ac83-e63c502446aa&url=https%3A%2F%2Fshop.example%2F';
    const [event] = decodeOk({ url }, catalog);
    expect(event).toMatchObject({ account: '4981058', kind: 'pageview', params: { li_adsId: '29f5f294-42c4-493d-ac83-e63c502446aa' } });
    expect(event?.clickIds).toBeUndefined();
  });

  test('a JSON POST to /wa/', () => {
    const body = JSON.stringify({ pids: [123456], pid: '123456', url: 'https://shop.example/', signals: {} });
    const [event] = decodeOk({ url: 'https://px.ads.linkedin.com/wa/', method: 'POST', body }, catalog);
    expect(event).toMatchObject({ vendor: 'linkedin', account: '123456', kind: 'pageview', params: { 'pids[0]': '123456' } });
  });
});

describe('linkedin claims', () => {
  test.each(['https://px.ads.linkedin.com/collect?pid=1&fmt=js', 'https://px.ads.linkedin.com/collect/?pid=1&conversionId=2&fmt=gif', 'https://px.ads.linkedin.com/wa/'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['linkedin']);
    },
  );

  test.each([
    'https://snap.licdn.com/li.lms-analytics/insight.min.js',
    'https://px.ads.linkedin.com/attribution_trigger?pid=1',
    'https://px.ads.linkedin.com/collection?pid=1',
    'https://www.linkedin.com/px/li_sync?pid=1',
    'https://dc.ads.linkedin.com/collect/?pid=1',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
