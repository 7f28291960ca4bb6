import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/adobe-analytics.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

// ---- Omnibug corpus (../shared/corpus): this vendor's provider cases and pattern checks ----
interface Fields { account?: string; requestType?: string; eventName?: string; transactionId?: string; value?: string | number }
interface CorpusCase { id: string; provider: string; url: string; method: string; body?: string; expect: Fields; omnibug: Fields & { matchedBy: string[]; ownPatternMatches: boolean } }
interface PatternCheck { provider: string; url: string; expectMatch: boolean; matchedBy: string[] }
const CORPUS_PATH = fileURLToPath(new URL('../../../../shared/corpus/tag-hits.omnibug.json', import.meta.url));
const corpus = existsSync(CORPUS_PATH)
  ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: CorpusCase[]; patterns: PatternCheck[] })
  : undefined;
const PROVIDERS: readonly string[] = ['ADOBEANALYTICS'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events[0]?.eventName ?? '';

function checkFields(events: VendorEvent[], fields: Fields, source: string): void {
  const [first] = events;
  if (fields.account !== undefined) expect(first?.account, `${source}.account`).toBe(fields.account);
  if (fields.requestType !== undefined) expect(requestTypeOf(events), `${source}.requestType`).toBe(fields.requestType);
  if (fields.eventName !== undefined) expect(first?.eventName, `${source}.eventName`).toBe(fields.eventName);
  if (fields.transactionId) expect(first?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
  if (fields.value !== undefined && fields.value !== '') expect(first?.value, `${source}.value`).toBe(Number(fields.value));
}

describe.runIf(corpus)('adobe-analytics: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['adobe-analytics']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'adobe-analytics')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['adobe-analytics']);
    else expect(claimedBy(p.url, catalog)).not.toContain('adobe-analytics');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('adobe-analytics decodes', () => {
  const base = 'https://smetrics.shop.example/b/ss/shopprod,shopglobal/10/JS-2.25.0/s12345678901234';
  test('a purchase page view: purchaseID, currency and revenue from products', () => {
    const query = new URLSearchParams({
      AQB: '1', ndh: '1', pageName: 'checkout:confirmation', events: 'purchase,event12=3', purchaseID: 'ORD-1001',
      cc: 'EUR', products: ';SKU1;2;39.80;;eVar5=red,;SKU2;1;9.95', mid: '123', vid: 'cust-42', AQE: '1',
    });
    const url = `${base}?${query}`;
    expect(claimedBy(url, catalog)).toEqual(['adobe-analytics']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'adobe-analytics', account: 'shopprod,shopglobal', eventName: 'Page View', kind: 'purchase',
        transactionId: 'ORD-1001', value: 49.75, currency: 'EUR', userIds: { visitorId: 'cust-42' },
      }),
    ]);
  });

  test('a POSTed link hit with context data', () => {
    const body = 'AQB=1&pageName=home&pe=lnk_o&pev2=nav%20click&c.&a.&activitymap.&page=home&.activitymap&.a&.c&AQE=1';
    const [event] = decodeOk({ url: base, method: 'POST', body }, catalog);
    expect(event).toMatchObject({ eventName: 'Other Click', kind: 'other', account: 'shopprod,shopglobal' });
    expect(event?.params['c.a.activitymap.page']).toBe('home');
  });
});

describe('adobe-analytics does not claim', () => {
  test.each([
    'https://assets.adobedtm.com/launch-EN123.min.js',
    'https://shop.dpm.demdex.net/id?d_visid_ver=5',
    'https://shop.tt.omtrdc.net/rest/v1/delivery?client=shop',
    'https://shop.example/b/ssx/rsid/1/',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
