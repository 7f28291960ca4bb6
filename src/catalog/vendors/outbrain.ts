import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  // One pixel can fire for several marketers at once: the comma-separated list is the account, as Omnibug shows it.
  account: ['marketerId'],
  eventName: ['name'],
  transactionId: ['orderId'],
  value: ['orderValue'],
  currency: ['currency'],
  // obclid: the click id from the landing URL; dicbo: the pixel's first-party click cookie.
  clickIds: { obclid: ['obclid', 'ob_click_id'], dicbo: ['dicbo'] },
  // Conversion names are chosen by the advertiser; these are the usual purchase spellings.
  kinds: { purchase: ['purchase', 'Purchase', 'PURCHASE'], pageview: ['PAGE_VIEW'] },
};

/**
 * The Outbrain pixel (obtp.js) sends one GET per event with everything in the query. A custom
 * conversion name that reports an order id is a sale too.
 */
function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  const event = toVendorEvent('outbrain', params, mapping);
  if (event.kind === 'other' && event.eventName !== '' && event.transactionId !== undefined) {
    return [{ ...event, kind: 'purchase' }];
  }
  return [event];
}

export default defineVendor({
  id: 'outbrain',
  label: 'Outbrain Pixel',
  category: 'advertising',
  patterns: [/^https?:\/\/tr\.outbrain\.com\/(?:unifiedPixel|pixel)\/?(?:[?#]|$)/],
  params: {
    marketerId: 'Marketer ID',
    name: 'Event Name',
    dl: 'Page URL',
    optOut: 'Opt Out',
    bust: 'Cache Buster',
    obApiVersion: 'API Version',
    obtpVersion: 'Pixel Version',
    orderId: 'Order ID',
    orderValue: 'Order Value',
    currency: 'Currency',
    obclid: 'Click ID',
    ob_click_id: 'Click ID',
    dicbo: 'Click ID Cookie (dicbo)',
  },
  decode,
});
