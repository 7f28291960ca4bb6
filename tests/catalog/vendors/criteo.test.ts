import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/criteo.ts';
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
const PROVIDERS: readonly string[] = ['CRITEOONETAG'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events.map((e) => ({ vh: 'Homepage', vl: 'Search Listing View', vp: 'Product View', vb: 'Cart View', vc: 'Purchase' })[e.eventName] ?? e.eventName).join(' | ');

function checkFields(events: VendorEvent[], fields: Fields, source: string): void {
  const [first] = events;
  if (fields.account !== undefined) expect(first?.account, `${source}.account`).toBe(fields.account);
  if (fields.requestType !== undefined) expect(requestTypeOf(events), `${source}.requestType`).toBe(fields.requestType);
  if (fields.eventName !== undefined) expect(first?.eventName, `${source}.eventName`).toBe(fields.eventName);
  if (fields.transactionId) expect(first?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
  if (fields.value !== undefined && fields.value !== '') expect(first?.value, `${source}.value`).toBe(Number(fields.value));
}

describe.runIf(corpus)('criteo: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['criteo']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'criteo')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['criteo']);
    else expect(claimedBy(p.url, catalog)).not.toContain('criteo');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('criteo decodes', () => {
  test('a transaction with items, currency and hashed e-mail', () => {
    const p0 = new URLSearchParams({ e: 'exd', site_type: 'd' }).toString();
    const p1 = new URLSearchParams({ e: 'ce', m: '[5d41402abc4b2a76b9719d911017c592]' }).toString();
    const p2 = new URLSearchParams({ e: 'vc', id: 'ORD-77', c: 'EUR', p: '[i=SKU1&pr=19.9&q=2,i=SKU2&pr=10.2&q=1]' }).toString();
    const url = `https://sslwidget.criteo.com/event?a=98765&v=5.23.0&${new URLSearchParams({ p0, p1, p2 })}&tld=shop.example`;
    expect(claimedBy(url, catalog)).toEqual(['criteo']);
    const events = decodeOk({ url }, catalog);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      vendor: 'criteo', account: '98765', eventName: 'vc', kind: 'purchase', transactionId: 'ORD-77', value: 50, currency: 'EUR',
      userIds: { email: '[5d41402abc4b2a76b9719d911017c592]' },
    });
    expect(events[0]?.params['exd.site_type']).toBe('d');
  });

  test('a product view is a page view with no value', () => {
    const p0 = new URLSearchParams({ e: 'vp', p: 'SKU1' }).toString();
    const [event] = decodeOk({ url: `https://sslwidget.criteo.com/event?a=98765&${new URLSearchParams({ p0 })}` }, catalog);
    expect(event).toMatchObject({ eventName: 'vp', kind: 'pageview' });
    expect(event?.value).toBeUndefined();
  });
});

describe('criteo does not claim', () => {
  test.each([
    'https://static.criteo.net/js/ld/ld.js?a=98765',
    'https://dis.criteo.com/dis/usersync.aspx?r=1',
    'https://gum.criteo.com/sync?c=1',
    'https://sslwidget.criteo.com/eventually?a=1',
    'https://notcriteo.com/event?a=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
