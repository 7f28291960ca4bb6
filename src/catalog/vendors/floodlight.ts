import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll } from '../canonical.ts';
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

/**
 * Adds the path's pairs to the query's params as `{ ...query, ...pathParams }` would: the path
 * overrides (keys keep their place), its first occurrence of a key wins, inherited names
 * (`toString`) never become params.
 */
function mergePathParams(record: Record<string, string>, pathname: string): void {
  const pairs = PATH_PARAMS.exec(pathname)?.[1];
  if (!pairs) return;
  const added: string[] = [];
  let start = 0;
  while (start <= pairs.length) {
    let end = pairs.indexOf(';', start);
    if (end < 0) end = pairs.length;
    if (end > start) {
      const at = pairs.indexOf('=', start);
      const hasValue = at >= 0 && at < end;
      const key = decodeComponent(pairs.slice(start, hasValue ? at : end));
      if (key !== '') {
        const value = hasValue ? decodeComponent(pairs.slice(at + 1, end)) : '';
        if (record[key] === undefined || (Object.hasOwn(record, key) && !added.includes(key))) {
          record[key] = value;
          added.push(key);
        }
      }
    }
    start = end + 1;
  }
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

const ORDER_ID = ['ord'];
const CLICK_IDS = { gclaw: ['gclaw'], gclid: ['gclid'], dclid: ['dclid'], wbraid: ['wbraid'], gbraid: ['gbraid'] };
const USER_IDS = { email: ['em'] };

function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  mergePathParams(params, url.pathname);
  const method = countingMethod(params);
  const sale = method === 'transactions / items_sold';
  const { src, type, cat } = params;
  const account = src === undefined ? undefined : type && cat ? `DC-${src}/${type}/${cat}` : `DC-${src}`;
  // Field by field in the canonical order, leaving out what is unknown (no withoutUndefined copy).
  const event = { vendor: 'floodlight' } as VendorEvent;
  if (account !== undefined) event.account = account;
  // The activity tag names the conversion; its group (`type`) is part of the account.
  event.eventName = cat ?? '';
  event.kind = sale ? 'purchase' : 'other';
  const transactionId = sale ? pick(params, ORDER_ID) : undefined;
  if (transactionId !== undefined) event.transactionId = transactionId;
  const value = sale ? toNumber(params.cost) : undefined;
  if (value !== undefined) event.value = value;
  const consent = googleConsent(params);
  if (consent !== undefined) event.consent = consent;
  const clickIds = pickAll(params, CLICK_IDS);
  if (clickIds !== undefined) event.clickIds = clickIds;
  const userIds = pickAll(params, USER_IDS);
  if (userIds !== undefined) event.userIds = userIds;
  // Added last, where `{ ...params, countingMethod }` puts it (or in place, if the query had one).
  params.countingMethod = method;
  event.params = params;
  return [event];
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
