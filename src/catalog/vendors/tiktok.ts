import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson, parseJsonBody } from '../parse/json.ts';

const mapping: CanonicalMapping = {
  account: ['context.pixel.code'],
  eventName: ['event'],
  transactionId: ['properties.order_id'],
  value: ['properties.value'],
  currency: ['properties.currency'],
  eventId: ['event_id'],
  clickIds: { ttclid: ['context.ad.callback'] },
  userIds: { email: ['context.user.email'], phone: ['context.user.phone_number'], externalId: ['context.user.external_id'] },
  kinds: { purchase: ['CompletePayment', 'Purchase'], pageview: ['Pageview', 'PageView'] },
};

/**
 * The pixel POSTs one JSON event, or `{"batch": [...]}` with one entry per event. Keys next to
 * the batch (if any) are shared context, overridden by each entry's own.
 */
function decode(request: TagRequest): VendorEvent[] {
  const body = parseJsonBody(request.body);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new Error('expected a JSON object body');
  }
  // A single event (the usual case) is flattened as it is: no rest copy, no spread of nothing.
  if (!Array.isArray((body as Record<string, unknown>).batch)) return [toVendorEvent('tiktok', flattenJson(body), mapping)];
  const { batch, ...shared } = body as Record<string, unknown>;
  const sharedParams = flattenJson(shared);
  return (batch as unknown[]).map((entry) => toVendorEvent('tiktok', { ...sharedParams, ...flattenJson(entry) }, mapping));
}

export default defineVendor({
  id: 'tiktok',
  label: 'TikTok Pixel',
  category: 'advertising',
  patterns: [/^https?:\/\/analytics\.tiktok\.com\/api\/v\d\/(?:track|pixel)(?:\/act)?\/?(?:[?#]|$)/],
  params: {
    event: 'Event',
    event_id: 'Event ID',
    timestamp: 'Timestamp',
    analytics_uniq_id: 'Analytics Unique ID',
    'context.pixel.code': 'Pixel Code',
    'context.page.url': 'Page URL',
    'context.page.referrer': 'Page Referrer',
    'context.ad.callback': 'Click ID (ttclid)',
    'context.user.external_id': 'External ID',
    'context.library.name': 'Library Name',
    'context.library.version': 'Library Version',
    'properties.value': 'Value',
    'properties.currency': 'Currency',
    'properties.order_id': 'Order ID',
    'properties.content_type': 'Content Type',
    'properties.contents': 'Contents',
  },
  decode,
});
