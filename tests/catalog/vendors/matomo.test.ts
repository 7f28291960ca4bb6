import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/matomo.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { describeProvidersCorpus } from '../vendor-corpus.ts';

const catalog = await loadCatalog();

const PROVIDERS: readonly string[] = ['MATOMO'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

describeProvidersCorpus(vendor, PROVIDERS, catalog, requestTypeOf);

describe('matomo decodes', () => {
  test('an order: ec_id, revenue; the account names the tracker host and the site', () => {
    const url =
      'https://analytics.shop.example/matomo.php?idgoal=0&ec_id=ORD-3&revenue=42.5&ec_st=40&ec_sh=2.5&ec_items=%5B%5B%22SKU1%22%2C%22Mug%22%2C%22Kitchen%22%2C20%2C2%5D%5D' +
      '&idsite=3&rec=1&uid=user-7&url=https%3A%2F%2Fshop.example%2Fthanks';
    expect(claimedBy(url, catalog)).toEqual(['matomo']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'matomo', account: 'analytics.shop.example site 3', eventName: 'Ecommerce', kind: 'purchase', transactionId: 'ORD-3',
        value: 42.5, userIds: { userId: 'user-7' },
      }),
    ]);
  });

  test('a cart update is not a purchase; a bulk POST gives one event per hit', () => {
    const [cart] = decodeOk({ url: 'https://analytics.shop.example/matomo.php?idgoal=0&revenue=20&idsite=3&rec=1' }, catalog);
    expect(cart).toMatchObject({ eventName: 'Ecommerce', kind: 'other', value: 20 });
    const body = JSON.stringify({ requests: ['?idsite=3&rec=1&action_name=Home', '?idsite=3&rec=1&e_c=video&e_a=play'] });
    const events = decodeOk({ url: 'https://analytics.shop.example/matomo.php', method: 'POST', body }, catalog);
    expect(events.map((e) => [e.eventName, e.kind])).toEqual([['Page View', 'pageview'], ['Custom Event', 'other']]);
  });
});

describe('matomo accounts: one tracker, several sites', () => {
  test("two sites on one tracker are two accounts; a bulk POST names each hit's site", () => {
    const body = JSON.stringify({ requests: ['?idsite=3&rec=1&action_name=Home', '?idsite=7&rec=1&action_name=Blog'] });
    const events = decodeOk({ url: 'https://analytics.shop.example/matomo.php', method: 'POST', body }, catalog);
    expect(events.map((e) => e.account)).toEqual(['analytics.shop.example site 3', 'analytics.shop.example site 7']);
  });

  test('a hit without idsite keeps the tracker host alone', () => {
    const [event] = decodeOk({ url: 'https://analytics.shop.example/matomo.php?rec=1&action_name=Home' }, catalog);
    expect(event?.account).toBe('analytics.shop.example');
  });
});

describe('matomo does not claim', () => {
  test.each([
    'https://analytics.shop.example/matomo.js',
    'https://stats.shop.example/ppms.php?idsite=1',
    'https://shop.piwik.pro/piwik.php?idsite=1',
    'https://shop.example/notmatomo.php?idsite=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
