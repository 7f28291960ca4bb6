import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson } from '../parse/json.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  // txn_id is the pixel (tag) id, not a transaction: X calls it that for historical reasons.
  account: ['txn_id'],
  eventName: ['event'],
  transactionId: ['data.order_id', 'data.conversion_id'],
  value: ['data.value', 'tw_sale_amount'],
  currency: ['data.currency'],
  eventId: ['data.conversion_id'],
  clickIds: { twclid: ['twclid', 'data.twclid'] },
  userIds: { email: ['data.email_address'], phone: ['data.phone_number'] },
  kinds: { purchase: ['purchase', 'Purchase'], pageview: ['pageview', 'PageView'] },
};

/**
 * `events` is JSON: `[["pageview", null], ["purchase", {"value": "29.95", ...}]]`, one entry per
 * event; each event's data is flattened under `data.`. Without `events`, one unnamed event.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const shared = { ...queryToRecord(url), ...parseFormBody(request.body) };
  if (shared.events === undefined || shared.events === '') return [toVendorEvent('x', shared, mapping)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(shared.events);
  } catch {
    throw new Error(`events is not JSON: ${shared.events.slice(0, 80)}`);
  }
  if (!Array.isArray(parsed)) throw new Error('events must be a JSON array of [name, data] pairs');
  return parsed.map((entry) => {
    const [name, data] = Array.isArray(entry) ? (entry as unknown[]) : [entry, null];
    const params = { ...shared, event: String(name ?? ''), ...flattenJson(data ?? {}, 'data') };
    return toVendorEvent('x', params, mapping);
  });
}

export default defineVendor({
  id: 'x',
  label: 'X (Twitter) Pixel',
  category: 'advertising',
  // uwt.js sends each hit twice, to analytics.twitter.com and to t.co; only the first is claimed
  // (as Omnibug does: its tests assert t.co/i/adsct is not the pixel), so events are not doubled.
  patterns: [/^https?:\/\/analytics\.twitter\.com\/(?:1\/)?i\/adsct(?:[/?#]|$)/],
  params: {
    txn_id: 'Tag ID',
    p_id: 'Pixel Type',
    p_user_id: 'User ID',
    events: 'Event Data',
    event: 'Event (from events)',
    tw_sale_amount: 'Revenue',
    tw_order_quantity: 'Quantity',
    tw_document_href: 'Page URL',
    tw_iframe_status: 'Is an iFrame',
    tpx_cb: 'Callback',
    twclid: 'Click ID (twclid)',
    'data.value': 'Value',
    'data.currency': 'Currency',
    'data.num_items': 'Number of Items',
    'data.conversion_id': 'Conversion ID',
    'data.order_id': 'Order ID',
    'data.email_address': 'Email Address',
    'data.phone_number': 'Phone Number',
  },
  decode,
});
