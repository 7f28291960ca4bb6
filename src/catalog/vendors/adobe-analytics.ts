import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';

/**
 * AppMeasurement sends no event name: like Omnibug, the name is the hit type (Page View for
 * s.t(), Download/Exit/Other Click for s.tl(), Media for media hits). Success events ride in
 * `events`, so the kind comes from there: a hit whose events include `purchase` is a purchase.
 */
const mapping: CanonicalMapping = {
  account: ['rsid'],
  eventName: ['requestType'],
  transactionId: ['purchaseID'],
  value: ['revenue'],
  currency: ['cc'],
  userIds: { visitorId: ['vid'], userId: ['cid.userid.id'] },
  kinds: { pageview: ['Page View'] },
};

const LINK_TYPES: Record<string, string> = { lnk_e: 'Exit Click', lnk_d: 'Download Click', lnk_o: 'Other Click' };

function requestType(pe: string | undefined): string {
  if (pe === undefined || pe === '') return 'Page View';
  if (LINK_TYPES[pe]) return LINK_TYPES[pe];
  if (/^ms?_/.test(pe)) return 'Media';
  return pe;
}

/**
 * Query and (for POST) body pairs in order. Context data is nested with marker keys:
 * `c.&a.&activitymap.&page=X&.activitymap&.a&.c` gives `c.a.activitymap.page` = X.
 */
function pairs(request: TagRequest, url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  const stack: string[] = [];
  const all = [...url.searchParams, ...(request.body ? new URLSearchParams(request.body.trim()) : [])];
  for (const [key, value] of all) {
    if (key.endsWith('.') && value === '') {
      stack.push(key);
      continue;
    }
    if (key.startsWith('.') && value === '') {
      stack.pop();
      continue;
    }
    const name = stack.join('') + key;
    if (!(name in out)) out[name] = value;
  }
  return out;
}

/**
 * `products` is `category;name;quantity;price;events;merch,...`; the price field is the row's
 * total revenue (set on purchase hits), so the order value is their sum.
 */
function productsRevenue(products: string | undefined): string | undefined {
  if (!products) return undefined;
  let total = 0;
  let any = false;
  for (const row of products.split(',')) {
    const price = row.split(';')[3];
    if (price === undefined || price.trim() === '') continue;
    const amount = Number(price);
    if (!Number.isFinite(amount)) continue;
    total += amount;
    any = true;
  }
  return any ? String(Math.round(total * 100) / 100) : undefined;
}

function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = pairs(request, url);
  const rsid = /\/b\/ss\/([^/?#]+)\//.exec(url.pathname)?.[1];
  if (rsid) params.rsid = decodeURIComponent(rsid);
  params.requestType = requestType(params.pe);
  const events = (params.events ?? '').split(',').map((event) => event.split(/[=:]/)[0]?.trim());
  const revenue = productsRevenue(params.products);
  if (revenue !== undefined && events.includes('purchase')) params.revenue = revenue;
  const event = toVendorEvent('adobe-analytics', params, mapping);
  const kind: EventKind = events.includes('purchase') ? 'purchase' : event.kind;
  return [{ ...event, kind }];
}

export default defineVendor({
  id: 'adobe-analytics',
  label: 'Adobe Analytics',
  category: 'analytics',
  // /b/ss/ on any host: Adobe's (*.sc.omtrdc.net, *.2o7.net) and first-party (smetrics.example.com).
  patterns: [/^https?:\/\/[^/?#]+\/b\/ss\//],
  params: {
    rsid: 'Report Suites',
    requestType: 'Hit Type (derived)',
    pageName: 'Page name',
    g: 'Current URL',
    r: 'Referrer',
    ch: 'Channel',
    server: 'Server',
    events: 'Events',
    products: 'Products',
    purchaseID: 'Purchase ID',
    xact: 'Transaction ID',
    cc: 'Currency Code',
    revenue: 'Revenue (derived from products)',
    pe: 'Link Type',
    pev1: 'Link URL',
    pev2: 'Link Name',
    mid: 'Experience Cloud Visitor ID',
    aid: 'Legacy Visitor ID',
    vid: 'Custom Visitor ID',
    mcorgid: 'Experience Cloud Org ID',
    ns: 'Visitor Namespace',
    ce: 'Character Set',
    t: 'Browser Time',
    v0: 'Campaign',
    c: 'Color Depth',
    s: 'Screen Resolution',
  },
  decode,
});
