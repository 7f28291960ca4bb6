import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord, parseFormBody, parseUrlEncoded } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['a'],
  eventName: ['e'],
  // On trackTransaction (vc) `id` is the order id; on other events it is absent.
  transactionId: ['id'],
  // Criteo sends no total: `value` is derived from the items (price x quantity), see decode.
  value: ['value'],
  currency: ['c'],
  userIds: { email: ['ce.m', 'ce.em'], externalId: ['ce.ci'] },
  kinds: {
    purchase: ['vc', 'trackTransaction'],
    pageview: ['vh', 'vl', 'vp', 'vb', 'viewHome', 'viewList', 'viewItem', 'viewBasket'],
  },
};

/** Entries that set data for the hit's events rather than being events themselves. */
const SETTERS = new Set(['exd', 'ce', 'dis', 'sd', 'ac', 'setData', 'setEmail', 'setSiteType', 'setAccount']);

/** `[i=A122&pr=44.9&q=2,i=F5532&pr=85&q=1]`: the items of a basket or transaction. */
function itemsTotal(products: string | undefined): string | undefined {
  if (!products || !/^\[.*\]$/.test(products)) return undefined;
  let total = 0;
  for (const item of products.slice(1, -1).split(',')) {
    const { pr, q } = parseUrlEncoded(item);
    const price = Number(pr);
    const quantity = q === undefined || q === '' ? 1 : Number(q);
    if (!Number.isFinite(price) || !Number.isFinite(quantity)) return undefined;
    total += price * quantity;
  }
  return String(Math.round(total * 100) / 100);
}

/**
 * OneTag batches its calls as p0, p1, ...: each an urlencoded `e=<event>&...`. Setters (site
 * type, e-mail, ...) are shared by the hit and kept as `<setter>.<key>` (`exd.site_type`,
 * `ce.m`); every other entry is one event.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const query = { ...queryToRecord(url), ...parseFormBody(request.body) };
  const entries = Object.keys(query)
    .filter((key) => /^p\d+$/.test(key))
    .sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))
    .map((key) => parseUrlEncoded(query[key] ?? ''));
  const shared: Record<string, string> = { ...query };
  for (const entry of entries) {
    if (!SETTERS.has(entry.e ?? '')) continue;
    for (const [key, value] of Object.entries(entry)) if (key !== 'e') shared[`${entry.e}.${key}`] = value;
  }
  return entries
    .filter((entry) => entry.e && !SETTERS.has(entry.e))
    .map((entry) => {
      const params = { ...shared, ...entry };
      const value = itemsTotal(entry.item ?? entry.p);
      if (value !== undefined && ['vc', 'trackTransaction', 'vb', 'viewBasket'].includes(entry.e ?? '')) params.value = value;
      return toVendorEvent('criteo', params, mapping);
    });
}

export default defineVendor({
  id: 'criteo',
  label: 'Criteo OneTag',
  category: 'advertising',
  // dis.criteo.com (user sync) and static.criteo.net (the loader) carry no event and are not claimed.
  patterns: [/^https?:\/\/(?:ssl)?widget\.criteo\.com\/event(?:[/?#]|$)/],
  params: {
    a: 'Account ID',
    v: 'Tag Version',
    tld: 'Top-Level Domain',
    e: 'Event',
    c: 'Currency',
    id: 'Transaction ID',
    p: 'Products',
    item: 'Products',
    value: 'Order Value (derived from items)',
    'exd.site_type': 'Site Type',
    'ce.m': 'Hashed Email',
    adce: 'Ad Consent',
  },
  decode,
});
