import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { combinePatterns } from './any-pattern.ts';
import { createClaimIndex } from './claim-index.ts';
import { withCustomEndpoints, type CustomEndpoints } from './custom-endpoints.ts';
import { vendorClaims, type VendorDefinition } from './define-vendor.ts';
import { isNormalizedHref } from './normalized-href.ts';
import { attachPersonalData } from './pii.ts';

export interface CatalogOptions {
  /**
   * The site's own collection URLs per vendor id (a monitor's `endpoints`): claimed as that
   * vendor's hits before the vendors' own patterns, the most specific first.
   */
  endpoints?: CustomEndpoints;
  /** The audited site: a path-only endpoint belongs to its origin (without it, to any host). */
  baseUrl?: string;
}

/**
 * The vendors of one run (or one test, one decode command) with everything needed to claim and
 * decode tag requests quickly: its claim index and the caches of that index are its own, so two
 * catalogs never see each other's vendors or endpoints. Build one per run and share it: the
 * capture claims with it, the audit decodes the run log with it.
 */
export interface Catalog {
  /** The vendors in catalog order, as this catalog claims with them (the endpoints folded into their patterns). */
  readonly vendors: readonly VendorDefinition[];
  /** The vendor with this id, or undefined. */
  vendor(id: string): VendorDefinition | undefined;
  /**
   * The vendor a request URL belongs to (the monitor's endpoints first, then the vendors'
   * patterns), or undefined when it is no tag hit this catalog knows (or no URL at all).
   */
  claim(url: string): VendorDefinition | undefined;
  /**
   * Every vendor whose patterns claim the URL, in catalog order. More than one is a bug in the
   * patterns (the catalog tests check none overlap); `claim` takes the first.
   */
  claimants(url: string): VendorDefinition[];
  /**
   * A request as vendor events. With `vendorId` (the vendor that claimed it at capture) it is
   * decoded by that vendor without being classified again; without, it is claimed first. Never
   * throws: a decoder that fails, an unknown vendor id or a URL that does not parse becomes one
   * message in `errors` (when given) and no events.
   */
  decode(request: TagRequest, vendorId?: string, errors?: string[]): VendorEvent[];
}

/** Absolute URL or undefined: a capture can record anything (data:, blob:, garbage). */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The vendor's events for a request it claims, with personal data flagged; a failing decoder is one error. */
export function decodeClaimed(vendor: VendorDefinition, request: TagRequest, url: URL, errors: string[] | undefined): VendorEvent[] {
  try {
    // Personal data goes on the event whose line carries it (one line of a batch), URL data on every event.
    return attachPersonalData(request, vendor.decode(request, url));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    errors?.push(`vendor "${vendor.id}" could not decode ${request.method ?? 'GET'} ${request.url}: ${reason}`);
    return [];
  }
}

/**
 * A catalog of `vendors` (built-in and a project's own, as loaded) with the site's endpoints.
 * Throws on an unusable endpoint entry, naming it; unknown vendor ids in `endpoints` are the
 * monitor validation's to report and are ignored here.
 */
export function createCatalog(vendors: readonly VendorDefinition[], options: CatalogOptions = {}): Catalog {
  const list: readonly VendorDefinition[] = Object.freeze(withCustomEndpoints(vendors, options.endpoints, options.baseUrl));
  const byId = new Map<string, VendorDefinition>();
  for (const vendor of list) if (!byId.has(vendor.id)) byId.set(vendor.id, vendor);
  const firstClaiming = createClaimIndex(list);
  let anyPattern: ((href: string) => boolean) | undefined;
  /** The URL the last `claimParsed` parsed, for its caller: two results without an object per request. */
  let claimedUrl: URL | undefined;

  /**
   * The vendor claiming a URL, its parsed form left in `claimedUrl`. Patterns are tried on the
   * raw text first: when it is already its own href (the usual case) that is the answer, and a
   * URL no vendor claims is never parsed.
   */
  function claimParsed(raw: string): VendorDefinition | undefined {
    claimedUrl = undefined;
    let vendor: VendorDefinition | undefined;
    if (typeof raw === 'string') {
      vendor = firstClaiming(raw);
      if (!vendor && isNormalizedHref(raw)) return undefined;
    }
    const url = parseUrl(raw);
    if (!url) return undefined;
    const href = url.href;
    if (href !== raw) vendor = firstClaiming(href);
    if (vendor) claimedUrl = url;
    return vendor;
  }

  function claim(url: string): VendorDefinition | undefined {
    const vendor = claimParsed(url);
    claimedUrl = undefined;
    return vendor;
  }

  function claimants(url: string): VendorDefinition[] {
    const parsed = parseUrl(url);
    anyPattern ??= combinePatterns(list);
    if (!parsed || !anyPattern(parsed.href)) return [];
    return list.filter((vendor) => vendorClaims(vendor, parsed.href));
  }

  function decode(request: TagRequest, vendorId?: string, errors?: string[]): VendorEvent[] {
    if (vendorId !== undefined) {
      const vendor = byId.get(vendorId);
      if (!vendor) {
        errors?.push(`no vendor "${vendorId}" in the catalog: ${request.method ?? 'GET'} ${request.url} not decoded`);
        return [];
      }
      const url = parseUrl(request.url);
      if (!url) {
        errors?.push(`vendor "${vendorId}" could not decode ${request.method ?? 'GET'} ${request.url}: not a URL`);
        return [];
      }
      return decodeClaimed(vendor, request, url, errors);
    }
    const vendor = claimParsed(request.url);
    const url = claimedUrl;
    claimedUrl = undefined;
    if (!vendor || !url) return [];
    return decodeClaimed(vendor, request, url, errors);
  }

  return { vendors: list, vendor: (id) => byId.get(id), claim, claimants, decode };
}
