import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['pid'],
  eventName: ['ev'],
  // The pixel sends snaptr's price/currency/transaction_id as e_pr/e_cur/e_tid.
  transactionId: ['e_tid', 'transaction_id'],
  value: ['e_pr', 'price'],
  currency: ['e_cur', 'currency'],
  eventId: ['e_cdid', 'client_dedup_id'],
  // The pixel sends the ad click's ScCid as s_r_id (see decode); sc_click_id is the Conversions
  // API's name for it, kept for proxies that forward CAPI-style fields to the pixel endpoint.
  clickIds: { ScCid: ['sc_click_id'] },
  userIds: { email: ['u_hem'], phone: ['u_hpn'] },
  kinds: { purchase: ['PURCHASE'], pageview: ['PAGE_VIEW'] },
};

/**
 * scevent.min.js keeps a "referral id" and sends it on every hit as `s_r_id`, its source in
 * `s_r_ids`: 2 = the `ScCid` of the ad's landing URL (the click id), 1 = the id Snapchat's in-app
 * browser hands over (`srid`), which is not a click id. (`u_sclid` is a local-storage browser id
 * despite its name.)
 */
function snapClickId(params: Record<string, string>): string | undefined {
  return params.s_r_id && params.s_r_ids !== '1' ? params.s_r_id : undefined;
}

/** A form POST in practice; a GET carries the same keys in the query. */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = { ...queryToRecord(url), ...parseFormBody(request.body) };
  const event = toVendorEvent('snapchat', params, mapping);
  const ScCid = snapClickId(params);
  return [ScCid ? { ...event, clickIds: { ...event.clickIds, ScCid } } : event];
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
    s_r_id: 'Referral ID (ScCid click id, or in-app srid)',
    s_r_ids: 'Referral ID Source (2 = ScCid, 1 = in-app)',
    u_sclid: 'Local Storage ID',
    u_scsid: 'Session ID',
    sc_click_id: 'Click ID (ScCid, Conversions API name)',
  },
  decode,
});
