import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import clarity from '../../../src/catalog/vendors/clarity.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

interface CorpusCase { id: string; provider: string; url: string; expect: { account?: string } }
const corpus = JSON.parse(readFileSync(new URL('../../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url), 'utf8')) as {
  cases: CorpusCase[];
  patterns: { provider: string; url: string; expectMatch: boolean }[];
};

describe('clarity decodes', () => {
  test.each(corpus.cases.filter((c) => c.provider === 'MSCLARITY').map((c) => [c.id, c] as const))('corpus %s with the asserted account', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['clarity']);
    const [event, ...rest] = decodeOk({ url: c.url }, [clarity]);
    expect(rest).toEqual([]);
    expect(event).toEqual({ vendor: 'clarity', account: c.expect.account, eventName: 'Library Load', kind: 'other', params: {} });
  });

  test('the loader with a query, as the snippet requests it', () => {
    const [event] = decodeOk({ url: 'https://www.clarity.ms/tag/k2x9abcd1e?ref=gtm2' }, [clarity]);
    expect(event).toMatchObject({ account: 'k2x9abcd1e', params: { ref: 'gtm2' } });
  });
});

describe('clarity claims', () => {
  test.each(corpus.patterns.filter((p) => p.provider === 'MSCLARITY').map((p) => [p.url, p.expectMatch] as const))('corpus check %s (match: %s)', (url, expectMatch) => {
    if (expectMatch) expect(claimedBy(url, catalog)).toEqual(['clarity']);
    else expect(claimedBy(url, catalog)).not.toContain('clarity');
  });

  test.each(['https://www.clarity.ms/tag/k2x9abcd1e', 'https://www.clarity.ms/tag/k2x9abcd1e?ref=gtm2'])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['clarity']);
  });

  test.each([
    // Session uploads: binary payloads Omnibug does not claim either (and GA4 excludes).
    'https://e.clarity.ms/collect',
    'https://k.clarity.ms/collect',
    'https://www.clarity.ms/s/0.7.47/clarity.js',
    'https://www.clarity.ms/tag/',
    'https://clarity.microsoft.com/projects/view/k2x9abcd1e',
    'https://example.com/www.clarity.ms/tag/k2x9abcd1e',
  ])('not %s', (url) => {
    expect(claimedBy(url, [clarity])).toEqual([]);
  });
});
