import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/matomo.ts';
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
const PROVIDERS: readonly string[] = ['MATOMO'];
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

describe.runIf(corpus)('matomo: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['matomo']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'matomo')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['matomo']);
    else expect(claimedBy(p.url, catalog)).not.toContain('matomo');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('matomo decodes', () => {
  test('an order: ec_id, revenue, tracker host as account', () => {
    const url =
      'https://analytics.shop.example/matomo.php?idgoal=0&ec_id=ORD-3&revenue=42.5&ec_st=40&ec_sh=2.5&ec_items=%5B%5B%22SKU1%22%2C%22Mug%22%2C%22Kitchen%22%2C20%2C2%5D%5D' +
      '&idsite=3&rec=1&uid=user-7&url=https%3A%2F%2Fshop.example%2Fthanks';
    expect(claimedBy(url, catalog)).toEqual(['matomo']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'matomo', account: 'analytics.shop.example', eventName: 'Ecommerce', kind: 'purchase', transactionId: 'ORD-3',
        value: 42.5, userIds: { userId: 'user-7' },
      }),
    ]);
  });

  test('a cart update is not a purchase; a bulk POST gives one event per hit', () => {
    const [cart] = decodeOk({ url: 'https://analytics.shop.example/matomo.php?idgoal=0&revenue=20&idsite=3&rec=1' }, catalog);
    expect(cart).toMatchObject({ eventName: 'Ecommerce', kind: 'other', value: 20 });
    const body = JSON.stringify({ requests: ['?idsite=3&rec=1&action_name=Home', '?idsite=3&rec=1&e_c=video&e_a=play'] });
    const events = decodeOk({ url: 'https://analytics.shop.example/matomo.php', method: 'POST', body }, catalog);
    expect(events.map((e) => [e.eventName, e.kind])).toEqual([['Page View', 'pageview'], ['Custom Event', 'other']]);
  });
});

describe('matomo does not claim', () => {
  test.each([
    'https://analytics.shop.example/matomo.js',
    'https://stats.shop.example/ppms.php?idsite=1',
    'https://shop.piwik.pro/piwik.php?idsite=1',
    'https://shop.example/notmatomo.php?idsite=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
