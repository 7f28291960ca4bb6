import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/bing-uet.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();
const PROVIDER = 'BINGUET';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  const evt = event.params.evt ?? 'other';
  return evt === 'pageLoad' ? 'Page View' : evt.charAt(0).toUpperCase() + evt.slice(1);
}

describe('bing-uet decodes', () => {
  test('a purchase custom event with revenue, currency and click id', () => {
    const url = 'https://bat.bing.com/action/0?ti=187654321&Ver=2&mid=abc-123&evt=custom&ea=purchase&ec=ecommerce&el=checkout&gv=79.95&gc=EUR&msclkid=6f1e2d3c4b5a&p=https%3A%2F%2Fshop.example%2Fthanks&rn=1';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'bing-uet',
      account: '187654321',
      eventName: 'purchase',
      kind: 'purchase',
      value: 79.95,
      currency: 'EUR',
      clickIds: { msclkid: '6f1e2d3c4b5a' },
    });
  });

  test('a page load on bat.bing.net; msclkid=N is no click id', () => {
    const [event] = decodeOk({ url: 'https://bat.bing.net/action/0?ti=187654321&Ver=2&evt=pageLoad&msclkid=N&p=https%3A%2F%2Fshop.example%2F' }, catalog);
    expect(event).toMatchObject({ vendor: 'bing-uet', eventName: 'pageLoad', kind: 'pageview' });
    expect(event?.clickIds).toBeUndefined();
    expect(event?.params.msclkid).toBe('N');
  });

  test('a custom event without an action is named by its type', () => {
    const [event] = decodeOk({ url: 'https://bat.bing.com/action/0?ti=1&evt=custom&ec=video&el=intro' }, [VENDOR]);
    expect(event).toMatchObject({ eventName: 'custom', kind: 'other' });
  });
});

describe('bing-uet claims', () => {
  test.each(['https://bat.bing.com/action/0?ti=1&evt=pageLoad', 'https://bat.bing.net/action/0?ti=1&evt=custom&ea=purchase'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['bing-uet']);
    },
  );

  test.each([
    'https://bat.bing.com/bat.js',
    'https://bat.bing.com/p/action/187654321.js',
    'https://bat.bing.com/actionable?ti=1',
    'https://www.bing.com/action/0?ti=1',
    'https://c.bing.com/c.gif?Red3=CTOMS_pd',
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
