import type { VendorEvent } from '../model/vendor-event.ts';

/** `expect.any(String)`, `expect.stringContaining('x')`, ...: anything with an asymmetricMatch. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/**
 * What one field may be expected as: the exact value, a RegExp for text, an asymmetric matcher,
 * or, for an object field (params, clickIds, consent, ...), some of its keys.
 */
export type FieldExpectation<T> =
  | AsymmetricMatcherLike
  | (T extends string ? T | RegExp : T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: FieldExpectation<T[K]> } : T);

/**
 * Part of a canonical event: every field given must match, the others are free. A field given
 * as `undefined` must be absent from the event.
 */
export type ExpectedEvent = { [K in keyof VendorEvent]?: FieldExpectation<VendorEvent[K]> };

/** The canonical fields, to catch a misspelt one (transactionID) instead of matching anything. */
const EVENT_FIELDS = ['vendor', 'account', 'eventName', 'kind', 'transactionId', 'value', 'currency', 'eventId', 'consent', 'clickIds', 'userIds', 'pii', 'params'];

/** What is wrong with an expected event given to a matcher, or undefined when it is usable. */
export function expectedEventProblem(expected: unknown): string | undefined {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) {
    return `the expected event must be an object of canonical fields, e.g. { eventName: 'purchase', transactionId: 'T-1' }, got ${JSON.stringify(expected)}`;
  }
  const unknown = Object.keys(expected).filter((key) => !EVENT_FIELDS.includes(key));
  if (unknown.length) return `unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')} in the expected event; canonical fields are ${EVENT_FIELDS.join(', ')} (vendor parameters go under params)`;
  return undefined;
}

const isAsymmetric = (value: unknown): value is AsymmetricMatcherLike =>
  typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcherLike).asymmetricMatch === 'function';

/** Whether `actual` meets `expected` (see FieldExpectation). */
export function fieldMatches(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (expected instanceof RegExp) {
    if (typeof actual !== 'string') return false;
    // A /g or /y pattern keeps its position between calls; matching must not depend on history.
    expected.lastIndex = 0;
    return expected.test(actual);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => fieldMatches(actual[index], item));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(expected).every(([key, value]) => fieldMatches((actual as Record<string, unknown>)[key], value));
  }
  return Object.is(actual, expected);
}

/** Partial match of a canonical event. */
export function eventMatches(event: VendorEvent, expected: ExpectedEvent): boolean {
  return fieldMatches(event, expected);
}
