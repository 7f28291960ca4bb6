import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/gtm.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();
const PROVIDER = 'GOOGLETAGMAN';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  return event.eventName === 'gtm.js' ? 'Library Load' : event.eventName;
}

describe('gtm decodes', () => {
  test('a container load, with its environment', () => {
    const url = 'https://www.googletagmanager.com/gtm.js?id=GTM-K9XYZ12&l=dataLayer&gtm_auth=abc&gtm_preview=env-5&gtm_cookies_win=x';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ vendor: 'gtm', account: 'GTM-K9XYZ12', eventName: 'gtm.js', kind: 'other', params: { l: 'dataLayer', gtm_preview: 'env-5' } });
  });

  test('a load without an id has no account', () => {
    const [event] = decodeOk({ url: 'https://www.googletagmanager.com/gtm.js' }, [VENDOR]);
    expect(event?.account).toBeUndefined();
    expect(event?.kind).toBe('other');
  });
});

describe('gtm claims', () => {
  test.each(['https://www.googletagmanager.com/gtm.js?id=GTM-ABC123', 'https://googletagmanager.com/gtm.js?id=GTM-ABC123&l=dl2'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['gtm']);
    },
  );

  test.each([
    'https://www.googletagmanager.com/gtag/js?id=G-1234567',
    'https://www.googletagmanager.com/gtag/destination?id=AW-1&l=dataLayer',
    'https://www.googletagmanager.com/ns.html?id=GTM-ABC123',
    'https://www.googletagmanager.com/gtm.json?id=GTM-ABC123',
    'https://www.google-analytics.com/gtm/js?id=GTM-ABC123',
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
