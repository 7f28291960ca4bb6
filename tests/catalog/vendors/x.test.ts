import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import vendor from '../../../src/catalog/vendors/x.ts';
import type { VendorEvent } from '../../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

// ---- Omnibug corpus (tests/fixtures/omnibug): this vendor's provider cases and pattern checks ----
interface Fields { account?: string; requestType?: string; eventName?: string; transactionId?: string; value?: string | number }
interface CorpusCase { id: string; provider: string; url: string; method: string; body?: string; expect: Fields; omnibug: Fields & { matchedBy: string[]; ownPatternMatches: boolean } }
interface PatternCheck { provider: string; url: string; expectMatch: boolean; matchedBy: string[] }
const CORPUS_PATH = fileURLToPath(new URL('../../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url));
const corpus = existsSync(CORPUS_PATH)
  ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: CorpusCase[]; patterns: PatternCheck[] })
  : undefined;
const PROVIDERS: readonly string[] = ['TWITTERPIXEL'];
/** Omnibug's request type label for our decoded events. */
const requestTypeOf = (events: VendorEvent[]): string => events.map((e) => (e.eventName === 'pageview' ? 'Page View' : e.eventName)).join('|');

function checkFields(events: VendorEvent[], fields: Fields, source: string): void {
  const [first] = events;
  if (fields.account !== undefined) expect(first?.account, `${source}.account`).toBe(fields.account);
  if (fields.requestType !== undefined) expect(requestTypeOf(events), `${source}.requestType`).toBe(fields.requestType);
  if (fields.eventName !== undefined) expect(first?.eventName, `${source}.eventName`).toBe(fields.eventName);
  if (fields.transactionId) expect(first?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
  if (fields.value !== undefined && fields.value !== '') expect(first?.value, `${source}.value`).toBe(Number(fields.value));
}

describe.runIf(corpus)('x: Omnibug corpus', () => {
  const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
  test('has cases', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['x']);
    const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === 'x')).toBe(true);
    checkFields(events, c.expect, 'expect');
    checkFields(events, c.omnibug, 'omnibug');
  });

  const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
  test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
    if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual(['x']);
    else expect(claimedBy(p.url, catalog)).not.toContain('x');
  });

  test('claims no corpus URL that Omnibug gives only to other providers', () => {
    const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
    const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
    expect(greedy.map((e) => e.url)).toEqual([]);
  });
});

describe('x decodes', () => {
  test('a purchase: txn_id is the pixel id, the order id comes from the event data', () => {
    const events = JSON.stringify([['purchase', { value: '59.90', currency: 'EUR', num_items: '2', conversion_id: 'ORD-9', email_address: 'a1b2c3' }]]);
    const url = `https://analytics.twitter.com/i/adsct?${new URLSearchParams({
      bci: '3', eci: '2', event_id: 'abc', events, integration: 'advertiser', p_id: 'Twitter', p_user_id: '0',
      pl_id: 'x', tw_document_href: 'https://shop.example/thanks', tw_iframe_status: '0', tw_order_quantity: '2',
      tw_sale_amount: '59.90', twclid: '2-abcdef', txn_id: 'o1a2b', type: 'javascript', version: '2.3.30',
    })}`;
    expect(claimedBy(url, catalog)).toEqual(['x']);
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'x', account: 'o1a2b', eventName: 'purchase', kind: 'purchase', value: 59.9, currency: 'EUR',
      transactionId: 'ORD-9', clickIds: { twclid: '2-abcdef' }, userIds: { email: 'a1b2c3' },
    });
    expect(event?.params.tw_order_quantity).toBe('2');
  });

  test('a page view, and several events in one hit', () => {
    const events = JSON.stringify([['pageview', null], ['custom', { value: '1' }]]);
    const decoded = decodeOk({ url: `https://analytics.twitter.com/1/i/adsct?txn_id=o1a2b&${new URLSearchParams({ events })}` }, catalog);
    expect(decoded.map((e) => [e.eventName, e.kind])).toEqual([['pageview', 'pageview'], ['custom', 'other']]);
  });
});

describe('x decodes event tag hits (event_id=tw-<pixel>-<event>)', () => {
  test('the image event tag of X Events Manager: pixel, event, order id, sale amount, purchase', () => {
    // X's install code for an event, as a site fills it in on its thank-you page.
    const url =
      'https://analytics.twitter.com/i/adsct?bci=3&eci=2&event_id=tw-qcg5j-qcg7r&events=%5B%5B%5D%5D&integration=advertiser' +
      '&p_id=Twitter&p_user_id=0&pl_id=5e07fa06-854b-4e16-b25e-424ce067b8a6&tw_document_href=https%3A%2F%2Fshop.example%2Fthank-you' +
      '&tw_iframe_status=0&tw_order_quantity=2&tw_sale_amount=59.90&tw_tax=0&tw_transaction_id=DS-1042&user_id=0&xdp=0';
    expect(claimedBy(url, catalog)).toEqual(['x']);
    const [event, ...rest] = decodeOk({ url }, catalog);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ vendor: 'x', account: 'qcg5j', eventName: 'qcg7r', kind: 'purchase', transactionId: 'DS-1042', value: 59.9 });
    expect(event?.params.event_id).toBe('tw-qcg5j-qcg7r');
  });

  test('uwt.js sending twq("event", "tw-...", {value, currency, conversion_id}): the data from the event JSON', () => {
    const url = `https://analytics.twitter.com/1/i/adsct?${new URLSearchParams({
      bci: '4', eci: '3', event: JSON.stringify({ value: '64.80', currency: 'EUR', conversion_id: 'DS-1043', contents: [{ content_id: 'SKU1', num_items: 2 }] }),
      event_id: 'tw-o81g6-o81g7', integration: 'advertiser', p_id: 'Twitter', p_user_id: '0', pl_id: 'e63d58b0',
      tw_document_href: 'https://shop.example/thank-you', tw_iframe_status: '0', txn_id: 'o81g6', type: 'javascript', version: '2.3.33',
    })}`;
    const [event] = decodeOk({ url }, catalog);
    expect(event).toMatchObject({ account: 'o81g6', eventName: 'o81g7', kind: 'purchase', transactionId: 'DS-1043', value: 64.8, currency: 'EUR', eventId: 'DS-1043' });
  });

  test('an event tag without a sale (a lead, the placeholder 0 order id) is not a purchase', () => {
    const url = 'https://analytics.twitter.com/i/adsct?event_id=tw-qcg5j-qcg8s&p_id=Twitter&tw_sale_amount=0&tw_order_quantity=0&tw_transaction_id=0&txn_id=qcg5j';
    const [event] = decodeOk({ url }, catalog);
    expect(event).toMatchObject({ account: 'qcg5j', eventName: 'qcg8s', kind: 'other', value: 0 });
    expect(event?.transactionId).toBeUndefined();
  });

  test('an event tag with a conversion_id but no value (a lead) is not a purchase', () => {
    const url = `https://analytics.twitter.com/1/i/adsct?${new URLSearchParams({ event: JSON.stringify({ conversion_id: 'LEAD-7' }), event_id: 'tw-o81g6-o81g9', txn_id: 'o81g6' })}`;
    const [event] = decodeOk({ url }, catalog);
    expect(event).toMatchObject({ account: 'o81g6', eventName: 'o81g9', kind: 'other', transactionId: 'LEAD-7', eventId: 'LEAD-7' });
  });

  test("uwt.js 2.3's base code hit (event={} and a random event_id) as the page view", () => {
    const url =
      'https://analytics.twitter.com/1/i/adsct?bci=4&eci=3&event=%7B%7D&event_id=1fe1813c-ec89-4ed4-9c5d-bfd7af94f214&integration=advertiser' +
      '&p_id=Twitter&p_user_id=0&pl_id=d4fac0d8&tw_document_href=https%3A%2F%2Fshop.example%2F&tw_iframe_status=0&txn_id=o81g6&type=javascript&version=2.3.33';
    const [event] = decodeOk({ url }, catalog);
    expect(event).toMatchObject({ account: 'o81g6', eventName: 'pageview', kind: 'pageview' });
  });
});

describe('x does not claim', () => {
  test.each([
    'https://t.co/i/adsct?txn_id=o1a2b&events=%5B%5B%22pageview%22%2Cnull%5D%5D',
    'https://static.ads-twitter.com/uwt.js',
    'https://analytics.twitter.com/i/adsctx?txn_id=1',
    'https://twitter.com/i/adsct?txn_id=1',
  ])('%s', (url) => expect(claimedBy(url, [vendor])).toEqual([]));
});
