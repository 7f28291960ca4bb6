import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/piano-analytics.ts';
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
const PROVIDERS: readonly string[] = ['ATINTERNET', 'PIANO'];
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

describe.runIf(corpus)('piano-analytics: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['piano-analytics']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'piano-analytics')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['piano-analytics']);
    else expect(claimedBy(p.url, catalog)).not.toContain('piano-analytics');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('piano-analytics decodes', () => {
  test('a Piano Analytics transaction.confirmation POST', () => {
    const body = JSON.stringify({
      events: [
        { name: 'page.display', data: { page: 'confirmation', page_chapter1: 'checkout' } },
        { name: 'transaction.confirmation', data: { transaction_id: 'ORD-12', cart_id: 'C-12', cart_turnovertaxincluded: 120.5, cart_currency: 'EUR', user_id: 'u-9' } },
      ],
    });
    const url = 'https://abcdefg.pa-cd.com/event?s=612345&idclient=3b2f7e6a-1111-2222-3333-444455556666';
    expect(claimedBy(url, catalog)).toEqual(['piano-analytics']);
    const events = decodeOk({ url, method: 'POST', body }, catalog);
    expect(events.map((e) => [e.eventName, e.kind])).toEqual([['page.display', 'pageview'], ['transaction.confirmation', 'purchase']]);
    expect(events[1]).toMatchObject({ account: '612345', transactionId: 'ORD-12', value: 120.5, currency: 'EUR', userIds: { userId: 'u-9' } });
  });

  test('an AT Internet order hit', () => {
    const [event] = decodeOk({ url: 'https://logc123.xiti.com/hit.xiti?s=598308&p=checkout::confirmation&cmd=ORD-4&roimt=35.9&idclient=x' }, catalog);
    expect(event).toMatchObject({ account: '598308', eventName: 'Page View', kind: 'purchase', transactionId: 'ORD-4', value: 35.9 });
  });
});

describe('piano-analytics does not claim', () => {
  test.each([
    'https://tag.aticdn.net/piano-analytics.js',
    'https://shop.example/event?s=1',
    'https://logc123.xiti.com/hit.xitix?s=1',
    'https://sslwidget.criteo.com/event?a=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
