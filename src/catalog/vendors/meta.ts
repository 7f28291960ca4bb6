import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['id'],
  eventName: ['ev'],
  // Meta has no standard order id; shops pass it in custom data, and order_id is the usual name.
  transactionId: ['cd[order_id]'],
  value: ['cd[value]'],
  currency: ['cd[currency]'],
  eventId: ['eid'],
  clickIds: { fbc: ['fbc'] },
  userIds: { email: ['ud[em]'], phone: ['ud[ph]'], externalId: ['ud[external_id]'] },
  kinds: { purchase: ['Purchase'], pageview: ['PageView'] },
};

/** Pixel GETs carry everything in the query; larger events are POSTed as a form with the same keys. */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  // A GET (no body) reads the query alone. Object.assign rather than two spreads: same record
  // (no form key is inherited or `__proto__`), without V8 giving each copy a map of its own.
  const params = request.body ? Object.assign(queryToRecord(url), parseFormBody(request.body)) : queryToRecord(url);
  // Microdata is the pixel scraping page metadata, not an event the shop sent.
  if (params.ev === 'Microdata') return [];
  return [toVendorEvent('meta', params, mapping)];
}

export default defineVendor({
  id: 'meta',
  label: 'Meta Pixel',
  category: 'advertising',
  // With a query (GET) or bare (form POST); not /tracking or /tr.js lookalikes.
  patterns: [/^https?:\/\/(?:[^/?#]*\.)?facebook\.com\/tr\/?(?:[?#]|$)/],
  excludes: [/[?&]ev=Microdata(?:[&#]|$)/],
  params: {
    id: 'Pixel ID',
    ev: 'Event',
    eid: 'Event ID',
    dl: 'Page URL',
    rl: 'Referring URL',
    ts: 'Timestamp',
    if: 'In an iFrame',
    it: 'Initialized Timestamp',
    v: 'Pixel Version',
    r: 'Code Branch',
    ec: 'Event Count',
    sw: 'Screen Width',
    sh: 'Screen Height',
    fbp: 'Browser ID (_fbp)',
    fbc: 'Click ID (_fbc)',
    'cd[value]': 'Value',
    'cd[currency]': 'Currency',
    'cd[order_id]': 'Order ID',
    'cd[content_ids]': 'Product IDs',
    'cd[content_type]': 'Content Type',
    'cd[content_name]': 'Content Name',
    'cd[content_category]': 'Content Category',
    'cd[contents]': 'Contents',
    'cd[num_items]': 'Quantity',
    'ud[em]': 'Hashed Email',
    'ud[external_id]': 'External ID',
  },
  decode,
});
