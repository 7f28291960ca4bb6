import { describe, expect, test } from 'vitest';
import { flattenJson } from '../../src/catalog/parse/json.ts';
import { mergeUrlEncoded, paramsToRecord, parseUrlEncoded } from '../../src/catalog/parse/query.ts';
import floodlight from '../../src/catalog/vendors/floodlight.ts';
import ga4 from '../../src/catalog/vendors/ga4.ts';
import { decodeOk } from './helpers.ts';

/**
 * The decoders build params in place instead of spreading intermediate records; what they build
 * must be exactly what the spreads built: same keys, same values, same order (reports and the
 * NDJSON run log serialise params as they are), plain objects of their own.
 */
const inOrder = (record: object) => JSON.stringify(Object.entries(record));

const TEXTS = ['a=1&b=2', 'a=1&a=2', 'b=9&c=3&b=8', 'toString=x&__proto__=y&constructor=z&valueOf', 'k%20ey=v%20alue&k+ey=second', '2=two&1=one&a=A', 'bad=%E0%A4%A&pct=100%', '', '&&&', 'a'];

describe('mergeUrlEncoded', () => {
  test.each(TEXTS.flatMap((shared) => TEXTS.map((line) => [shared, line] as const)))('%j then %j reads as { ...shared, ...line }', (shared, line) => {
    const merged = parseUrlEncoded(shared);
    mergeUrlEncoded(merged, line);
    expect(inOrder(merged)).toBe(inOrder({ ...parseUrlEncoded(shared), ...parseUrlEncoded(line) }));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  test('reads only the range it is given, as the line alone would read', () => {
    const body = 'en=page_view&_et=12\nen=purchase&cu=EUR&en=ignored';
    const record = parseUrlEncoded('v=2&en=shared');
    mergeUrlEncoded(record, body, body.indexOf('\n') + 1, body.length);
    expect(inOrder(record)).toBe(inOrder({ v: '2', en: 'purchase', cu: 'EUR' }));
  });

  test('names met again and again read the same as fresh ones', () => {
    for (let i = 0; i < 3; i++) expect(parseUrlEncoded('tid=G-1&cid=2.3&en=purchase&dl=a%2Fb')).toEqual(paramsToRecord(new URLSearchParams('tid=G-1&cid=2.3&en=purchase&dl=a%2Fb')));
  });
});

describe('GA4 batch lines', () => {
  test('split on exactly what /\\s/ matches', () => {
    const url = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1';
    // Every code point /\s/ matches, every one below 0x300 (ASCII, Latin-1, the look-alikes of
    // spaces), and a spread across the rest of the BMP: what the whole plane proved, in 1/60 of the time.
    const codes = new Set<number>();
    for (let code = 0; code <= 0xffff; code++) if (/\s/.test(String.fromCharCode(code)) || code < 0x300 || code % 97 === 0) codes.add(code);
    for (const code of codes) {
      const separator = String.fromCharCode(code);
      const names = decodeOk({ url, method: 'POST', body: `en=a${separator}en=b` }, [ga4]).map((event) => event.eventName);
      if (/\s/.test(separator)) expect(names, code.toString(16)).toEqual(['a', 'b']);
      else expect(names, code.toString(16)).toHaveLength(1);
    }
  });

  test('each event: shared params overridden in place by its line, as a plain object of its own', () => {
    const url = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1&en=shared&cu=USD&toString=q';
    const body = '\r\nen=page_view&_et=1&_et=2\u2028\u00a0en=purchase&cu=EUR&ep.x=1&__proto__=p\t';
    const events = decodeOk({ url, method: 'POST', body }, [ga4]);
    const lines = body.split(/\s+/).filter((line) => line !== '');
    const shared = parseUrlEncoded(new URL(url).search.slice(1));
    expect(events.map((event) => inOrder(event.params))).toEqual(lines.map((line) => inOrder({ ...shared, ...parseUrlEncoded(line) })));
    expect(events[0]!.params).not.toBe(events[1]!.params);
    expect(Object.getPrototypeOf(events[1]!.params)).toBe(Object.prototype);
    // Consent and everything else keep the canonical order (params before consent, as before).
    const consented = decodeOk({ url: `${url}&gcs=G111`, method: 'POST', body: 'en=purchase' }, [ga4])[0]!;
    // The body line comes last: it says where in the request the event sat.
    expect(Object.keys(consented)).toEqual(['vendor', 'account', 'eventName', 'kind', 'currency', 'params', 'consent', 'line']);
  });
});

describe('Floodlight params', () => {
  test('query, then path pairs overriding it in place, then countingMethod', () => {
    const [event] = decodeOk({ url: 'https://ad.doubleclick.net/activity;src=1;type=sales;cat=buy;qty=1;cost=9.5;ord=A;ord=B;toString=x;num=1?num=0&zz=1&countingMethod=q' }, [floodlight]);
    expect(inOrder(event!.params)).toBe(inOrder({ num: '1', zz: '1', countingMethod: 'transactions / items_sold', src: '1', type: 'sales', cat: 'buy', qty: '1', cost: '9.5', ord: 'A' }));
    expect(Object.keys(event!)).toEqual(['vendor', 'account', 'eventName', 'kind', 'transactionId', 'value', 'params']);
  });
});

describe('flattenJson', () => {
  /** The flattening as first written: fresh key strings every time. */
  const reference = (value: unknown, key = '', out: Record<string, string> = {}): Record<string, string> => {
    if (Array.isArray(value)) value.forEach((item, index) => reference(item, `${key}[${index}]`, out));
    else if (value !== null && typeof value === 'object') for (const [child, item] of Object.entries(value)) reference(item, key === '' ? child : `${key}.${child}`, out);
    else if (key !== '') out[key] = value === null || value === undefined ? '' : String(value);
    return out;
  };

  test('names the keys of a large payload (ids as keys, long arrays) as the reference does', () => {
    const ids = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`id${i}`, { n: i, tags: [i, null] }]));
    const payload = { context: { page: { url: 'u' } }, properties: { products: Array.from({ length: 1_005 }, (_, i) => ({ sku: `S${i}` })) }, ids };
    for (let round = 0; round < 2; round++) expect(inOrder(flattenJson(payload))).toBe(inOrder(reference(payload)));
  });
});
