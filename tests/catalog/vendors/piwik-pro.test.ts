import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/piwik-pro.ts';
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
const PROVIDERS: readonly string[] = ['PIWIKPRO'];
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

describe.runIf(corpus)('piwik-pro: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['piwik-pro']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'piwik-pro')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['piwik-pro']);
    else expect(claimedBy(p.url, catalog)).not.toContain('piwik-pro');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('piwik-pro decodes', () => {
  test('an order on the Piwik PRO cloud', () => {
    const url = 'https://shop.piwik.pro/ppms.php?idgoal=0&ec_id=ORD-8&revenue=99.99&idsite=6f1c2a5e-1111-2222-3333-444455556666&rec=1&uid=u-1';
    expect(claimedBy(url, catalog)).toEqual(['piwik-pro']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'piwik-pro', account: 'shop.piwik.pro', eventName: 'Ecommerce', kind: 'purchase', transactionId: 'ORD-8', value: 99.99,
      }),
    ]);
  });

  test('a POSTed page view, and the legacy piwik.php on Piwik PRO hosts', () => {
    const [view] = decodeOk({ url: 'https://shop.piwik.pro/ppms.php', method: 'POST', body: 'action_name=Home&idsite=1&rec=1' }, catalog);
    expect(view).toMatchObject({ eventName: 'Page View', kind: 'pageview' });
    expect(claimedBy('https://shop.piwik.pro/piwik.php?idsite=1&rec=1', catalog)).toEqual(['piwik-pro']);
  });
});

describe('piwik-pro does not claim', () => {
  test.each([
    'https://shop.piwik.pro/containers/aaa123cc-4f49-11e7-963e-000d3a2a4aaa.js',
    'https://shop.piwik.pro/ppms.js',
    'https://analytics.shop.example/matomo.php?idsite=1',
    'https://analytics.shop.example/piwik.php?idsite=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
