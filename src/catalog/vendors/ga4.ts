import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { googleConsent } from '../parse/google-consent.ts';
import { MAX_EVENTS_PER_REQUEST, notDecodedEvent } from '../parse/batch-limit.ts';
import { forEachBodyLine } from '../parse/body-lines.ts';
import { mergeUrlEncoded, queryToRecord } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['tid'],
  // `t` covers old v=1 (Universal-style) hits that still go to /g/collect.
  eventName: ['en', 't'],
  transactionId: ['ep.transaction_id'],
  value: ['epn.value', 'ep.value'],
  currency: ['cu', 'ep.currency'],
  userIds: { userId: ['uid'] },
  kinds: { purchase: ['purchase'], pageview: ['page_view', 'pageview'] },
};

/**
 * Shared params ride in the query string. A batched hit (sendBeacon POST) carries one event
 * per body line (see parse/body-lines.ts for what a line is). Each event's params are the
 * shared ones overridden by its line's, as `{...shared, ...line}`, and the event knows its line:
 * personal data and findings point at it. Lines past MAX_EVENTS_PER_REQUEST are counted, not
 * decoded, and one last event says how many (parse/batch-limit.ts).
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  return decodeBatch(request, url, MAX_EVENTS_PER_REQUEST);
}

/** `decode` with the limit on events as a parameter: the bench measures the decoding without it. */
export function decodeBatch(request: TagRequest, url: URL, maxEvents: number): VendorEvent[] {
  const shared = queryToRecord(url);
  const account = shared.tid;
  const body = request.body ?? '';
  const events: VendorEvent[] = [];
  if (body !== '') {
    const lines = forEachBodyLine(
      body,
      (start, end, line, last) => {
        // The last line takes the shared record itself, the others a copy made before it changes.
        // Object.assign, not a spread: once optimised, V8 gives every `{ ...shared }` copy a map of
        // its own, and adding the line's keys to it then costs ~8 µs per event (and the GC).
        const params = last ? shared : Object.assign({}, shared);
        mergeUrlEncoded(params, body, start, end);
        const event = toEvent(params);
        event.line = line;
        events.push(event);
      },
      maxEvents,
    );
    if (lines > maxEvents) events.push(notDecodedEvent('ga4', account === '' ? undefined : account, maxEvents + 1, lines, maxEvents));
  }
  if (events.length === 0) events.push(toEvent(shared));
  return events;
}

function toEvent(params: Record<string, string>): VendorEvent {
  const event = toVendorEvent('ga4', params, mapping);
  const consent = googleConsent(params);
  // Appended last, where `{ ...event, consent }` puts it (toVendorEvent never sets it).
  if (consent) event.consent = consent;
  return event;
}

export default defineVendor({
  id: 'ga4',
  label: 'Google Analytics 4',
  category: 'analytics',
  // Any host, so first-party and server-side GTM domains count too.
  patterns: [/^https?:\/\/[^/?#]+\/g\/collect(?:[/?#]|$)/],
  // Hosts that reuse the /g/collect path for something else (Google signals, Clarity, Transcend).
  excludes: [/^https?:\/\/(?:[^/?#]*\.)?(?:doubleclick\.net|clarity\.ms|transcend\.io)(?::\d+)?\//],
  params: {
    v: 'Protocol Version',
    tid: 'Measurement ID',
    cid: 'Client ID',
    uid: 'User ID',
    sid: 'Session ID',
    sct: 'Session Count',
    seg: 'Session Engaged',
    _p: 'Page Load ID',
    _s: 'Hit Sequence',
    _et: 'Engagement Time (ms)',
    gtm: 'GTM Hash',
    en: 'Event Name',
    t: 'Hit Type (v1)',
    dl: 'Document Location',
    dr: 'Document Referrer',
    dt: 'Document Title',
    ul: 'User Language',
    sr: 'Screen Resolution',
    cu: 'Currency Code',
    'ep.transaction_id': 'Transaction ID',
    'epn.value': 'Value',
    'ep.value': 'Value',
    'ep.currency': 'Currency',
    'ep.coupon': 'Coupon',
    'epn.shipping': 'Shipping',
    'epn.tax': 'Tax',
    pr1: 'Item 1',
    gcs: 'Consent State (gcs)',
    gcd: 'Consent Defaults (gcd)',
    npa: 'Non-Personalized Ads',
    dma: 'DMA Compliance',
  },
  decode,
});
