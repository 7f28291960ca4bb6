import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/floodlight.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();
const PROVIDER = 'DOUBLECLICK';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  return event.params.type ?? '';
}

describe('floodlight decodes', () => {
  test('a sales tag: ord is the order id, cost the value', () => {
    const url = 'https://ad.doubleclick.net/activity;src=8765432;type=sales0;cat=purch0;qty=2;cost=149.50;ord=ORD-5521;u3=EUR;gcs=G111;gclaw=Cj0KCQ;~oref=https%3A%2F%2Fshop.example%2Fthanks?';
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'floodlight',
      account: 'DC-8765432/sales0/purch0',
      eventName: 'purch0',
      kind: 'purchase',
      transactionId: 'ORD-5521',
      value: 149.5,
      clickIds: { gclaw: 'Cj0KCQ' },
      consent: { gcs: 'G111', adStorage: 'granted' },
    });
    expect(event?.params).toMatchObject({ '~oref': 'https://shop.example/thanks', u3: 'EUR', countingMethod: 'transactions / items_sold' });
  });

  test('a counter tag: ord is a counting number, not an order', () => {
    const [standard] = decodeOk({ url: 'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=visits;cat=home0;ord=8104016085288?' }, [VENDOR]);
    expect(standard).toMatchObject({ account: 'DC-1234567/visits/home0', kind: 'other', params: { countingMethod: 'standard' } });
    expect(standard?.transactionId).toBeUndefined();
    const [unique] = decodeOk({ url: 'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=visits;cat=home0;ord=1?' }, [VENDOR]);
    expect(unique?.params.countingMethod).toBe('unique');
  });

  test('the /ddm/activity/ form of the image tag', () => {
    const [event] = decodeOk({ url: 'https://ad.doubleclick.net/ddm/activity/src=8765432;type=sales0;cat=purch0;qty=1;cost=10;ord=A-1;dc_lat=;dc_rdid=;tag_for_child_directed_treatment=;tfua=?' }, [VENDOR]);
    expect(event).toMatchObject({ account: 'DC-8765432/sales0/purch0', kind: 'purchase', transactionId: 'A-1', value: 10 });
  });
});

describe('floodlight claims', () => {
  test.each([
    'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/activity;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/ddm/activity/src=1234567;type=group1;cat=thank123;ord=1?',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['floodlight']);
  });

  test.each([
    'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1111111/?label=abc&value=1',
    'https://stats.g.doubleclick.net/g/collect?v=2&tid=G-1',
    'https://ad.doubleclick.net/ddm/trackclk/N123.456/B789;dc_trk_aid=1',
    'https://1234567.fls.doubleclick.net/activityi;dc_pre=CLa;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://ad.doubleclick.net/favicon.ico',
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
