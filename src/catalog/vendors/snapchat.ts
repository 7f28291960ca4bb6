import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { paramsToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['pid'],
  eventName: ['ev'],
  // The pixel sends snaptr's price/currency/transaction_id as e_pr/e_cur/e_tid.
  transactionId: ['e_tid', 'transaction_id'],
  value: ['e_pr', 'price'],
  currency: ['e_cur', 'currency'],
  eventId: ['e_cdid', 'client_dedup_id'],
  clickIds: { ScCid: ['sc_click_id', 'ScCid', 'click_id'] },
  userIds: { email: ['u_hem'], phone: ['u_hpn'] },
  kinds: { purchase: ['PURCHASE'], pageview: ['PAGE_VIEW'] },
};

/** A form POST in practice; a GET carries the same keys in the query. */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = { ...paramsToRecord(url.searchParams), ...parseFormBody(request.body) };
  return [toVendorEvent('snapchat', params, mapping)];
}

export default defineVendor({
  id: 'snapchat',
  label: 'Snap Pixel',
  category: 'advertising',
  // /p only: /cm/... are cookie matching.
  patterns: [/^https?:\/\/tr(?:-shadow)?\.snapchat\.com\/p\/?(?:[?#]|$)/],
  params: {
    pid: 'Pixel ID',
    ev: 'Event',
    pl: 'Page URL',
    rf: 'Referrer',
    ts: 'Timestamp',
    v: 'Pixel Version',
    if: 'In an iFrame',
    u_hem: 'User Email (Hashed)',
    u_hpn: 'User Phone Number (Hashed)',
    u_c1: 'Cookie ID',
    e_desc: 'Description',
    e_sm: 'Sign Up Method',
    e_su: 'Success',
    e_ni: 'Number of Items',
    e_iids: 'Item IDs',
    e_ic: 'Item Category',
    e_pia: 'Payment Info Available',
    e_cur: 'Currency',
    e_pr: 'Price',
    e_tid: 'Transaction ID',
    e_ss: 'Search Keyword',
    e_cdid: 'Client Dedup ID',
    sc_click_id: 'Click ID (ScCid)',
  },
  decode,
});
