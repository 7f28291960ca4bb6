import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VendorDefinition } from '../../src/catalog/define-vendor.ts';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import { claimedBy, decodeOk } from './helpers.ts';
import { omnibugAccountOf } from './omnibug-differences.ts';

/**
 * One vendor's Omnibug corpus cases, in its own test file: claimed by exactly this vendor, the
 * asserted and oracle fields (with Omnibug's request-type label), the raw params kept, the
 * pattern checks, and no claim on another provider's URL.
 */
interface Normalised { account?: string; requestType?: string; eventName?: string; transactionId?: string; value?: string | number; currency?: string }
interface CorpusCase { id: string; provider: string; url: string; method: string; body?: string; expect: Normalised & { params?: Record<string, unknown> }; omnibug: Normalised & { matchedBy: string[]; ownPatternMatches: boolean } }
interface PatternCheck { provider: string; url: string; expectMatch: boolean; matchedBy: string[] }

export function describeVendorCorpus(PROVIDER: string, VENDOR: VendorDefinition, catalog: VendorDefinition[], requestTypeOf: (event: VendorEvent) => string): void {
  const CORPUS_PATH = fileURLToPath(new URL('../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url));
  const corpus = existsSync(CORPUS_PATH) ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: CorpusCase[]; patterns: PatternCheck[] }) : undefined;
  const ownCases = (corpus?.cases ?? []).filter((c) => c.provider === PROVIDER && c.omnibug.ownPatternMatches);

  function expectNormalised(event: VendorEvent | undefined, fields: Normalised, source: string): void {
    if (fields.account !== undefined) expect(omnibugAccountOf(event), `${source}.account`).toBe(fields.account);
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
}

interface Fields { account?: string; requestType?: string; eventName?: string; transactionId?: string; value?: string | number }

/**
 * The same corpus checks for vendors that map several Omnibug providers (AT Internet and Piano)
 * or label request types from the whole event list: claimed by exactly this vendor, asserted and
 * oracle fields, pattern checks, and no claim on another provider's URL.
 */
export function describeProvidersCorpus(vendor: VendorDefinition, PROVIDERS: readonly string[], catalog: VendorDefinition[], requestTypeOf: (events: VendorEvent[]) => string): void {
  const id = vendor.id;
  const CORPUS_PATH = fileURLToPath(new URL('../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url));
  const corpus = existsSync(CORPUS_PATH)
    ? (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: (CorpusCase & { expect: Fields })[]; patterns: PatternCheck[] })
    : undefined;

  function checkFields(events: VendorEvent[], fields: Fields, source: string): void {
    const [first] = events;
    if (fields.account !== undefined) expect(omnibugAccountOf(first), `${source}.account`).toBe(fields.account);
    if (fields.requestType !== undefined) expect(requestTypeOf(events), `${source}.requestType`).toBe(fields.requestType);
    if (fields.eventName !== undefined) expect(first?.eventName, `${source}.eventName`).toBe(fields.eventName);
    if (fields.transactionId) expect(first?.transactionId, `${source}.transactionId`).toBe(fields.transactionId);
    if (fields.value !== undefined && fields.value !== '') expect(first?.value, `${source}.value`).toBe(Number(fields.value));
  }

  describe.runIf(corpus)(`${id}: Omnibug corpus`, () => {
    const cases = (corpus?.cases ?? []).filter((c) => PROVIDERS.includes(c.provider) && c.omnibug.ownPatternMatches);
    test('has cases', () => expect(cases.length).toBeGreaterThan(0));
    test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      expect(claimedBy(c.url, catalog)).toEqual([id]);
      const events = decodeOk({ url: c.url, method: c.method, body: c.body }, catalog);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((event) => event.vendor === id)).toBe(true);
      checkFields(events, c.expect, 'expect');
      checkFields(events, c.omnibug, 'omnibug');
    });

    const checks = (corpus?.patterns ?? []).filter((p) => PROVIDERS.includes(p.provider));
    test.each(checks.map((p) => [`${p.expectMatch ? 'claims' : 'ignores'} ${p.url}`, p] as const))('%s', (_name, p) => {
      if (p.expectMatch) expect(claimedBy(p.url, catalog)).toEqual([id]);
      else expect(claimedBy(p.url, catalog)).not.toContain(id);
    });

    test('claims no corpus URL that Omnibug gives only to other providers', () => {
      const all = [...(corpus?.cases ?? []).map((c) => ({ url: c.url, matchedBy: c.omnibug.matchedBy })), ...(corpus?.patterns ?? [])];
      const greedy = all.filter((e) => claimedBy(e.url, [vendor]).length > 0 && !e.matchedBy.some((p) => PROVIDERS.includes(p)));
      expect(greedy.map((e) => e.url)).toEqual([]);
    });
  });
}
