/**
 * The catalog against Omnibug's own test suite (tests/fixtures/omnibug, see its README and licence): real tag
 * requests with the decoding Omnibug asserts (`expect`) or produces (`omnibug`, unasserted).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import { claimedBy, decodeOk, loadCatalog } from './helpers.ts';
import { claimedOnPurpose, omnibugAccountOf } from './omnibug-differences.ts';

interface Normalised {
  account?: string;
  eventName?: string | string[];
  transactionId?: string;
  value?: string | number;
  currency?: string;
}
interface CorpusCase {
  id: string;
  provider: string;
  url: string;
  method: string;
  body?: string;
  expect: Normalised;
  omnibug: Normalised & { matchedBy: string[]; ownPatternMatches: boolean };
}
interface PatternCheck {
  provider: string;
  url: string;
  expectMatch: boolean;
  matchedBy: string[];
  test: string;
}
interface Corpus {
  cases: CorpusCase[];
  patterns: PatternCheck[];
}

const CORPUS_URL = new URL('../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url);
const CORPUS_PATH = fileURLToPath(CORPUS_URL);

/** Omnibug provider key -> our vendor id. */
const VENDOR_OF: Record<string, string> = {
  GOOGLEANALYTICS4: 'ga4',
  GOOGLEADS: 'google-ads',
  FACEBOOKPIXEL: 'meta',
  TIKTOK: 'tiktok',
  UNIVERSALANALYTICS: 'universal-analytics',
  DOUBLECLICK: 'floodlight',
  GOOGLETAGMAN: 'gtm',
  PINTERESTPIXEL: 'pinterest',
  SNAPCHATPIXEL: 'snapchat',
  LINKEDINPIXEL: 'linkedin',
  BINGUET: 'bing-uet',
  HOTJAR: 'hotjar',
  MSCLARITY: 'clarity',
  OUTBRAIN: 'outbrain',
  SEGMENT: 'segment',
  CRITEOONETAG: 'criteo',
  TWITTERPIXEL: 'x',
  REDDITPIXEL: 'reddit',
  ADOBEANALYTICS: 'adobe-analytics',
  MATOMO: 'matomo',
  PIWIKPRO: 'piwik-pro',
  ATINTERNET: 'piano-analytics',
};
const PROVIDER_OF = Object.fromEntries(Object.entries(VENDOR_OF).map(([provider, vendor]) => [vendor, provider]));

const corpus: Corpus | undefined = existsSync(CORPUS_PATH)
  ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as Corpus)
  : undefined;

test('the Omnibug corpus is present', () => {
  expect(
    corpus,
    `corpus not found at ${CORPUS_PATH}: tests/fixtures/omnibug/tag-hits.omnibug.json is part of the repository: restore it from git`,
  ).toBeDefined();
});

const catalog = await loadCatalog();
const cases = corpus?.cases ?? [];
const patterns = corpus?.patterns ?? [];

/** The canonical field checks a normalised record implies for the decoded events. */
function expectNormalised(events: VendorEvent[], fields: Normalised, source: string): void {
  const [first] = events;
  if (fields.account !== undefined) expect(omnibugAccountOf(first), `${source}.account`).toBe(fields.account);
  if (Array.isArray(fields.eventName)) {
    expect(events.map((event) => event.eventName), `${source}.eventName`).toEqual(fields.eventName);
  } else if (fields.eventName !== undefined) {
    expect(first?.eventName, `${source}.eventName`).toBe(fields.eventName);
  }
  // An empty order id is no order id: canonical events leave empty fields out.
  if (fields.transactionId) {
    expect(first?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
  }
  if (fields.value !== undefined) expect(first?.value, `${source}.value`).toBe(Number(fields.value));
  if (fields.currency !== undefined) expect(first?.currency, `${source}.currency`).toBe(fields.currency);
}

const ownCases = cases.filter((c) => c.provider in VENDOR_OF && c.omnibug.ownPatternMatches);

describe.runIf(corpus)('corpus cases of our vendors', () => {
  test.each(ownCases.map((c) => [c.id, c] as const))('%s', (_id, corpusCase) => {
    const vendor = VENDOR_OF[corpusCase.provider];
    expect(claimedBy(corpusCase.url, catalog), 'vendors claiming the URL').toEqual([vendor]);

    const events = decodeOk({ url: corpusCase.url, method: corpusCase.method, body: corpusCase.body }, catalog);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.vendor === vendor)).toBe(true);
    expectNormalised(events, corpusCase.expect, 'expect');
    expectNormalised(events, corpusCase.omnibug, 'omnibug');
  });
});

const ownPatterns = patterns.filter((p) => p.provider in VENDOR_OF);

describe.runIf(corpus)('corpus pattern checks of our vendors', () => {
  test.each(ownPatterns.map((p) => [`${p.provider} ${p.expectMatch ? 'matches' : 'ignores'} ${p.url}`, p] as const))(
    '%s',
    (_name, { provider, url, expectMatch }) => {
      const vendor = VENDOR_OF[provider] ?? '';
      if (expectMatch) expect(claimedBy(url, catalog)).toEqual([vendor]);
      else if (!claimedOnPurpose(url, vendor)) expect(claimedBy(url, catalog)).not.toContain(vendor);
    },
  );
});

/**
 * No vendor of ours is greedy: every URL of the corpus (all providers) is claimed only by
 * vendors whose Omnibug provider also claims it.
 */
const everyUrl = [
  ...cases.map((c) => ({ name: c.id, url: c.url, matchedBy: c.omnibug.matchedBy })),
  ...patterns.map((p) => ({ name: `${p.provider} pattern check ${p.url}`, url: p.url, matchedBy: p.matchedBy })),
];

describe.runIf(corpus)('no vendor claims what Omnibug attributes to another provider', () => {
  test.each(everyUrl.map((entry) => [entry.name, entry] as const))('%s', (_name, { url, matchedBy }) => {
    const greedy = claimedBy(url, catalog).filter((vendor) => !matchedBy.includes(PROVIDER_OF[vendor] ?? '') && !claimedOnPurpose(url, vendor));
    expect(greedy, `Omnibug attributes this URL to [${matchedBy.join(', ')}]`).toEqual([]);
  });
});
