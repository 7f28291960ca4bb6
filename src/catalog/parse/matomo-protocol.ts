import type { TagRequest } from '../../model/tag-request.ts';
import { queryToRecord, parseFormBody, parseUrlEncoded } from './query.ts';

/**
 * Matomo tracking protocol, shared by Matomo and Piwik PRO (a Matomo fork): one hit per GET
 * query, a POST form with the same keys, or a bulk POST `{"requests": ["?idsite=1&...", ...]}`.
 * Returns one flat param record per hit, query keys first (the body overrides nothing it lacks).
 */
export function matomoHits(request: TagRequest, url: URL): Record<string, string>[] {
  const shared = queryToRecord(url);
  const body = request.body?.trim();
  if (!body) return [withDerived(shared, url)];
  if (body.startsWith('{')) {
    const parsed: unknown = JSON.parse(body);
    const requests = (parsed as { requests?: unknown }).requests;
    if (!Array.isArray(requests)) throw new Error('expected a bulk body {"requests": [...]}');
    return requests.map((entry) => {
      if (typeof entry !== 'string') throw new Error('bulk request entries must be query strings');
      return withDerived({ ...shared, ...parseUrlEncoded(entry.replace(/^\?/, '')) }, url);
    });
  }
  return [withDerived({ ...shared, ...parseFormBody(body) }, url)];
}

/**
 * The account of a hit: one tracker serves many sites, so the site (`idsite`) is part of it,
 * `analytics.shop.example site 3`; the tracker host alone when the hit names no site.
 */
export function matomoAccount(params: Record<string, string>): string | undefined {
  const host = params.trackingServer;
  const site = params.idsite;
  if (!site) return host;
  return host ? `${host} site ${site}` : `site ${site}`;
}

/** Omnibug's request type: what kind of hit this is, derived from which keys are present. */
export function matomoRequestType(params: Record<string, string>): string {
  if (params.search) return 'Site Search';
  if (params.idgoal === '0') return 'Ecommerce';
  if (params.idgoal) return 'Goal';
  if (params.exit || params.link) return 'Exit Click';
  if (params.download) return 'Download Click';
  if (params.c_i) return 'Content Interaction';
  if (params.e_c || params.e_a) return 'Custom Event';
  if (params.ping) return 'Ping';
  return 'Page View';
}

/**
 * Adds the keys Omnibug derives (so reports and the corpus speak the same names):
 * `trackingServer`, `requestType`, custom variables `_cvar1n`/`_cvar1v` (and `cvar…` for
 * page-scope ones) and cart items `ec_item1s` (sku), `n` (name), `c` (category), `p` (price), `q` (quantity).
 */
function withDerived(params: Record<string, string>, url: URL): Record<string, string> {
  const out: Record<string, string> = { ...params, trackingServer: url.hostname, requestType: matomoRequestType(params) };
  for (const key of ['_cvar', 'cvar']) {
    const parsed = tryJson(params[key]);
    if (parsed === null || typeof parsed !== 'object') continue;
    for (const [index, pair] of Object.entries(parsed as Record<string, unknown>)) {
      if (!Array.isArray(pair)) continue;
      out[`${key}${index}n`] = String(pair[0] ?? '');
      out[`${key}${index}v`] = String(pair[1] ?? '');
    }
  }
  const items = tryJson(params.ec_items);
  if (Array.isArray(items)) {
    items.forEach((item, i) => {
      if (!Array.isArray(item)) return;
      const [sku, name, category, price, quantity] = item as unknown[];
      const n = i + 1;
      out[`ec_item${n}s`] = String(sku ?? '');
      out[`ec_item${n}n`] = String(name ?? '');
      out[`ec_item${n}c`] = Array.isArray(category) ? category.join(', ') : String(category ?? '');
      out[`ec_item${n}p`] = String(price ?? '');
      out[`ec_item${n}q`] = String(quantity ?? '');
    });
  }
  return out;
}

function tryJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Labels both trackers share. */
export const MATOMO_PARAMS: Record<string, string> = {
  idsite: 'Website ID',
  rec: 'Required for Tracking',
  action_name: 'Action Name',
  url: 'Page URL',
  urlref: 'Page Referrer',
  _id: 'Visitor ID',
  uid: 'User ID',
  cid: 'Visitor ID (forced)',
  pv_id: 'Page View ID',
  trackingServer: 'Tracking Server',
  requestType: 'Request Type (derived)',
  idgoal: 'Goal ID',
  revenue: 'Revenue',
  ec_id: 'Order ID',
  ec_st: 'Sub-total',
  ec_tx: 'Tax',
  ec_sh: 'Shipping',
  ec_dt: 'Discount',
  ec_items: 'Products',
  e_c: 'Event Category',
  e_a: 'Event Action',
  e_n: 'Event Name',
  e_v: 'Event Value',
  c_n: 'Content Name',
  c_p: 'Content Piece',
  c_t: 'Content Target',
  c_i: 'Content Interaction',
  search: 'Site Search Keyword',
  search_cat: 'Site Search Category',
  search_count: 'Site Search Results Count',
  exit: 'Exit Link',
  link: 'Exit Link',
  download: 'Download Link',
  ping: 'Ping',
  res: 'Screen Resolution',
  _cvar: 'Custom Variables',
  cvar: 'Custom Page Variables',
};
