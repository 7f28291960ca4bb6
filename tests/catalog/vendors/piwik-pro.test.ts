import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/piwik-pro.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['PIWIKPRO'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('piwik-pro decodes', () => {
  test('an order on the Piwik PRO cloud', () => {
    const url = 'https://shop.piwik.pro/ppms.php?idgoal=0&ec_id=ORD-8&revenue=99.99&idsite=6f1c2a5e-1111-2222-3333-444455556666&rec=1&uid=u-1';
    expect(claimedBy(url, catalog)).toEqual(['piwik-pro']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'piwik-pro', account: 'shop.piwik.pro site 6f1c2a5e-1111-2222-3333-444455556666', eventName: 'Ecommerce', kind: 'purchase', transactionId: 'ORD-8', value: 99.99,
      }),
    ]);
  });

  test('a POSTed page view, and the legacy piwik.php on Piwik PRO hosts', () => {
    const [view] = decodeOk({ url: 'https://shop.piwik.pro/ppms.php', method: 'POST', body: 'action_name=Home&idsite=1&rec=1' }, catalog);
    expect(view).toMatchObject({ account: 'shop.piwik.pro site 1', eventName: 'Page View', kind: 'pageview' });
    expect(claimedBy('https://shop.piwik.pro/piwik.php?idsite=1&rec=1', catalog)).toEqual(['piwik-pro']);
  });
});

describe('piwik-pro does not claim', () => {
  test.each([
    'https://shop.piwik.pro/containers/aaa123cc-4f49-11e7-963e-000d3a2a4aaa.js',
    'https://shop.piwik.pro/ppms.js',
    'https://analytics.shop.example/matomo.php?idsite=1',
    'https://analytics.shop.example/piwik.php?idsite=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
