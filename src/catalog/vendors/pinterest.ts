import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { jsonParam } from '../parse/bracket-json.ts';
import { queryToRecord } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['tid'],
  eventName: ['event'],
  transactionId: ['ed[order_id]', 'ed[transaction_id]'],
  value: ['ed[value]'],
  currency: ['ed[currency]'],
  eventId: ['ed[event_id]', 'event_id'],
  clickIds: { epik: ['epik', 'ad[epik]'] },
  userIds: { email: ['pd[em]'], externalId: ['pd[external_id]'] },
  kinds: { purchase: ['checkout'], pageview: ['pagevisit', 'page_visit'] },
};

/** The tag's event data (`ed`), page data (`pd`) and ad context (`ad`) are JSON in the query. */
function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const query = queryToRecord(url);
  const params = { ...query, ...jsonParam(query, 'ed'), ...jsonParam(query, 'pd'), ...jsonParam(query, 'ad') };
  return [toVendorEvent('pinterest', params, mapping)];
}

export default defineVendor({
  id: 'pinterest',
  label: 'Pinterest Tag',
  category: 'advertising',
  // Conversion hits only; /user/ is the tag's user sync, which Omnibug does not claim either.
  patterns: [/^https?:\/\/ct\.pinterest\.com\/v3\/?(?:[?#]|$)/],
  params: {
    tid: 'Tag ID',
    event: 'Event',
    cb: 'Cache Buster',
    noscript: 'Image Tag',
    epik: 'Click ID (epik)',
    ed: 'Event Data',
    pd: 'Page Data',
    ad: 'Ad Context',
    'pd[em]': 'Hashed Email Address',
    'ed[value]': 'Revenue',
    'ed[order_quantity]': 'Quantity',
    'ed[currency]': 'Currency',
    'ed[order_id]': 'Order ID',
    'ed[transaction_id]': 'Transaction ID',
    'ed[event_id]': 'Event ID',
    'ed[promo_code]': 'Promo Code',
    'ed[property]': 'Property',
    'ed[search_query]': 'Search Query',
    'ed[video_title]': 'Video Title',
    'ed[lead_type]': 'Lead Type',
    'ad[loc]': 'Page URL',
    'ad[ref]': 'Referrer',
  },
  decode,
});
