import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/pinterest.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();
const PROVIDER = 'PINTERESTPIXEL';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  if (event.eventName === 'pagevisit') return 'Page View';
  return event.eventName.charAt(0).toUpperCase() + event.eventName.slice(1).split(/(?=[A-Z])/).join(' ');
}

const enc = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

describe('pinterest decodes', () => {
  test('a checkout with order id, value, currency, hashed e-mail and click id', () => {
    const ed = { value: 89.9, currency: 'EUR', order_quantity: 2, order_id: 'PIN-3003', event_id: 'ev-3003', line_items: [{ product_id: 'SKU1', product_price: 44.95 }] };
    const url = `https://ct.pinterest.com/v3/?event=checkout&ed=${enc(ed)}&tid=2612345678901&pd=${enc({ em: 'a'.repeat(64) })}&epik=dj0yJnU9abc&ad=${enc({ loc: 'https://shop.example/thanks', ref: '' })}&cb=1712345678901`;
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'pinterest',
      account: '2612345678901',
      eventName: 'checkout',
      kind: 'purchase',
      transactionId: 'PIN-3003',
      value: 89.9,
      currency: 'EUR',
      eventId: 'ev-3003',
      clickIds: { epik: 'dj0yJnU9abc' },
      userIds: { email: 'a'.repeat(64) },
    });
    expect(event?.params).toMatchObject({ 'ed[line_items][0][product_id]': 'SKU1', 'ad[loc]': 'https://shop.example/thanks' });
  });

  test('a page visit and an add to cart', () => {
    const [visit] = decodeOk({ url: 'https://ct.pinterest.com/v3/?tid=abc123&event=pagevisit&cb=1' }, [VENDOR]);
    expect(visit).toMatchObject({ eventName: 'pagevisit', kind: 'pageview' });
    const [cart] = decodeOk({ url: `https://ct.pinterest.com/v3/?tid=abc123&event=addtocart&ed=${enc({ value: 10, currency: 'USD' })}` }, [VENDOR]);
    expect(cart).toMatchObject({ eventName: 'addtocart', kind: 'other', value: 10 });
  });

  test('broken JSON event data is kept raw, not a decoder error', () => {
    const [event] = decodeOk({ url: 'https://ct.pinterest.com/v3/?tid=abc123&event=checkout&ed=%7B%22value%22%3A1' }, [VENDOR]);
    expect(event?.params.ed).toBe('{"value":1');
    expect(event?.value).toBeUndefined();
  });
});

describe('pinterest claims', () => {
  test.each(['https://ct.pinterest.com/v3/?tid=abc123&event=init', 'https://ct.pinterest.com/v3?tid=abc123&event=pagevisit'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['pinterest']);
    },
  );

  test.each([
    'https://ct.pinterest.com/user/?tid=1235871753249&cb=1233538014046',
    'https://ct.pinterest.com/v3/tags?tid=1',
    'https://s.pinimg.com/ct/core.js',
    'https://www.pinterest.com/v3/?tid=abc123&event=checkout',
    'https://ct.pinterest.com.evil.example/v3/?tid=1',
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
