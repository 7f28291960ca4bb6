import { describe, expect, it } from 'vitest';
import { paramsToRecord, parseUrlEncoded, queryToRecord } from '../../src/catalog/parse/query.ts';

// The hand-rolled parser must read every string exactly as URLSearchParams does: vendors'
// decoders were written (and tested on the corpus) against URLSearchParams' rules.
const TRICKY = [
  'a=1&b=2',
  'a=1&a=2',
  'en=purchase&ep.transaction_id=ORD%2D1&epn.value=12.50',
  'q=hello+world&r=a%2Bb',
  'empty=&novalue&=orphan&&trailing&',
  'bad=%E0%A4%A&pct=100%&ok=%41',
  'cd[value]=12.5&cd[currency]=EUR',
  'dl=https%3A%2F%2Fshop.example%2F%3Fa%3D1%26b%3D2',
  'k%20ey=v%20alue&k+ey=second',
  '',
  '&&&',
  'utf=%C3%A9t%C3%A9&emoji=%F0%9F%98%80',
];

describe('parseUrlEncoded', () => {
  it.each(TRICKY)('reads %j as URLSearchParams does', (text) => {
    expect(parseUrlEncoded(text)).toEqual(paramsToRecord(new URLSearchParams(text)));
  });

  it('queryToRecord reads a URL query as url.searchParams does', () => {
    for (const text of TRICKY) {
      const url = new URL(`https://example.com/path?${text}#frag`);
      expect(queryToRecord(url)).toEqual(paramsToRecord(url.searchParams));
    }
    expect(queryToRecord(new URL('https://example.com/'))).toEqual({});
  });
});
