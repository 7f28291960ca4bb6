import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { googleConsent } from '../parse/google-consent.ts';
import { toNumber } from '../parse/number.ts';
import { queryToRecord } from '../parse/query.ts';

/**
 * Conversion id from the path; gtag sometimes writes it with its AW- prefix. The `1p-` paths are
 * the follow-on gtag sends to www.google.<country> after a conversion (1p-conversion) or a
 * remarketing hit (1p-user-list), with the same id, label, order id and value.
 */
const CONVERSION_PATH = /\/pagead\/(?:viewthroughconversion|conversion|(1p-conversion|1p-user-list))\/((?:AW-)?[\w-]+)\/?$/;

/** The name of an unlabelled `event=purchase` hit: remarketing, not a conversion. */
const REMARKETING_PURCHASE = 'purchase (remarketing)';
const EVENT_IN_DATA = /(?:^|;)event=([^;]*)/;
const ORDER_OR_VALUE = ['oid', 'value'];
const ORDER_ID = ['oid'];
/** gtag's event parameters in `data` may carry the order id where `oid` is absent. */
const ORDER_IN_DATA = /(?:^|;)transaction_id=([^;]*)/;
const CURRENCY = ['currency_code'];
const CLICK_IDS = { gclaw: ['gclaw'], gclid: ['gclid'], wbraid: ['wbraid'], gbraid: ['gbraid'] };
// Enhanced conversions: hashed user data rides in `em` (tv.1~em.<sha256>).
const USER_IDS = { email: ['em'] };

/**
 * gtag's event rides in `data` as `event=<name>;key=value;...`. Without it, a labelled hit is a
 * classic conversion and an unlabelled one the remarketing page hit. An unlabelled purchase is
 * the remarketing audience hit gtag sends beside the conversion (no conversion action counts
 * it): its name says so, and it is no purchase.
 */
function eventNameOf(params: Record<string, string>): string {
  const fromData = EVENT_IN_DATA.exec(params.data ?? '')?.[1];
  if (fromData !== undefined && fromData !== '') return fromData === 'purchase' && !params.label ? REMARKETING_PURCHASE : fromData;
  return params.label ? 'conversion' : 'page_view';
}

function dataField(params: Record<string, string>, field: RegExp): string | undefined {
  const found = params.data === undefined ? undefined : field.exec(params.data)?.[1];
  return found === '' ? undefined : found;
}

function kindOf(eventName: string, params: Record<string, string>): EventKind {
  if (eventName === 'purchase') return 'purchase';
  // A conversion that reports an order id or an amount is a sale, not a sign-up or a call.
  if (eventName === 'conversion' && pick(params, ORDER_OR_VALUE) !== undefined) return 'purchase';
  if (eventName === 'page_view' || eventName === 'gtag.config') return 'pageview';
  return 'other';
}

function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  const path = CONVERSION_PATH.exec(url.pathname);
  const id = path?.[2];
  const conversionId = id === undefined ? undefined : id.startsWith('AW-') ? id : `AW-${id}`;
  // As Omnibug shows it: the label tells which conversion action of the account fired.
  const account = conversionId && params.label ? `${conversionId}/${params.label}` : conversionId;
  const eventName = eventNameOf(params);
  // Field by field in the canonical order, leaving out what is unknown (no withoutUndefined copy).
  const event = { vendor: 'google-ads' } as VendorEvent;
  if (account !== undefined) event.account = account;
  event.eventName = eventName;
  event.kind = kindOf(eventName, params);
  const transactionId = pick(params, ORDER_ID) ?? dataField(params, ORDER_IN_DATA);
  if (transactionId !== undefined) event.transactionId = transactionId;
  const value = toNumber(params.value);
  if (value !== undefined) event.value = value;
  const currency = pick(params, CURRENCY);
  if (currency !== undefined) event.currency = currency;
  const consent = googleConsent(params);
  if (consent !== undefined) event.consent = consent;
  const clickIds = pickAll(params, CLICK_IDS);
  if (clickIds !== undefined) event.clickIds = clickIds;
  const userIds = pickAll(params, USER_IDS);
  if (userIds !== undefined) event.userIds = userIds;
  // The follow-on repeats its conversion: it stands for the purchase only when the original is missing.
  if (path?.[1] !== undefined) event.companion = true;
  event.params = params;
  return [event];
}

export default defineVendor({
  id: 'google-ads',
  label: 'Google Ads',
  category: 'advertising',
  patterns: [
    /^https?:\/\/googleads\.g\.doubleclick\.net\/pagead\/viewthroughconversion\/(?:AW-)?[\w-]+\/?(?:[?#]|$)/,
    /^https?:\/\/(?:www\.)?googleadservices\.com\/pagead\/conversion\/(?:AW-)?[\w-]+\/?(?:[?#]|$)/,
    // The follow-ons, on www.google.com and the country domains (www.google.de, .co.uk, .com.au).
    /^https?:\/\/www\.google\.(?:com|(?:com?\.)?[a-z]{2})\/pagead\/1p-(?:conversion|user-list)\/(?:AW-)?[\w-]+\/?(?:[?#]|$)/,
  ],
  params: {
    label: 'Conversion Label',
    value: 'Conversion Value',
    currency_code: 'Currency',
    oid: 'Order ID',
    data: 'Event Data',
    url: 'Page URL',
    ref: 'Referrer',
    tiba: 'Page Title',
    random: 'Cache Buster',
    cv: 'Tag Version',
    fst: 'First Seen Timestamp',
    num: 'Conversion Count',
    guid: 'User Cookie Flag',
    gtm: 'GTM Hash',
    gclaw: 'Google Click ID',
    em: 'Enhanced Conversions Data',
    gcs: 'Consent State (gcs)',
    gcd: 'Consent Defaults (gcd)',
    npa: 'Non-Personalized Ads',
  },
  decode,
});
