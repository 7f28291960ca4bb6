import type { VendorDefinition } from './define-vendor.ts';

/**
 * Collection URLs a site declares per vendor id, beyond the catalog's own patterns: first-party
 * proxies and server-side GTM clients (`https://metrics.shop.example/g/collect`), or a path on
 * the audited site itself (`/sgtm/data`).
 */
export type CustomEndpoints = Readonly<Record<string, readonly string[]>>;

/**
 * What is wrong with one endpoint entry, or undefined when it is usable: an absolute http(s) URL,
 * or a path starting with a single `/` (two would be a protocol-relative URL, another host).
 */
export function endpointEntryProblem(entry: string): string | undefined {
  if (entry.startsWith('/') && !entry.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `'${entry}' is neither an absolute http(s) URL nor a path starting with '/' (e.g. 'https://metrics.shop.example/g/collect' or '/sgtm/data')`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `'${entry}' is a ${url.protocol} URL; use http(s) or a path starting with '/'`;
  return undefined;
}

/**
 * A vendor that owns collection URLs of its own (a monitor's first-party collector): they rank
 * with the monitor's endpoints, so the most specific URL wins whoever declared it, and in a
 * catalog they replace the vendor's patterns (which only serve a vendor list without a catalog).
 */
export interface VendorWithOwnEndpoints extends VendorDefinition {
  endpoints: readonly string[];
}

function ownEndpoints(vendor: VendorDefinition): readonly string[] {
  const own = (vendor as Partial<VendorWithOwnEndpoints>).endpoints;
  return Array.isArray(own) ? own : [];
}

/** One declared endpoint, resolved: where it matches and how specific it is. */
interface Endpoint {
  vendorIndex: number;
  /** Regex source matching the URL prefix at position 0, without the anchor. */
  source: string;
  /** Longer paths are more specific; an origin beats "any origin"; then catalog order. */
  rank: [number, number, number];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Scheme + host + port, then the path as a whole-segment prefix: `/sgtm/data` matches
 * `/sgtm/data`, `/sgtm/data/x` and `/sgtm/data?v=2`, never `/sgtm/database`. The query and the
 * fragment of an entry are ignored. A path-only entry belongs to the site's origin; with no site
 * origin known (decoding a file), it matches that path on any host.
 */
function resolveEntry(entry: string, siteOrigin: string | undefined): { origin: string | undefined; path: string } {
  if (entry.startsWith('/') && !entry.startsWith('//')) {
    const path = new URL(entry, 'http://site.invalid').pathname;
    return { origin: siteOrigin ? new URL(siteOrigin).origin : undefined, path };
  }
  const url = new URL(entry);
  return { origin: url.origin, path: url.pathname };
}

/** The prefix an entry matches (regex source, unanchored), its path length and whether it names an origin. */
function entrySource(entry: string, siteOrigin: string | undefined): { source: string; pathLength: number; hasOrigin: boolean } {
  const { origin, path } = resolveEntry(entry, siteOrigin);
  const prefix = path.replace(/\/+$/, '');
  const originSource = origin ? escapeRegExp(origin) : 'https?:\\/\\/[^/?#]+';
  return { source: `${originSource}${escapeRegExp(prefix)}(?:[/?#]|$)`, pathLength: prefix.length, hasOrigin: origin !== undefined };
}

/** The URLs under one entry (as withCustomEndpoints matches them), as a pattern. Throws on an unusable entry. */
export function endpointPattern(entry: string, siteOrigin: string | undefined): RegExp {
  const problem = endpointEntryProblem(entry);
  if (problem) throw new Error(problem);
  return new RegExp(`^${entrySource(entry, siteOrigin).source}`);
}

function resolveAll(vendors: readonly VendorDefinition[], endpoints: CustomEndpoints, siteOrigin: string | undefined): Endpoint[] {
  const resolved: Endpoint[] = [];
  for (const [vendorIndex, vendor] of vendors.entries()) {
    const own = ownEndpoints(vendor).map((entry) => ({ entry, field: `collectors.${vendor.id}.url` }));
    const listed = (endpoints[vendor.id] ?? []).map((entry) => ({ entry, field: `endpoints.${vendor.id}` }));
    for (const { entry, field } of [...own, ...listed]) {
      const problem = endpointEntryProblem(entry);
      if (problem) throw new Error(`${field}: ${problem}`);
      const { source, pathLength, hasOrigin } = entrySource(entry, siteOrigin);
      resolved.push({ vendorIndex, source, rank: [pathLength, hasOrigin ? 1 : 0, -vendorIndex] });
    }
  }
  return resolved;
}

const moreSpecific = (a: Endpoint, b: Endpoint): boolean => {
  for (let i = 0; i < 3; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! > b.rank[i]!;
  return false;
};

/**
 * The catalog as a site with its own collection endpoints needs it: a request whose URL starts
 * with a vendor's declared endpoint is that vendor's hit, decoded by that vendor, whatever the
 * built-in patterns say; when several endpoints match, the most specific one wins. The result
 * is plain vendor definitions (same ids, order and decoders, patterns and excludes extended), so
 * matchVendor and decodeRequest honour it unchanged. A vendor's own excludes still apply to its
 * endpoints: they skip requests that are not hits (Meta's Microdata, UA's consent pings).
 * Throws on an unusable entry; unknown vendor ids are the monitor validation's to report.
 */
export function withCustomEndpoints(vendors: readonly VendorDefinition[], endpoints: CustomEndpoints | undefined, siteOrigin?: string): VendorDefinition[] {
  const declared = resolveAll(vendors, endpoints ?? {}, siteOrigin);
  if (declared.length === 0) return [...vendors];
  return vendors.map((vendor, index) => {
    const own = declared.filter((endpoint) => endpoint.vendorIndex === index);
    // Another vendor's endpoint is off limits, unless one of ours is more specific and matches too.
    const others = declared
      .filter((endpoint) => endpoint.vendorIndex !== index)
      .map((endpoint) => {
        const stronger = own.filter((mine) => moreSpecific(mine, endpoint)).map((mine) => `(?:${mine.source})`);
        return new RegExp(`^${stronger.length ? `(?!${stronger.join('|')})` : ''}${endpoint.source}`);
      });
    if (own.length === 0 && others.length === 0) return vendor;
    // A vendor owning its URLs (a first-party collector) claims them only, on the site's origin when known.
    const patterns = ownEndpoints(vendor).length ? [] : vendor.patterns;
    return {
      ...vendor,
      patterns: [...own.map((endpoint) => new RegExp(`^${endpoint.source}`)), ...patterns],
      excludes: [...(vendor.excludes ?? []), ...others],
    };
  });
}
