import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import hotjar from '../../../src/catalog/vendors/hotjar.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

interface CorpusCase { id: string; provider: string; url: string; expect: { account?: string } }
const corpus = JSON.parse(readFileSync(new URL('../../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url), 'utf8')) as {
  cases: CorpusCase[];
  patterns: { provider: string; url: string; expectMatch: boolean }[];
};

describe('hotjar decodes', () => {
  test.each(corpus.cases.filter((c) => c.provider === 'HOTJAR').map((c) => [c.id, c] as const))('corpus %s with the asserted account', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['hotjar']);
    const [event, ...rest] = decodeOk({ url: c.url }, [hotjar]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ vendor: 'hotjar', account: c.expect.account, eventName: 'Library Load', kind: 'other' });
    expect(event?.params).toEqual({ sv: '5' });
  });

  test('a visit-data call as a page view of the site in the path', () => {
    const body = JSON.stringify({ window_width: 1280, window_height: 800, url: 'https://shop.example/checkout', r_value: 1 });
    const [event] = decodeOk({ url: 'https://in.hotjar.com/api/v2/client/sites/3456789/visit-data?sv=7', method: 'POST', body }, [hotjar]);
    expect(event).toMatchObject({ vendor: 'hotjar', account: '3456789', eventName: 'visit-data', kind: 'pageview', params: { sv: '7' } });
  });

  test('another client API call as other', () => {
    const [event] = decodeOk({ url: 'https://in.hotjar.com/api/v2/client/sites/3456789/feedback/12/response', method: 'POST', body: '{}' }, [hotjar]);
    expect(event).toMatchObject({ account: '3456789', eventName: 'feedback', kind: 'other' });
  });
});

describe('hotjar claims', () => {
  test.each(corpus.patterns.filter((p) => p.provider === 'HOTJAR').map((p) => [p.url, p.expectMatch] as const))('corpus check %s (match: %s)', (url, expectMatch) => {
    expect(claimedBy(url, catalog)).toEqual(expectMatch ? ['hotjar'] : []);
  });

  test.each(['https://static.hotjar.com/c/hotjar-3456789.js?sv=6', 'https://in.hotjar.com/api/v2/client/sites/3456789/visit-data?sv=7'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['hotjar']);
    },
  );

  test.each([
    'https://script.hotjar.com/modules.2f7d1c8e7a5b4c3d2e1f.js',
    'https://vars.hotjar.com/box-469cf41adb11dc78be68c1ae7f9457a4.html',
    'https://static.hotjar.com/c/hotjar-abc.js',
    'https://www.hotjar.com/',
    'https://example.com/in.hotjar.com/api/v2/client/sites/1/visit-data',
  ])('not %s', (url) => {
    expect(claimedBy(url, [hotjar])).toEqual([]);
  });
});
