import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { vendorClaims, type VendorDefinition } from './define-vendor.ts';
import { findPersonalData } from './pii.ts';
import { anyVendorPattern } from './any-pattern.ts';
import { firstClaimingVendor } from './claim-index.ts';
import { isNormalizedHref } from './normalized-href.ts';

export interface DecodeResult {
  events: VendorEvent[];
  /** One message per decoder that failed: vendor id, URL and reason. */
  errors: string[];
}

/** Absolute URL or undefined: a capture can record anything (data:, blob:, garbage). */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Every vendor whose patterns claim the URL, in catalog order. More than one is a bug in the
 * patterns (the catalog tests check none overlap); decodeRequest then uses the first.
 */
export function vendorsClaiming(url: string, vendors: readonly VendorDefinition[]): VendorDefinition[] {
  const parsed = parseUrl(url);
  if (!parsed || !anyVendorPattern(vendors, parsed.href)) return [];
  return vendors.filter((vendor) => vendorClaims(vendor, parsed.href));
}

/** The URL `claim` parsed, for its caller: two results without an object per request. */
let claimedUrl: URL | undefined;

/**
 * The vendor claiming a URL, its parsed form left in `claimedUrl`; undefined when none does (or
 * it is no URL). Patterns are tried on the raw text first: when it is already its own href (the
 * usual case) that is the answer, and a URL no vendor claims is never parsed.
 */
function claim(raw: string, vendors: readonly VendorDefinition[]): VendorDefinition | undefined {
  claimedUrl = undefined;
  let vendor: VendorDefinition | undefined;
  if (typeof raw === 'string') {
    vendor = firstClaimingVendor(vendors, raw);
    if (!vendor && isNormalizedHref(raw)) return undefined;
  }
  const url = parseUrl(raw);
  if (!url) return undefined;
  const href = url.href;
  if (href !== raw) vendor = firstClaimingVendor(vendors, href);
  if (vendor) claimedUrl = url;
  return vendor;
}

/** The id of the vendor a request URL belongs to, or undefined when it is not a tag hit we know. */
export function matchVendor(url: string, vendors: readonly VendorDefinition[]): string | undefined {
  const vendor = claim(url, vendors);
  claimedUrl = undefined;
  return vendor?.id;
}

/**
 * A captured request as vendor events. Pure and never throws: a decoder that throws becomes a
 * message in `errors` so that one broken vendor cannot lose the rest of a run.
 */
export function decodeRequest(request: TagRequest, vendors: readonly VendorDefinition[]): DecodeResult {
  const vendor = claim(request.url, vendors);
  const url = claimedUrl;
  claimedUrl = undefined;
  if (!vendor || !url) return { events: [], errors: [] };
  try {
    const events = vendor.decode(request, url);
    const pii = events.length ? findPersonalData(request) : undefined;
    return { events: pii ? events.map((event) => ({ ...event, pii })) : events, errors: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      events: [],
      errors: [`vendor "${vendor.id}" could not decode ${request.method ?? 'GET'} ${request.url}: ${reason}`],
    };
  }
}
