import { describe, expect, test } from 'vitest';
import { isNormalizedHref } from '../../src/catalog/normalized-href.ts';

/** What the URL parser makes of a text: its href, or undefined when it is no URL. */
const hrefOf = (text: string) => {
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
};

/** A small deterministic generator, so a failure names a reproducible text. */
function* texts(count: number): Generator<string> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = (items: readonly string[]) => items[next(items.length)]!;
  const hosts = ['a.example', 'shop.example', 'x-y.co', 'xn--bcher-kva.ch', 'xn--a.com', '1.2.3.4', '1.2.3.e', 'ab.0x1', 'a.b1', 'A.example', 'a.example.', 'a..b', 'user@a.example', 'a.example:443', 'a.example:8080', 'localhost'];
  const pieces = ['/', '.', '..', '%2e', '%2E', '?', '#', 'a', 'Z', '0', '%', '%41', '%zz', '=', '&', ';', '[', ']', '|', '+', '~', "'", '^', '`', '{', '}', '"', ' ', '\t', '\\', 'é', '<', '>', '!', '$', '*', ',', '@', ':'];
  for (let i = 0; i < count; i++) {
    let path = '/';
    for (let j = next(8); j > 0; j--) path += pick(pieces);
    yield `${pick(['https://', 'http://', 'HTTP://', 'https:/', 'ftp://'])}${pick(hosts)}${next(10) ? path : ''}`;
  }
}

describe('isNormalizedHref', () => {
  test('is true only for texts the URL parser gives back unchanged (or rejects)', () => {
    let normalized = 0;
    for (const text of texts(60_000)) {
      if (!isNormalizedHref(text)) continue;
      normalized++;
      const href = hrefOf(text);
      if (href !== undefined) expect(href, text).toBe(text);
    }
    // The generator does produce normalized texts, so the check above is exercised.
    expect(normalized).toBeGreaterThan(1_000);
  });

  test('recognises tag hits as they are captured, and refuses what parsing would change', () => {
    expect(isNormalizedHref('https://region1.google-analytics.com/g/collect?v=2&tid=G-1&dl=https%3A%2F%2Fshop.example%2F')).toBe(true);
    expect(isNormalizedHref('https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=12.5')).toBe(true);
    expect(isNormalizedHref('https://ad.doubleclick.net/activity;src=1;type=a;cat=b;ord=1?')).toBe(true);
    for (const text of ['HTTPS://www.facebook.com/tr/', 'https://WWW.facebook.com/tr/', 'https://www.facebook.com:443/tr/', 'https://www.facebook.com', 'https://1.2.3.4/x', 'https://0x7f.1/x', 'https://u@facebook.com/tr/', 'https://facebook.com/a/../tr/', 'https://facebook.com/%2e/tr', ' https://facebook.com/tr/', 'https://facebook.com/t\tr/', 'https://facebook.com/tr?a b', "https://facebook.com/tr?a='1'", 'https://facebook.com/tr#x']) {
      expect(isNormalizedHref(text), text).toBe(false);
    }
  });
});
