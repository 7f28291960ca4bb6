import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { decodeClaimed } from './catalog.ts';
import { vendorClaims, type VendorDefinition } from './define-vendor.ts';
import { isNormalizedHref } from './normalized-href.ts';

/**
 * The functions of a vendor list, kept for callers of the public API that hold a list rather
 * than a catalog. They build nothing and keep nothing: each call tries the vendors one by one
 * (a few µs per URL with the built-in catalog). Code that claims or decodes many requests builds
 * one catalog (`createCatalog`) and uses it: its index answers the same, several times faster.
 */

export interface DecodeResult {
  events: VendorEvent[];
  /** One message per decoder that failed: vendor id, URL and reason. */
  errors: string[];
}

/** The href of a URL text and the first vendor claiming it, or undefined when it is no URL or nobody claims it. */
function claimOneByOne(raw: string, vendors: readonly VendorDefinition[]): { vendor: VendorDefinition; href: string } | undefined {
  let href: string;
  if (typeof raw === 'string' && isNormalizedHref(raw)) {
    href = raw;
  } else {
    try {
      href = new URL(raw).href;
    } catch {
      return undefined;
    }
  }
  for (const vendor of vendors) if (vendorClaims(vendor, href)) return { vendor, href };
  return undefined;
}

/**
 * Every vendor whose patterns claim the URL, in catalog order. More than one is a bug in the
 * patterns (the catalog tests check none overlap); decodeRequest then uses the first.
 */
export function vendorsClaiming(url: string, vendors: readonly VendorDefinition[]): VendorDefinition[] {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return [];
  }
  return vendors.filter((vendor) => vendorClaims(vendor, href));
}

/** The id of the vendor a request URL belongs to, or undefined when it is not a tag hit we know. */
export function matchVendor(url: string, vendors: readonly VendorDefinition[]): string | undefined {
  return claimOneByOne(url, vendors)?.vendor.id;
}

/**
 * A captured request as vendor events. Pure and never throws: a decoder that throws becomes a
 * message in `errors` so that one broken vendor cannot lose the rest of a run.
 */
export function decodeRequest(request: TagRequest, vendors: readonly VendorDefinition[]): DecodeResult {
  const claimed = claimOneByOne(request.url, vendors);
  if (!claimed) return { events: [], errors: [] };
  const errors: string[] = [];
  const events = decodeClaimed(claimed.vendor, request, new URL(claimed.href), errors);
  return { events, errors };
}
