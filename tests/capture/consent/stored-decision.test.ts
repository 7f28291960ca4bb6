import { describe, expect, it } from 'vitest';
import { decisionContradicts, decisionMatches, readStoredEntry, storedDecision } from '../../../src/capture/consent/page-probe.ts';

/**
 * What each consent manager stores, as it stores it (values copied from the five npm CMPs of
 * tests/fixtures/cmp-pages after a real answer), read back as the decision it is.
 */
describe('the decision a consent manager stored, read from its own entry', () => {
  it('reads the five managers\' cookies as they write them', () => {
    expect(readStoredEntry('cookie:tarteaucitron', '!shoppixel=false')).toBe('refuse');
    expect(readStoredEntry('cookie:tarteaucitron', '!shoppixel=true')).toBe('accept');
    expect(readStoredEntry('cookie:tarteaucitron', '!shoppixel=false!shopaudience=true')).toBe('partial');
    // Written at load, before any answer: not a decision.
    expect(readStoredEntry('cookie:tarteaucitron', '!shoppixel=wait')).toBe('pending');
    expect(readStoredEntry('cookie:klaro', encodeURIComponent('{"meta-pixel":false}'))).toBe('refuse');
    expect(readStoredEntry('cookie:orejime', encodeURIComponent('{"meta-pixel":true}'))).toBe('accept');
    expect(readStoredEntry('cookie:cc_cookie', encodeURIComponent('{"categories":["necessary"],"revision":0}'))).toBe('refuse');
    expect(readStoredEntry('cookie:cc_cookie', encodeURIComponent('{"categories":["necessary","marketing"],"revision":0}'))).toBe('accept');
    expect(readStoredEntry('cookie:cookieconsent_status', 'deny')).toBe('refuse');
    expect(readStoredEntry('cookie:cookieconsent_status', 'allow')).toBe('accept');
  });

  it('reads Google consent mode updates and plain one-word values', () => {
    expect(readStoredEntry('gcm:update', '{"ad_storage":"denied","analytics_storage":"denied"}')).toBe('refuse');
    expect(readStoredEntry('gcm:update', '{"ad_storage":"granted","analytics_storage":"granted"}')).toBe('accept');
    expect(readStoredEntry('cookie:shop_consent', 'granted')).toBe('accept');
    expect(readStoredEntry('cookie:shop_consent', 'no')).toBe('refuse');
    expect(readStoredEntry('cookie:shop_consent', 'v2|7f3a')).toBeUndefined();
  });

  it('counts only consent entries that changed, the first readable decision winning over "not decided yet"', () => {
    const before = { 'cookie:tarteaucitron': '!shoppixel=wait', 'cookie:_ga': 'GA1.1.1' };
    expect(storedDecision(before, { ...before, 'cookie:_ga': 'GA1.1.2' })).toEqual({ entries: [] });
    expect(storedDecision(before, { ...before, 'cookie:tarteaucitron': '!shoppixel=false' })).toEqual({ choice: 'refuse', entries: ['cookie:tarteaucitron'] });
    expect(storedDecision({}, { 'cookie:tarteaucitron': '!shoppixel=wait', 'cookie:orejime': '{"a":true}' })).toEqual({ choice: 'accept', entries: ['cookie:tarteaucitron', 'cookie:orejime'] });
    expect(storedDecision({}, { 'cookie:tarteaucitron': '!shoppixel=wait' }).choice).toBe('pending');
  });

  it('a refusal may leave what the CMP makes mandatory; an acceptance stored on a refusal is its opposite', () => {
    expect(decisionMatches('refuse', 'partial')).toBe(true);
    expect(decisionMatches('accept', 'partial')).toBe(false);
    expect(decisionMatches('refuse', 'pending')).toBe(false);
    expect(decisionContradicts('refuse', 'accept')).toBe(true);
    expect(decisionContradicts('accept', 'refuse')).toBe(true);
    expect(decisionContradicts('accept', 'partial')).toBe(false);
  });
});
