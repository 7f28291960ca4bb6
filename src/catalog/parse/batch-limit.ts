import type { VendorEvent } from '../../model/vendor-event.ts';

/**
 * What one batched request may cost. A real batch is small (a GA4 beacon fits in sendBeacon's
 * 64 KB: a few thousand lines at most, a few dozen in practice), but a request read from a HAR,
 * a JSONL file or a run log can hold anything: a body of a million lines would otherwise become a
 * million events (~0.7 GB). Past this many events a request's remaining lines are counted, not
 * decoded, and one event says so (`notDecodedEvent`): nothing is dropped in silence.
 */
export const MAX_EVENTS_PER_REQUEST = 10_000;

/** The event name of the event standing for a batch's lines past the limit. */
export const NOT_DECODED_EVENT_NAME = '(not decoded)';
/** Its params: how many events were not decoded, the first and last of their body lines, the limit. */
const COUNT = 'tagwatch:notDecoded';
const FIRST_LINE = 'tagwatch:firstLine';
const LAST_LINE = 'tagwatch:lastLine';
const LIMIT = 'tagwatch:maxEventsPerRequest';

/**
 * The event standing for lines `firstLine`..`lastLine` of a batch, not decoded. Kind `other`, no
 * order, value or `line` (personal data of those lines is not looked for either): it counts as
 * no purchase and no page view anywhere, and `notDecodedNote` reads it back as one sentence.
 */
export function notDecodedEvent(vendor: string, account: string | undefined, firstLine: number, lastLine: number, limit: number): VendorEvent {
  const event = { vendor } as VendorEvent;
  if (account !== undefined) event.account = account;
  event.eventName = NOT_DECODED_EVENT_NAME;
  event.kind = 'other';
  event.params = { [COUNT]: String(lastLine - firstLine + 1), [FIRST_LINE]: String(firstLine), [LAST_LINE]: String(lastLine), [LIMIT]: String(limit) };
  return event;
}

/** How many events an event built by `notDecodedEvent` stands for; 0 for any other event. */
export function notDecodedCount(event: VendorEvent): number {
  if (event.eventName !== NOT_DECODED_EVENT_NAME || event.kind !== 'other') return 0;
  const count = Number(event.params[COUNT]);
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
}

/** One sentence for an event built by `notDecodedEvent`, or undefined for any other event. */
export function notDecodedNote(event: VendorEvent): string | undefined {
  const count = notDecodedCount(event);
  if (count === 0) return undefined;
  const { [FIRST_LINE]: first, [LAST_LINE]: last, [LIMIT]: limit } = event.params;
  return `${event.vendor}: ${count} event(s) of one request not decoded (body lines ${first} to ${last}): tagwatch decodes at most ${limit} events per request`;
}
