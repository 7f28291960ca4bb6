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

/** An event tag's id, `tw-<pixel id>-<event id>`, as X Events Manager gives it to the `twq('event', ...)` call. */
const EVENT_TAG = /^tw-([a-z0-9]+)-([a-z0-9]+)$/i;

/**
 * Three shapes. An event tag hit (`event_id=tw-<pixel>-<event>`): the pixel is the account, the
 * event part names the event, the sale rides in `tw_sale_amount` / `tw_transaction_id` (the
 * image tag) or in the `event` JSON (`{"value", "currency", "conversion_id"}`, uwt.js). The
 * legacy `events` JSON, `[["pageview", null], ["purchase", {"value": "29.95", ...}]]`, one entry
 * per event, each event's data flattened under `data.`. Otherwise the base code's page view
 * (uwt.js 2.3 sends it with `event={}` and a random `event_id`).
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const shared = { ...queryToRecord(url), ...parseFormBody(request.body) };
  const tag = EVENT_TAG.exec(shared.event_id ?? '');
  if (tag) return [eventTagHit(shared, tag[1]!, tag[2]!)];
  if (shared.events === undefined || shared.events === '' || shared.events === '[[]]') return [baseCodeHit(shared)];
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

/** The `event` parameter's JSON object flattened under `data.`, or nothing when it is no object. */
function eventData(shared: Record<string, string>): Record<string, string> {
  const text = shared.event;
  if (text === undefined || !text.startsWith('{')) return {};
  try {
    return flattenJson(JSON.parse(text) as unknown, 'data');
  } catch {
    throw new Error(`event is not JSON: ${text.slice(0, 80)}`);
  }
}

function baseCodeHit(shared: Record<string, string>): VendorEvent {
  // `event` holds the data of uwt.js hits, not a name: the base code's hit is its page view.
  const data = eventData(shared);
  const name = shared.event?.startsWith('{') ? 'pageview' : (shared.event ?? '');
  return toVendorEvent('x', { ...shared, ...data, event: name }, mapping);
}

/** Event tag hits: the account comes from the event id, the image tag's order id first. */
const eventTagMapping: CanonicalMapping = {
  ...mapping,
  account: [],
  transactionId: ['tw_transaction_id', ...(mapping.transactionId ?? [])],
};

function eventTagHit(shared: Record<string, string>, pixel: string, eventPart: string): VendorEvent {
  const params = { ...shared, ...eventData(shared), event: eventPart };
  const { vendor, ...rest } = toVendorEvent('x', params, eventTagMapping);
  const event: VendorEvent = { vendor, account: pixel, ...rest };
  // `0` is what the image tag sends when the site fills in no order: no order id.
  if (event.transactionId === '0') delete event.transactionId;
  // X names events by tag id, not by type: a sale amount or the image tag's transaction id makes
  // it a purchase (a conversion_id alone is X's dedup key, which a lead carries too).
  const sold = event.value !== undefined && event.value > 0;
  if (sold || (shared.tw_transaction_id !== undefined && event.transactionId === shared.tw_transaction_id)) event.kind = 'purchase';
  return event;
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
    tw_transaction_id: 'Transaction ID',
    event_id: 'Event ID (tw-<pixel>-<event> for an event tag)',
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
