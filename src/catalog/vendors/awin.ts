import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { toNumber } from '../parse/number.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

/**
 * Awin's conversion tag: the image/JS fallback (`tt=ns` / `tt=js`) and the server-to-server call
 * (`tt=ss`) all hit sread.* with the sale in the query. There is no event name: every hit is a
 * transaction (`ref` is the merchant's order reference, `parts` the commission groups).
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = { ...queryToRecord(url), ...parseFormBody(request.body) };
  return [
    withoutUndefined({
      vendor: 'awin',
      account: pick(params, ['merchant']),
      eventName: 'sale',
      kind: 'purchase' as const,
      transactionId: pick(params, ['ref']),
      value: toNumber(pick(params, ['amount'])),
      currency: pick(params, ['cr']),
      // The awc click reference, read from the first-party cookie and sent as `cks`.
      clickIds: pickAll(params, { awc: ['cks', 'awc'] }),
      params,
    }),
  ];
}

export default defineVendor({
  id: 'awin',
  label: 'Awin',
  category: 'advertising',
  patterns: [/^https?:\/\/(?:www\.)?awin1\.com\/sread\.(?:php|img|js)(?:[?#]|$)/],
  params: {
    tt: 'Tracking Type',
    tv: 'Tracking Version',
    merchant: 'Advertiser ID',
    amount: 'Order Amount',
    ch: 'Channel',
    cr: 'Currency',
    ref: 'Order Reference',
    parts: 'Commission Groups',
    vc: 'Voucher Code',
    cks: 'Click Reference (awc)',
    testmode: 'Test Mode',
    p1: 'Custom Parameter 1',
    l: 'Page URL',
  },
  decode,
});
