import { describe, expect, test } from 'vitest';
import { createCatalog, decodeRunLog, defineVendor, matchVendor } from '../../src/catalog/index.ts';
import type { HitEvent, RunEvent } from '../../src/model/run-event.ts';
import { loadCatalog } from './helpers.ts';

const SHOP = 'https://shop.example';

const echo = defineVendor({
  id: 'echo',
  label: 'Echo',
  category: 'analytics',
  patterns: [/^https:\/\/echo\.example\/hit/],
  decode: (request, url) => [{ vendor: 'echo', eventName: url.searchParams.get('e') ?? '', kind: 'other', params: { path: url.pathname, ...(request.body ? { body: request.body } : {}) } }],
});

const broken = defineVendor({
  id: 'broken',
  label: 'Broken',
  category: 'analytics',
  patterns: [/^https:\/\/broken\.example\//],
  decode: () => {
    throw new Error('unexpected payload shape');
  },
});

describe('createCatalog', () => {
  test('two catalogs of the same vendors with different endpoints each claim by their own', async () => {
    const vendors = await loadCatalog();
    const sgtmIsGa4 = createCatalog(vendors, { endpoints: { ga4: ['/sgtm/data'] }, baseUrl: SHOP });
    const sgtmIsMeta = createCatalog(vendors, { endpoints: { meta: ['/sgtm/data'] }, baseUrl: SHOP });
    const plain = createCatalog(vendors);
    const url = `${SHOP}/sgtm/data?v=2&en=purchase`;
    // Asked in turns, so that nothing one catalog learnt can leak into the other's answers.
    for (let round = 0; round < 3; round++) {
      expect(sgtmIsGa4.claim(url)?.id).toBe('ga4');
      expect(sgtmIsMeta.claim(url)?.id).toBe('meta');
      expect(plain.claim(url)).toBeUndefined();
    }
    // A path endpoint belongs to the site: another host's same path is nobody's.
    expect(sgtmIsGa4.claim('https://elsewhere.example/sgtm/data?v=2')).toBeUndefined();
    // The vendors' own patterns still apply, after the endpoints.
    expect(sgtmIsMeta.claim('https://www.facebook.com/tr/?id=1&ev=Purchase')?.id).toBe('meta');
    expect(sgtmIsMeta.claim('https://region1.google-analytics.com/g/collect?v=2&tid=G-1')?.id).toBe('ga4');
    expect(sgtmIsGa4.decode({ url, method: 'GET' }).map((e) => [e.vendor, e.eventName])).toEqual([['ga4', 'purchase']]);
  });

  test('claims exactly what trying the vendors one by one claims, on the real catalog', async () => {
    const vendors = await loadCatalog();
    const catalog = createCatalog(vendors);
    const urls = [
      'https://region1.google-analytics.com/g/collect?v=2&tid=G-1',
      'https://www.facebook.com/tr/?id=1&ev=Microdata',
      'https://www.facebook.com/tr/?id=1&ev=Purchase',
      'https://ad.doubleclick.net/activity;src=1;type=a;cat=b;ord=1?',
      'HTTPS://WWW.FACEBOOK.COM/tr/?id=1&ev=Purchase',
      'https://shop.example/assets/app.js?v=3',
      'not a url',
      '',
    ];
    for (const url of urls) expect(catalog.claim(url)?.id, url).toBe(matchVendor(url, vendors));
  });

  test('holds the vendors it claims with, ids and order kept, and finds them by id', async () => {
    const vendors = await loadCatalog();
    const catalog = createCatalog(vendors, { endpoints: { ga4: ['/sgtm/data'] }, baseUrl: SHOP });
    expect(catalog.vendors.map((v) => v.id)).toEqual(vendors.map((v) => v.id));
    expect(catalog.vendor('ga4')?.patterns.length).toBe(vendors.find((v) => v.id === 'ga4')!.patterns.length + 1);
    expect(catalog.vendor('nobody')).toBeUndefined();
    expect(() => createCatalog(vendors, { endpoints: { ga4: ['sgtm/data'] } })).toThrow(/endpoints\.ga4: 'sgtm\/data' is neither/);
  });

  test('decode with a vendor id decodes with that vendor, without classifying the request again', () => {
    const catalog = createCatalog([broken, echo]);
    // echo's patterns would never claim this URL: only the id says it is echo's.
    const request = { url: 'https://first-party.shop.example/collect?e=purchase', method: 'POST', body: 'x=1' };
    expect(catalog.claim(request.url)).toBeUndefined();
    expect(catalog.decode(request)).toEqual([]);
    expect(catalog.decode(request, 'echo')).toEqual([{ vendor: 'echo', eventName: 'purchase', kind: 'other', params: { path: '/collect', body: 'x=1' } }]);
  });

  test('decode never throws: a failing decoder, an unknown vendor id, a URL that does not parse are messages', () => {
    const catalog = createCatalog([broken, echo]);
    const errors: string[] = [];
    expect(catalog.decode({ url: 'https://broken.example/collect', method: 'POST' }, undefined, errors)).toEqual([]);
    expect(catalog.decode({ url: 'https://echo.example/hit?e=1' }, 'gone', errors)).toEqual([]);
    expect(catalog.decode({ url: 'not a url' }, 'echo', errors)).toEqual([]);
    expect(catalog.decode({ url: 'not a url' })).toEqual([]);
    expect(errors).toEqual([
      'vendor "broken" could not decode POST https://broken.example/collect: unexpected payload shape',
      'no vendor "gone" in the catalog: GET https://echo.example/hit?e=1 not decoded',
      'vendor "echo" could not decode GET not a url: not a URL',
    ]);
  });

  test('personal data in a decoded request is flagged, whether claimed or named', () => {
    const catalog = createCatalog([echo]);
    const request = { url: 'https://echo.example/hit?e=lead&em=jane.doe@mail.example' };
    expect(catalog.decode(request)[0]?.pii).toEqual({ emails: ['jane.doe@mail.example'], phones: [] });
    expect(catalog.decode(request, 'echo')[0]?.pii).toEqual({ emails: ['jane.doe@mail.example'], phones: [] });
  });
});

describe('decodeRunLog', () => {
  const time = '2025-01-01T00:00:00.000Z';
  const hit = (url: string, vendor?: string): HitEvent => ({ type: 'hit', time, journeyId: 'j1', url, method: 'GET', status: 'captured', ...(vendor ? { vendor } : {}) });
  const journey = (events: RunEvent[]): RunEvent[] => [
    { type: 'journey-start', time, journeyId: 'j1', scenario: 'purchase', condition: 'baseline', repeat: 1 },
    ...events,
    { type: 'journey-end', time, journeyId: 'j1', status: 'passed', networkHosts: {} },
  ];

  test('decodes each hit with the vendor recorded at capture, and classifies only hits without one (older run logs)', () => {
    const catalog = createCatalog([echo]);
    const diagnostics: string[] = [];
    const [record] = decodeRunLog(
      journey([hit('https://first-party.shop.example/collect?e=by-id', 'echo'), hit('https://echo.example/hit?e=claimed'), hit('https://shop.example/app.js')]),
      catalog,
      diagnostics,
    );
    expect(record!.hits.map((h) => h.events.map((e) => e.eventName))).toEqual([['by-id'], ['claimed'], []]);
    expect(diagnostics).toEqual([]);
  });

  test('hits of a vendor the catalog does not have are one diagnostic line per vendor, not a crash', () => {
    const catalog = createCatalog([echo]);
    const diagnostics: string[] = [];
    const [record] = decodeRunLog(journey([hit('https://acme.example/t?e=1', 'acme'), hit('https://acme.example/t?e=2', 'acme'), hit('https://echo.example/hit?e=ok', 'echo')]), catalog, diagnostics);
    expect(record!.hits.map((h) => h.events.length)).toEqual([0, 0, 1]);
    expect(diagnostics).toEqual([expect.stringMatching(/^run log: 2 hits captured as vendor "acme" not decoded: the catalog has no such vendor now \(known: echo\)/)]);
  });

  test("a failing decoder is a diagnostic line; the capture's collector failures are said once per collector, hook and message", () => {
    const catalog = createCatalog([broken]);
    const diagnostics: string[] = [];
    const failure = { type: 'diagnostic', time, collector: 'datalayer', hook: 'addContext', message: 'binding already registered' } as const;
    decodeRunLog(
      [
        ...journey([hit('https://broken.example/x', 'broken'), { ...failure, journeyId: 'j1' }]),
        { ...failure, journeyId: 'j2' },
        { type: 'diagnostic', time, collector: 'network', hook: 'detach', message: 'session gone' },
      ],
      catalog,
      diagnostics,
    );
    expect(diagnostics).toEqual([
      'vendor "broken" could not decode GET https://broken.example/x: unexpected payload shape',
      'capture: the datalayer collector failed in addContext in 2 journeys (j1, j2): binding already registered',
      'capture: the network collector failed in detach: session gone',
    ]);
  });
});
