import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { googleConsent } from '../parse/google-consent.ts';
import { queryToRecord, parseUrlEncoded } from '../parse/query.ts';

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
 * per body line; gtag separates them with newlines, Omnibug's fixtures with spaces, so any
 * whitespace separates events (values themselves are percent-encoded and never contain any).
 */
function eventParams(request: TagRequest, url: URL): Record<string, string>[] {
  const shared = queryToRecord(url);
  const lines = (request.body ?? '').split(/\s+/).filter((line) => line !== '');
  if (lines.length === 0) return [shared];
  return lines.map((line) => ({ ...shared, ...parseUrlEncoded(line) }));
}

function decode(request: TagRequest, url: URL): VendorEvent[] {
  return eventParams(request, url).map((params) => {
    const event = toVendorEvent('ga4', params, mapping);
    const consent = googleConsent(params);
    return consent ? { ...event, consent } : event;
  });
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
