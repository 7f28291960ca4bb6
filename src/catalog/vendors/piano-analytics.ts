import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson, parseJsonBody } from '../parse/json.ts';
import { queryToRecord } from '../parse/query.ts';

/**
 * Two generations. AT Internet (SmartTag) `hit.xiti` GETs: site `s`, page `p`, hit `type`
 * (Omnibug calls a hit without one a Page View). Orders (AT Internet's SDK, Order.setEvent):
 * `cmd` order id, `roimt` turnover, and with SalesTracker `mtttc` / `mtht` amount with / without
 * tax, `fp` / `fpht` shipping, `tax`, `st` status, `mp` payment method (a code, not an amount),
 * `tp=pre1` confirmation pending. The value is the amount with tax, else the turnover; the
 * tax-free amount would read as a mismatch against the order total. Piano Analytics `/event?s=<site>` with JSON `{"events": [{"name", "data"}]}`: one
 * event per entry, its data keys kept as sent (`transaction_id`, `cart_turnovertaxincluded`).
 */
const mapping: CanonicalMapping = {
  account: ['s'],
  eventName: ['event'],
  transactionId: ['transaction_id', 'cmd'],
  value: ['cart_turnovertaxincluded', 'cart_turnovertaxfree', 'mtttc', 'roimt'],
  // Orders carry `cart_currency`; product events (product.purchased) `product_currency`.
  currency: ['cart_currency', 'product_currency'],
  eventId: ['event_id'],
  userIds: { userId: ['user_id', 'an', 'at'] },
  kinds: { purchase: ['transaction.confirmation'], pageview: ['page.display', 'Page View'] },
};

function decodeXiti(params: Record<string, string>): VendorEvent[] {
  const event = toVendorEvent('piano-analytics', { ...params, event: params.type || 'Page View' }, mapping);
  // A page hit carrying an order id is the order confirmation page.
  const kind: EventKind = params.cmd ? 'purchase' : event.kind;
  return [{ ...event, kind }];
}

function decodeEvents(request: TagRequest, shared: Record<string, string>): VendorEvent[] {
  // GET hits carry the same JSON in `events`; POST hits in the body.
  const payload: unknown = request.body?.trim() ? parseJsonBody(request.body) : JSON.parse(shared.events ?? '[]');
  const list = Array.isArray(payload) ? payload : (payload as { events?: unknown } | null)?.events;
  if (!Array.isArray(list)) throw new Error('expected {"events": [...]}');
  const { events: _raw, ...query } = shared;
  return list.map((entry) => {
    const { name, data } = (entry ?? {}) as { name?: unknown; data?: unknown };
    return toVendorEvent('piano-analytics', { ...query, event: String(name ?? ''), ...flattenJson(data ?? {}) }, mapping);
  });
}

function decode(request: TagRequest, url: URL): VendorEvent[] {
  const shared = queryToRecord(url);
  return /\/hit\.xiti$/.test(url.pathname) ? decodeXiti(shared) : decodeEvents(request, shared);
}

export default defineVendor({
  id: 'piano-analytics',
  label: 'Piano Analytics (AT Internet)',
  category: 'analytics',
  patterns: [
    // AT Internet on any host (logs*.xiti.com and first-party collection domains).
    /^https?:\/\/[^?#]*\/hit\.xiti(?:[?#]|$)/,
    // Piano Analytics collection domains; first-party ones are too generic (/event) to claim.
    /^https?:\/\/(?:[^/?#]*\.)?(?:pa-cd\.com|xiti\.com)(?::\d+)?\/event(?:[?#]|$)/,
  ],
  params: {
    s: 'Site Number',
    p: 'Page (AT Internet)',
    s2: 'Level 2',
    type: 'Hit Type',
    idclient: 'Unique Visitor ID',
    an: 'Visitor Numerical ID',
    at: 'Visitor Textual ID',
    cmd: 'Order ID',
    roimt: 'Turnover',
    st: 'Order Status',
    newcus: 'New Customer',
    mtht: 'Amount (tax free)',
    mtttc: 'Amount (tax included)',
    tax: 'Tax Amount',
    fpht: 'Shipping Fees (tax free)',
    fp: 'Shipping Fees (tax included)',
    dl: 'Delivery Method',
    dscht: 'Discount (tax free)',
    dsc: 'Discount (tax included)',
    pcd: 'Promotional Code',
    mp: 'Payment Method',
    tp: 'Page Type (pre1 = confirmation pending)',
    vtag: 'Library Version',
    ptag: 'Tag Type',
    ref: 'Referrer',
    col: 'Protocol Version',
    event: 'Event',
    page: 'Page',
    page_chapter1: 'Page Chapter 1',
    transaction_id: 'Transaction ID',
    cart_id: 'Cart ID',
    cart_turnovertaxincluded: 'Cart Turnover (tax included)',
    cart_turnovertaxfree: 'Cart Turnover (tax free)',
    cart_currency: 'Currency',
    product_currency: 'Product Currency',
    user_id: 'User ID',
  },
  decode,
});
