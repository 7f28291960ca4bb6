import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/gtm.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeVendorCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();
const PROVIDER = 'GOOGLETAGMAN';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  return event.eventName === 'gtm.js' ? 'Library Load' : event.eventName;
}

describe('gtm decodes', () => {
  test('a container load, with its environment', () => {
    const url = 'https://www.googletagmanager.com/gtm.js?id=GTM-K9XYZ12&l=dataLayer&gtm_auth=abc&gtm_preview=env-5&gtm_cookies_win=x';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ vendor: 'gtm', account: 'GTM-K9XYZ12', eventName: 'gtm.js', kind: 'other', params: { l: 'dataLayer', gtm_preview: 'env-5' } });
  });

  test('a load without an id has no account', () => {
    const [event] = decodeOk({ url: 'https://www.googletagmanager.com/gtm.js' }, [VENDOR]);
    expect(event?.account).toBeUndefined();
    expect(event?.kind).toBe('other');
  });
});

describe('gtm claims', () => {
  test.each(['https://www.googletagmanager.com/gtm.js?id=GTM-ABC123', 'https://googletagmanager.com/gtm.js?id=GTM-ABC123&l=dl2'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['gtm']);
    },
  );

  test.each([
    'https://www.googletagmanager.com/gtag/js?id=G-1234567',
    'https://www.googletagmanager.com/gtag/destination?id=AW-1&l=dataLayer',
    'https://www.googletagmanager.com/ns.html?id=GTM-ABC123',
    'https://www.googletagmanager.com/gtm.json?id=GTM-ABC123',
    'https://www.google-analytics.com/gtm/js?id=GTM-ABC123',
  ])('not %s', (url) => {
    expect(claimedBy(url, [VENDOR])).toEqual([]);
  });
});

describeVendorCorpus(PROVIDER, VENDOR, catalog, requestTypeOf);
