import { describe, expect, test } from 'vitest';
import { endpointEntryProblem, withCustomEndpoints } from '../../src/catalog/custom-endpoints.ts';
import { claimedBy, decodeOk, loadCatalog } from './helpers.ts';

const catalog = await loadCatalog();
const SHOP = 'http://127.0.0.1:5555';
const GA4_SHARED = 'v=2&tid=G-DEMO0SHOP1&cid=1234567890.1712345678&sid=1712345678&_p=99';

describe('withCustomEndpoints claims', () => {
  test('a declared URL for its vendor, before the built-in patterns of another vendor', () => {
    // matomo.php on any host is Matomo's; this site's Piwik PRO tracker uses the legacy name.
    const url = 'https://analytics.shop.example/matomo.php?idsite=3&rec=1&action_name=Home';
    expect(claimedBy(url, catalog)).toEqual(['matomo']);
    const vendors = withCustomEndpoints(catalog, { 'piwik-pro': ['https://analytics.shop.example/matomo.php'] });
    expect(claimedBy(url, vendors)).toEqual(['piwik-pro']);
    // Matomo keeps every other host.
    expect(claimedBy('https://stats.other.example/matomo.php?idsite=1&rec=1', vendors)).toEqual(['matomo']);
  });

  test('decodes with the declared vendor’s decoder: a server-side GTM GA4 batch', () => {
    const vendors = withCustomEndpoints(catalog, { ga4: ['/sgtm/data'] }, SHOP);
    const request = { url: `${SHOP}/sgtm/data?${GA4_SHARED}`, method: 'POST', body: 'en=page_view&_et=5\nen=purchase&ep.transaction_id=DS-100001&epn.value=54.7&cu=EUR' };
    const events = decodeOk(request, vendors);
    expect(events.map((e) => [e.vendor, e.eventName, e.kind, e.transactionId, e.value])).toEqual([
      ['ga4', 'page_view', 'pageview', undefined, undefined],
      ['ga4', 'purchase', 'purchase', 'DS-100001', 54.7],
    ]);
    expect(events[1]).toMatchObject({ account: 'G-DEMO0SHOP1', currency: 'EUR' });
    // Undeclared, nothing claims it.
    expect(decodeOk(request, catalog)).toEqual([]);
  });

  test.each([
    ['/sgtm/data', true],
    ['/sgtm/data/', true],
    ['/sgtm/data/batch', true],
    ['/sgtm/data?v=2', true],
    ['/sgtm/data#x', true],
    ['/sgtm/database', false],
    ['/sgtm/dat', false],
    ['/sgtm', false],
    ['/other/sgtm/data', false],
  ])('prefix boundaries: %s claimed %s', (path, claimed) => {
    const vendors = withCustomEndpoints(catalog, { ga4: ['/sgtm/data'] }, SHOP);
    expect(claimedBy(`${SHOP}${path}`, vendors)).toEqual(claimed ? ['ga4'] : []);
  });

  test('a path-only entry is on the site origin (scheme, host and port); without one, on any host', () => {
    const onSite = withCustomEndpoints(catalog, { ga4: ['/sgtm/data'] }, `${SHOP}/some/page?x=1`);
    expect(claimedBy(`${SHOP}/sgtm/data?v=2`, onSite)).toEqual(['ga4']);
    expect(claimedBy('http://127.0.0.1:6666/sgtm/data?v=2', onSite)).toEqual([]);
    expect(claimedBy('https://127.0.0.1:5555/sgtm/data?v=2', onSite)).toEqual([]);
    expect(claimedBy('https://tracker.example/sgtm/data?v=2', onSite)).toEqual([]);
    const anyHost = withCustomEndpoints(catalog, { ga4: ['/sgtm/data'] });
    expect(claimedBy('https://tracker.example/sgtm/data?v=2', anyHost)).toEqual(['ga4']);
    expect(claimedBy('https://tracker.example/sgtm/database', anyHost)).toEqual([]);
  });

  test('an absolute entry: its query is ignored, scheme and host must match', () => {
    const vendors = withCustomEndpoints(catalog, { ga4: ['https://metrics.shop.example/collect?tag=web#top'] }, SHOP);
    expect(claimedBy(`https://metrics.shop.example/collect?${GA4_SHARED}&en=page_view`, vendors)).toEqual(['ga4']);
    expect(claimedBy('https://METRICS.shop.example:443/collect', vendors)).toEqual(['ga4']);
    expect(claimedBy('http://metrics.shop.example/collect', vendors)).toEqual([]);
    expect(claimedBy('https://metrics.shop.example.evil.example/collect', vendors)).toEqual([]);
    expect(claimedBy('https://metrics.shop.example/collection', vendors)).toEqual([]);
  });

  test('the most specific endpoint wins when two vendors’ endpoints match', () => {
    const vendors = withCustomEndpoints(catalog, { ga4: ['/sgtm'], meta: ['/sgtm/meta'] }, SHOP);
    expect(claimedBy(`${SHOP}/sgtm/meta/events?ev=Purchase`, vendors)).toEqual(['meta']);
    expect(claimedBy(`${SHOP}/sgtm/data?v=2`, vendors)).toEqual(['ga4']);
    expect(claimedBy(`${SHOP}/sgtm/metaverse`, vendors)).toEqual(['ga4']);
  });

  test('a vendor’s own excludes still hold on its endpoint; other vendors keep their patterns', () => {
    const vendors = withCustomEndpoints(catalog, { meta: ['https://shop.example/fbp'] });
    expect(claimedBy('https://shop.example/fbp/tr?id=1&ev=Purchase', vendors)).toEqual(['meta']);
    expect(claimedBy('https://shop.example/fbp/tr?id=1&ev=Microdata', vendors)).toEqual([]);
    expect(claimedBy('https://www.facebook.com/tr/?id=1&ev=PageView', vendors)).toEqual(['meta']);
    expect(claimedBy('https://region1.google-analytics.com/g/collect?v=2&tid=G-1', vendors)).toEqual(['ga4']);
  });

  test('keeps the catalog’s ids and order, and is the catalog itself without endpoints', () => {
    const vendors = withCustomEndpoints(catalog, { ga4: ['/sgtm/data'] }, SHOP);
    expect(vendors.map((v) => v.id)).toEqual(catalog.map((v) => v.id));
    expect(withCustomEndpoints(catalog, {}, SHOP)).toEqual(catalog);
    expect(withCustomEndpoints(catalog, undefined)).toEqual(catalog);
  });
});

describe('endpoint entries', () => {
  test.each(['/sgtm/data', '/', 'https://metrics.shop.example/g/collect', 'http://127.0.0.1:8080/sgtm'])('%s is usable', (entry) => {
    expect(endpointEntryProblem(entry)).toBeUndefined();
  });

  test.each([
    ['sgtm/data', /neither an absolute http\(s\) URL nor a path starting with '\/'/],
    ['metrics.shop.example/g/collect', /neither/],
    ['//metrics.shop.example/g/collect', /neither/],
    ['ftp://metrics.shop.example/g/collect', /ftp: URL; use http\(s\)/],
    ['', /neither/],
  ])('%j is refused, saying what is accepted', (entry, message) => {
    expect(endpointEntryProblem(entry)).toMatch(message);
  });

  test('withCustomEndpoints refuses an unusable entry, naming the vendor', () => {
    expect(() => withCustomEndpoints(catalog, { ga4: ['sgtm/data'] })).toThrow(/endpoints\.ga4: 'sgtm\/data' is neither/);
  });
});
