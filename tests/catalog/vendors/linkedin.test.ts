import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/linkedin.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

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

// ---- Omnibug corpus (../shared/corpus/tag-hits.omnibug.json) for PROVIDER ----
interface Normalised { account?: string; requestType?: string; eventName?: string; transactionId?: string; value?: string | number; currency?: string }
interface CorpusCase { id: string; provider: string; url: string; method: string; body?: string; expect: Normalised & { params?: Record<string, unknown> }; omnibug: Normalised & { matchedBy: string[]; ownPatternMatches: boolean } }
interface PatternCheck { provider: string; url: string; expectMatch: boolean; matchedBy: string[] }
const CORPUS_PATH = fileURLToPath(new URL('../../../../shared/corpus/tag-hits.omnibug.json', import.meta.url));
const corpus = existsSync(CORPUS_PATH) ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: CorpusCase[]; patterns: PatternCheck[] }) : undefined;
const ownCases = (corpus?.cases ?? []).filter((c) => c.provider === PROVIDER && c.omnibug.ownPatternMatches);

function expectNormalised(event: VendorEvent | undefined, fields: Normalised, source: string): void {
  if (fields.account !== undefined) expect(event?.account, `${source}.account`).toBe(fields.account);
  if (fields.requestType !== undefined && event) expect(requestTypeOf(event), `${source}.requestType`).toBe(fields.requestType);
  if (fields.eventName !== undefined) expect(event?.eventName, `${source}.eventName`).toBe(fields.eventName);
  if (fields.transactionId !== undefined) expect(event?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
  if (fields.value !== undefined) expect(event?.value, `${source}.value`).toBe(Number(fields.value));
  if (fields.currency !== undefined) expect(event?.currency, `${source}.currency`).toBe(fields.currency);
}

describe.runIf(corpus)(`${PROVIDER} corpus`, () => {
  test('has cases', () => {
    expect(ownCases.length).toBeGreaterThan(0);
  });

  test.each(ownCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual([VENDOR.id]);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === VENDOR.id)).toBe(true);
    expectNormalised(events[0], c.expect, 'expect');
    expectNormalised(events[0], c.omnibug, 'omnibug');
    // Asserted raw params that we keep under Omnibug's name (Omnibug-derived keys like requestType aside).
    for (const [key, value] of Object.entries(c.expect.params ?? {})) {
      if (key in (events[0]?.params ?? {})) expect(events[0]?.params[key], `params.${key}`).toBe(String(value));
    }
  });

  test.each((corpus?.patterns ?? []).filter((p) => p.provider === PROVIDER).map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))(
    '%s',
    (_name, { url, expectMatch }) => {
      if (expectMatch) expect(claimedBy(url, catalog)).toEqual([VENDOR.id]);
      else expect(claimedBy(url, [VENDOR])).toEqual([]);
    },
  );

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((entry) => claimedBy(entry.url, [VENDOR]).length > 0 && !(('omnibug' in entry ? entry.omnibug.matchedBy : entry.matchedBy) as string[]).includes(PROVIDER));
    expect(greedy.map((entry) => entry.url)).toEqual([]);
  });
});
