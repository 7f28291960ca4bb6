import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createClaimIndex } from '../../src/catalog/claim-index.ts';
import { matchVendor } from '../../src/catalog/decode.ts';
import { withCustomEndpoints } from '../../src/catalog/custom-endpoints.ts';
import { defineVendor, vendorClaims, type VendorDefinition } from '../../src/catalog/define-vendor.ts';
import { loadCatalog } from './helpers.ts';

// The index must answer exactly what trying the vendors one by one answers, whatever the patterns.
const oneByOne = (vendors: readonly VendorDefinition[], href: string) => vendors.find((vendor) => vendorClaims(vendor, href))?.id;
// One index per list, as a catalog builds it once.
const indexes = new WeakMap<readonly VendorDefinition[], ReturnType<typeof createClaimIndex>>();
const indexed = (vendors: readonly VendorDefinition[], href: string) => {
  if (!indexes.has(vendors)) indexes.set(vendors, createClaimIndex(vendors));
  return indexes.get(vendors)!(href)?.id;
};

const vendor = (id: string, patterns: RegExp[], excludes?: RegExp[]) => defineVendor({ id, label: id, category: 'analytics', patterns, excludes, decode: () => [] });

/** Patterns the index must not split or merge wrongly: each is a trap for one of its shortcuts. */
const TRAPS = [
  vendor('slash-in-class', [/^https?:\/\/[a-z.\/]+\/x/]),
  vendor('range-over-slash', [/^https?:\/\/[!-0a-z]+\/x/]),
  vendor('quantified-slash', [/^https?:\/\/a\.example\/?x/]),
  vendor('lookahead-host', [/^https?:\/\/(?=a)[a-z.]+\/y/]),
  vendor('any-char-host', [/^https?:\/\/.+\/z/]),
  vendor('negated-without-slash', [/^https?:\/\/[^?#]+\/w/]),
  vendor('unanchored', [/\/collect\?v=2/]),
  vendor('top-level-alternation', [/^https:\/\/a\.example\/p|\/q$/]),
  vendor('case-insensitive', [/^https?:\/\/A\.EXAMPLE\/i/i]),
  vendor('global', [/^https?:\/\/g\.example\//g]),
  vendor('sticky', [/https?:\/\/s\.example\//y]),
  vendor('back-reference', [/^https?:\/\/(x)\1\.example\//]),
  vendor('named-group', [/^https?:\/\/(?<h>n)\.example\//]),
  vendor('captures', [/^https?:\/\/(c)(\.example)\/(p)/]),
  vendor('excluded-first', [/^https?:\/\/e\.example\//], [/skip/]),
  vendor('takes-the-excluded', [/^https?:\/\/e\.example\/skip/]),
  vendor('http-only', [/^http:\/\/h\.example\//]),
  vendor('empty-host', [/^https?:\/\/\/triple/]),
  vendor('slash-in-group', [/^https?:\/\/(?:a\/b|c)\.example\//]),
  vendor('port', [/^https?:\/\/p\.example(?::\d+)?\/port/]),
  vendor('multiline', [/^https?:\/\/m\.example\/$/m]),
  vendor('word-boundary', [/^https?:\/\/b\.example\b\/b/]),
  vendor('suffix-host', [/^https?:\/\/(?:[^/?#]*\.)?s\.example\/suffix/, /^https?:\/\/[\w-]+(?:\.[\w-]+)*\.t\.example\/t/]),
  vendor('anchored-in-rest', [/^https?:\/\/a\.example\/^never/]),
  vendor('end-in-rest', [/^https?:\/\/a\.example\/end$/]),
];

const HOSTS = ['a.example', 'e.example', 'xx.example', 'x.example', 'n.example', 'c.example', 'A.EXAMPLE', 'g.example', 's.example', 'x.s.example', 'a.t.example', 'p.example', 'p.example:8080', 'h.example', 'm.example', 'b.example', 'user@a.example', '', 'a.example?q', 'c.example.evil', 'a/b.example'];
const PATHS = ['', '/', '/x', '/y', '/z', '/w', '/p', '/q', '/i', '/skip', '/collect?v=2', '/port', '/triple', '//triple', '/x/y?z#w', '/suffix', '/t', '/b', '/end', '/end?', '/^never', '/g/collect?v=2&en=purchase', '/tr/?id=1&ev=Purchase'];

function urls(): string[] {
  const all: string[] = [];
  for (const scheme of ['https://', 'http://', 'HTTPS://', 'ftp://', ' https://']) {
    for (const host of HOSTS) for (const path of PATHS) all.push(`${scheme}${host}${path}`);
  }
  return all;
}

describe('createClaimIndex', () => {
  test('agrees with trying the vendors one by one, on patterns that defeat each shortcut', () => {
    const orders = [TRAPS, [...TRAPS].reverse()];
    for (const vendors of orders) {
      const disagreements = urls().filter((href) => indexed(vendors, href) !== oneByOne(vendors, href));
      expect(disagreements).toEqual([]);
    }
    // The traps do claim things, so the comparison is not vacuous.
    expect(new Set(urls().map((href) => indexed(TRAPS, href))).size).toBeGreaterThan(15);
  });

  test('agrees with trying the vendors one by one on the real catalog, with and without custom endpoints', async () => {
    const catalog = await loadCatalog();
    const custom = withCustomEndpoints(catalog, { ga4: ['https://metrics.shop.example/g/collect', '/sgtm/data'], 'piwik-pro': ['https://analytics.shop.example/matomo.php'] }, 'https://shop.example');
    const corpusPath = fileURLToPath(new URL('../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url));
    const corpus = existsSync(corpusPath) ? (JSON.parse(readFileSync(corpusPath, 'utf8')) as { cases: { url: string }[]; patterns: { url: string }[] }) : { cases: [], patterns: [] };
    const hrefs = [
      ...urls(),
      ...[...corpus.cases, ...corpus.patterns].map((entry) => entry.url),
      'https://region1.google-analytics.com/g/collect?v=2&tid=G-1',
      'https://stats.g.doubleclick.net/g/collect?v=2',
      'https://www.facebook.com/tr/?id=1&ev=Microdata',
      'https://ad.doubleclick.net/activity;src=1;type=a;cat=b;dc_pre=1;ord=1?',
      'https://analytics.shop.example/matomo.php?idsite=3',
      'https://metrics.shop.example/g/collect?v=2',
      'https://shop.example/sgtm/data?v=2',
      'https://events.eu1.segmentapis.com/v1/t',
      'https://shop.example/assets/app.js?v=3',
    ];
    for (const vendors of [catalog, custom]) {
      expect(hrefs.filter((href) => indexed(vendors, href) !== oneByOne(vendors, href))).toEqual([]);
    }
    expect(indexed(catalog, 'https://www.facebook.com/tr/?id=1&ev=Purchase')).toBe('meta');
    expect(indexed(custom, 'https://analytics.shop.example/matomo.php?idsite=3')).toBe('piwik-pro');
  });

  test('an index keeps the list it was built from; matchVendor, which keeps nothing, sees the list as it is now', () => {
    const vendors = [vendor('a', [/^https:\/\/a\.example\//])];
    const index = createClaimIndex(vendors);
    expect(index('https://b.example/')).toBeUndefined();
    vendors.push(vendor('b', [/^https:\/\/b\.example\//]));
    expect(index('https://b.example/')).toBeUndefined();
    expect(matchVendor('https://b.example/', vendors)).toBe('b');
    vendors[1] = vendor('c', [/^https:\/\/b\.example\//]);
    expect(matchVendor('https://b.example/', vendors)).toBe('c');
    expect(createClaimIndex(vendors)('https://b.example/')?.id).toBe('c');
  });

  test('stays right past the per-authority cache limit (a log with many hosts)', () => {
    const index = createClaimIndex([vendor('any', [/^https?:\/\/[^/?#]+\/g\/collect(?:[/?#]|$)/]), vendor('one', [/^https?:\/\/one\.example\/hit/])]);
    for (let i = 0; i < 10_050; i++) expect(index(`https://h${i}.example/g/collect?v=2`)?.id).toBe('any');
    expect(index('https://one.example/hit')?.id).toBe('one');
    expect(index('https://h1.example/hit')).toBeUndefined();
  });
});
