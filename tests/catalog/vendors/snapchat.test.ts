import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import VENDOR from '../../../src/catalog/vendors/snapchat.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();
const PROVIDER = 'SNAPCHATPIXEL';

/** Omnibug's display label for the request type, to compare with the corpus `requestType`. */
function requestTypeOf(event: VendorEvent): string {
  const event_ = event.eventName === '' ? 'other' : event.eventName.toLowerCase();
  return event_.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

describe('snapchat decodes', () => {
  test('a PURCHASE form POST with price, currency, transaction id, hashed e-mail and click id', () => {
    const body =
      'pid=b2ade379-a55e-4ca7-893b-b9fac04c843f&ev=PURCHASE&pl=https%3A%2F%2Fshop.example%2Fthanks&ts=1712345678901&rf=&v=1.5' +
      `&e_pr=64.50&e_cur=GBP&e_tid=SC-4004&e_ni=3&e_cdid=dedup-4004&u_hem=${'b'.repeat(64)}&sc_click_id=8c1d-click`;
    const [event, ...rest] = decodeOk({ url: 'https://tr.snapchat.com/p', method: 'POST', body }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'snapchat',
      account: 'b2ade379-a55e-4ca7-893b-b9fac04c843f',
      eventName: 'PURCHASE',
      kind: 'purchase',
      transactionId: 'SC-4004',
      value: 64.5,
      currency: 'GBP',
      eventId: 'dedup-4004',
      clickIds: { ScCid: '8c1d-click' },
      userIds: { email: 'b'.repeat(64) },
    });
  });

  test('a PAGE_VIEW sent to the shadow host', () => {
    const [event] = decodeOk({ url: 'https://tr-shadow.snapchat.com/p', method: 'POST', body: 'pid=p1&ev=PAGE_VIEW&pl=https%3A%2F%2Fshop.example%2F' }, catalog);
    expect(event).toMatchObject({ vendor: 'snapchat', account: 'p1', eventName: 'PAGE_VIEW', kind: 'pageview' });
  });

  test('a bodiless hit decodes to an empty event rather than an error', () => {
    const [event] = decodeOk({ url: 'https://tr.snapchat.com/p' }, [VENDOR]);
    expect(event).toMatchObject({ eventName: '', kind: 'other' });
  });
});

describe('snapchat claims', () => {
  test.each(['https://tr.snapchat.com/p', 'https://tr-shadow.snapchat.com/p', 'https://tr.snapchat.com/p?pid=p1&ev=PURCHASE'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['snapchat']);
    },
  );

  test.each([
    'https://tr.snapchat.com/cm/i?pid=b2ade379',
    'https://tr.snapchat.com/cm/p?rand=1&pnid=110',
    'https://tr.snapchat.com/config/com/p1.js',
    'https://sc-static.net/scevent.min.js',
    'https://www.snapchat.com/p',
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
