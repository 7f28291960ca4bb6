import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { googleConsent } from '../parse/google-consent.ts';
import { toNumber } from '../parse/number.ts';
import { queryToRecord, parseFormBody, parseUrlEncoded } from '../parse/query.ts';

/**
 * A sale is a classic ecommerce `t=transaction` hit or an enhanced ecommerce purchase action
 * (`pa=purchase`, which rides on a pageview or event hit).
 */
function kindOf(params: Record<string, string>, eventName: string): EventKind {
  if (eventName === 'transaction' || params.pa === 'purchase' || eventName === 'purchase') return 'purchase';
  if (eventName === 'pageview' || eventName === 'page_view') return 'pageview';
  return 'other';
}

/**
 * analytics.js sends GETs (`/collect`, `/r/collect`, `/j/collect`) or the same keys as a form
 * POST. The Measurement Protocol's `/batch` POST carries up to 20 hits, one payload per body line.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  if (/\/batch\/?$/.test(url.pathname)) {
    const query = queryToRecord(url);
    const lines = (request.body ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    return lines.map((line) => hitEvent({ ...query, ...parseUrlEncoded(line) }));
  }
  return [hitEvent({ ...queryToRecord(url), ...parseFormBody(request.body) })];
}

function hitEvent(params: Record<string, string>): VendorEvent {
  // `t` is the hit type of v=1; v=2 (gtag) hits that still go to /collect name the event in `en`.
  const eventName = pick(params, ['t', 'en']) ?? '';
  const kind = kindOf(params, eventName);
  // Order fields are only the shop's order on a sale; `ti` also rides on item hits.
  const sale = kind === 'purchase' || eventName === 'item';
  return withoutUndefined({
    vendor: 'universal-analytics',
    account: pick(params, ['tid']),
    eventName,
    kind,
    transactionId: sale ? pick(params, ['ti']) : undefined,
    value: kind === 'purchase' ? toNumber(pick(params, ['tr'])) : undefined,
    currency: pick(params, ['cu']),
    consent: googleConsent(params),
    userIds: pickAll(params, { userId: ['uid'] }),
    params,
  });
}

export default defineVendor({
  id: 'universal-analytics',
  label: 'Universal Analytics',
  category: 'analytics',
  // Google's own hosts only (GA4 owns /g/collect on any host); regional subdomains included.
  patterns: [/^https?:\/\/(?:[\w-]+\.)*(?:google-analytics\.com|analytics\.google\.com)(?::\d+)?\/(?:(?:[rj]\/)?collect|batch)(?:[/?#]|$)/],
  // Omnibug skips the consent-mode pings analytics.js sends alongside the hits.
  excludes: [/[?&]consentMode=/],
  params: {
    v: 'Protocol Version',
    tid: 'Tracking ID',
    cid: 'Client ID',
    uid: 'User ID',
    t: 'Hit Type',
    en: 'Event Name (v2)',
    dl: 'Document Location',
    dp: 'Document Path',
    dh: 'Document Host',
    dt: 'Document Title',
    dr: 'Document Referrer',
    ul: 'User Language',
    sr: 'Screen Resolution',
    vp: 'Viewport Size',
    de: 'Document Encoding',
    sd: 'Screen Colors',
    je: 'Java Enabled',
    ni: 'Non-Interaction Hit',
    ec: 'Event Category',
    ea: 'Event Action',
    el: 'Event Label',
    ev: 'Event Value',
    ti: 'Transaction ID',
    ta: 'Transaction Affiliation',
    tr: 'Transaction Revenue',
    ts: 'Transaction Shipping',
    tt: 'Transaction Tax',
    tcc: 'Coupon Code',
    cu: 'Currency Code',
    in: 'Item Name',
    ip: 'Item Price',
    iq: 'Item Quantity',
    ic: 'Item Code',
    iv: 'Item Category',
    pa: 'Product Action',
    pal: 'Product Action List',
    gtm: 'GTM Hash',
    _v: 'Library Version',
    _s: 'Hit Sequence',
    _gid: 'Google ID',
    z: 'Cache Buster',
    gcs: 'Consent State (gcs)',
    gcd: 'Consent Defaults (gcd)',
    npa: 'Non-Personalized Ads',
  },
  decode,
});
