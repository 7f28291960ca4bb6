import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/reddit.ts';
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
const PROVIDERS: readonly string[] = ['REDDITPIXEL'];
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

describe.runIf(corpus)('reddit: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['reddit']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'reddit')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['reddit']);
    else expect(claimedBy(p.url, catalog)).not.toContain('reddit');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('reddit decodes', () => {
  test('a purchase', () => {
    const url =
      'https://alb.reddit.com/rp.gif?ts=1712345678901&id=t2_abc123&event=Purchase&m.itemCount=2&m.value=&m.valueDecimal=89.5' +
      '&m.currency=EUR&m.transactionId=ORD-55&m.conversionId=purchase-ORD-55&uuid=1712345678.c6959068&em=b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514' +
      '&external_id=&integration=reddit&opt_out=0&sh=1080&sw=1920&v=rdt_c9439d84&rdt_cid=1234567890123456789';
    expect(claimedBy(url, catalog)).toEqual(['reddit']);
    expect(decodeOk({ url }, catalog)).toEqual([
      expect.objectContaining({
        vendor: 'reddit', account: 't2_abc123', eventName: 'Purchase', kind: 'purchase', value: 89.5, currency: 'EUR',
        transactionId: 'ORD-55', eventId: 'purchase-ORD-55', clickIds: { rdt_cid: '1234567890123456789' },
      }),
    ]);
  });

  test('a page visit, and a custom event under its own name', () => {
    const [visit] = decodeOk({ url: 'https://alb.reddit.com/rp.gif?id=t2_abc123&event=PageVisit' }, catalog);
    expect(visit).toMatchObject({ eventName: 'PageVisit', kind: 'pageview' });
    const [custom] = decodeOk({ url: 'https://alb.reddit.com/rp.gif?id=t2_abc123&event=Custom&m.customEventName=Quiz' }, catalog);
    expect(custom).toMatchObject({ eventName: 'Quiz', kind: 'other' });
  });
});

describe('reddit does not claim', () => {
  test.each([
    'https://www.redditstatic.com/ads/pixel.js',
    'https://www.reddit.com/r/analytics/',
    'https://alb.reddit.com/rp.gifx?id=1',
    'https://notreddit.com/rp.gif?id=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
