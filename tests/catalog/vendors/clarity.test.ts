import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeRequest } from '../../../src/catalog/decode.ts';
import clarity from '../../../src/catalog/vendors/clarity.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';
import { claimedOnPurpose } from '../omnibug-differences.ts';

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

/** An upload as clarity-js builds it: `{"e": envelope, "a": analysis events}` (upload.ts stringify). */
function upload(envelope: unknown[]): string {
  return `{"e":${JSON.stringify(envelope)},"a":[[1712,27,"https://shop.example/thank-you"],[1713,4,1920,1080]]}`;
}
// version, sequence, start, duration, projectId, userId, sessionId, pageNum, upload (0 async, 1 beacon), end
const firstUpload = upload(['0.7.47', 1, 0, 1520, 'k2x9abcd1e', '1q2w3e', '4r5t6y', 1, 0, 0]);
const lastBeacon = upload(['0.7.47', 4, 9100, 2200, 'k2x9abcd1e', '1q2w3e', '4r5t6y', 1, 1, 1]);

describe('clarity decodes its session uploads', () => {
  test('the first upload of a page sent as plain JSON (a retry) is its page view, of the project in the envelope', () => {
    const [event, ...rest] = decodeOk({ url: 'https://e.clarity.ms/collect', method: 'POST', body: firstUpload }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'clarity', account: 'k2x9abcd1e', eventName: 'Page View', kind: 'pageview', eventId: '1q2w3e.4r5t6y.1.1',
      params: { sequence: '1', projectId: 'k2x9abcd1e', sessionId: '4r5t6y', pageNum: '1', end: '0' },
    });
  });

  test('the final beacon: the project, no second page view', () => {
    const [event] = decodeOk({ url: 'https://k.clarity.ms/collect', method: 'POST', body: lastBeacon }, catalog);
    expect(event).toMatchObject({ vendor: 'clarity', account: 'k2x9abcd1e', eventName: 'Upload (last)', kind: 'other', params: { sequence: '4', end: '1', upload: '1' } });
  });

  test('a compressed upload is Clarity traffic of an unknown project', () => {
    const [event] = decodeOk({ url: 'https://e.clarity.ms/collect', method: 'POST', body: '\u001f\ufffd\b\u0000\u0000\u0000' }, catalog);
    expect(event).toEqual({ vendor: 'clarity', eventName: 'Upload (compressed)', kind: 'other', params: {} });
  });

  test('JSON that is no upload is a decode error naming what was expected', () => {
    const { errors } = decodeRequest({ url: 'https://e.clarity.ms/collect', method: 'POST', body: '{"a":[]}' }, catalog);
    expect(errors).toEqual([expect.stringContaining('expected an upload {"e": [version, sequence, start, duration, projectId, ...]}')]);
  });
});

describe('clarity claims', () => {
  test.each(corpus.patterns.filter((p) => p.provider === 'MSCLARITY').map((p) => [p.url, p.expectMatch] as const))('corpus check %s (match: %s)', (url, expectMatch) => {
    if (expectMatch) expect(claimedBy(url, catalog)).toEqual(['clarity']);
    else if (!claimedOnPurpose(url, 'clarity')) expect(claimedBy(url, catalog)).not.toContain('clarity');
  });

  test.each([
    'https://www.clarity.ms/tag/k2x9abcd1e',
    'https://www.clarity.ms/tag/k2x9abcd1e?ref=gtm2',
    // Session uploads: plain JSON (last beacon, retries) or compressed.
    'https://e.clarity.ms/collect',
    'https://k.clarity.ms/collect',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['clarity']);
  });

  test.each([
    'https://www.clarity.ms/s/0.7.47/clarity.js',
    'https://e.clarity.ms/collector',
    'https://example.com/e.clarity.ms/collect',
    'https://www.clarity.ms/tag/',
    'https://clarity.microsoft.com/projects/view/k2x9abcd1e',
    'https://example.com/www.clarity.ms/tag/k2x9abcd1e',
  ])('not %s', (url) => {
    expect(claimedBy(url, [clarity])).toEqual([]);
  });
});
