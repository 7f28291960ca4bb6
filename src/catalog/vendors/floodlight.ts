import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { googleConsent } from '../parse/google-consent.ts';
import { toNumber } from '../parse/number.ts';
import { queryToRecord } from '../parse/query.ts';

/** Everything after `activityi;`, `activity;` or `/ddm/activity/` is `key=value` pairs separated by `;`. */
const PATH_PARAMS = /\/(?:ddm\/)?activityi?[;/](.*)$/;

function decodeComponent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function pathParams(pathname: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const pair of (PATH_PARAMS.exec(pathname)?.[1] ?? '').split(';')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = decodeComponent(at < 0 ? pair : pair.slice(0, at));
    if (key !== '' && !(key in record)) record[key] = at < 0 ? '' : decodeComponent(pair.slice(at + 1));
  }
  return record;
}

/**
 * As Omnibug reads it: a tag with a quantity is a sales tag, whose `ord` is the order id;
 * otherwise `ord` is the counter tag's counting method (1 = unique, random = standard, absent =
 * per session).
 */
function countingMethod(params: Record<string, string>): string {
  if (!params.ord) return 'per_session';
  if (params.qty) return 'transactions / items_sold';
  return params.ord === '1' ? 'unique' : 'standard';
}

function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = { ...queryToRecord(url), ...pathParams(url.pathname) };
  const method = countingMethod(params);
  const sale = method === 'transactions / items_sold';
  const { src, type, cat } = params;
  const account = src === undefined ? undefined : type && cat ? `DC-${src}/${type}/${cat}` : `DC-${src}`;
  return [
    withoutUndefined({
      vendor: 'floodlight',
      account,
      // The activity tag names the conversion; its group (`type`) is part of the account.
      eventName: cat ?? '',
      kind: sale ? ('purchase' as const) : ('other' as const),
      transactionId: sale ? pick(params, ['ord']) : undefined,
      value: sale ? toNumber(params.cost) : undefined,
      consent: googleConsent(params),
      clickIds: pickAll(params, { gclaw: ['gclaw'], gclid: ['gclid'], dclid: ['dclid'], wbraid: ['wbraid'], gbraid: ['gbraid'] }),
      userIds: pickAll(params, { email: ['em'] }),
      params: { ...params, countingMethod: method },
    }),
  ];
}

export default defineVendor({
  id: 'floodlight',
  label: 'Floodlight (Campaign Manager 360)',
  category: 'advertising',
  patterns: [/^https?:\/\/(?:[\w-]+\.)?(?:fls|ad)\.doubleclick\.net\/(?:ddm\/)?activityi?[;/]/],
  // dc_pre is the pre-render ping of a tag, not a counted activity (Omnibug skips it too).
  excludes: [/[;?&]dc_pre=/],
  params: {
    src: 'Advertiser ID',
    type: 'Activity Group',
    cat: 'Activity Tag',
    ord: 'Order ID / Counting Number',
    qty: 'Quantity',
    cost: 'Value',
    num: 'Request Cache Buster',
    countingMethod: 'Counting Method',
    '~oref': 'Page URL',
    gtm: 'GTM Hash',
    auiddc: 'Floodlight Cookie ID',
    dc_lat: 'Limit Ad Tracking',
    tag_for_child_directed_treatment: 'COPPA Request',
    tfua: 'User Underage',
    npa: 'Opt-out of Remarketing',
    gcs: 'Consent State (gcs)',
    gcd: 'Consent Defaults (gcd)',
    u1: 'Custom Field 1',
  },
  decode,
});
