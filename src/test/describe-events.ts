import type { VendorEvent } from '../model/vendor-event.ts';
import type { ExpectedEvent } from './event-match.ts';

/** Longest value shown in a failure message: a GA4 batch or a URL-encoded payload floods it otherwise. */
export const MAX_VALUE_CHARS = 80;
/** Events listed in one failure message; the rest are counted. */
export const MAX_LISTED_EVENTS = 20;

/**
 * A value as one safe line: quoted and escaped (page data can hold quotes, newlines or terminal
 * escape codes), cut at `max` characters with the cut said.
 */
export function quote(value: unknown, max = MAX_VALUE_CHARS): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)`;
}

/** Canonical fields shown for every event, in this order, when present. */
const SHOWN_FIELDS = ['transactionId', 'value', 'currency', 'eventId', 'account'] as const;

/**
 * One event on one line: its name and kind, the canonical fields, and the parameters and other
 * fields the expectation names (so a near miss shows the value that differed).
 */
export function describeEvent(event: VendorEvent, expected: ExpectedEvent = {}): string {
  const parts = [quote(event.eventName), `kind=${event.kind}`];
  for (const field of SHOWN_FIELDS) if (event[field] !== undefined) parts.push(`${field}=${quote(event[field])}`);
  for (const field of Object.keys(expected) as (keyof VendorEvent)[]) {
    if (field === 'vendor' || field === 'eventName' || field === 'kind' || (SHOWN_FIELDS as readonly string[]).includes(field)) continue;
    const wanted = expected[field];
    const actual = event[field] as Record<string, unknown> | undefined;
    if (wanted && typeof wanted === 'object' && !(wanted instanceof RegExp) && !('asymmetricMatch' in wanted)) {
      for (const key of Object.keys(wanted)) parts.push(`${field}[${quote(key)}]=${quote(actual?.[key])}`);
    } else {
      parts.push(`${field}=${quote(actual)}`);
    }
  }
  return parts.join(' ');
}

/** A numbered list, one event a line, indented for a matcher message. */
export function describeEvents(events: readonly VendorEvent[], expected: ExpectedEvent = {}, max = MAX_LISTED_EVENTS): string {
  const lines = events.slice(0, max).map((event, index) => `  ${index + 1}. ${describeEvent(event, expected)}`);
  if (events.length > max) lines.push(`  … and ${events.length - max} more`);
  return lines.join('\n');
}

/** "meta (4), tiktok (3)": which vendors did fire, for a message about one that did not. */
export function describeVendorCounts(events: readonly VendorEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.vendor, (counts.get(event.vendor) ?? 0) + 1);
  return [...counts].map(([vendor, count]) => `${vendor} (${count})`).join(', ');
}
