import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { vendorClaims, type VendorDefinition } from './define-vendor.ts';
import { findPersonalData } from './pii.ts';
import { anyVendorPattern } from './any-pattern.ts';

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

function firstClaiming(href: string, vendors: readonly VendorDefinition[]): VendorDefinition | undefined {
  if (!anyVendorPattern(vendors, href)) return undefined;
  for (const vendor of vendors) if (vendorClaims(vendor, href)) return vendor;
  return undefined;
}

/** The id of the vendor a request URL belongs to, or undefined when it is not a tag hit we know. */
export function matchVendor(url: string, vendors: readonly VendorDefinition[]): string | undefined {
  const parsed = parseUrl(url);
  return parsed ? firstClaiming(parsed.href, vendors)?.id : undefined;
}

/**
 * A captured request as vendor events. Pure and never throws: a decoder that throws becomes a
 * message in `errors` so that one broken vendor cannot lose the rest of a run.
 */
export function decodeRequest(request: TagRequest, vendors: readonly VendorDefinition[]): DecodeResult {
  const url = parseUrl(request.url);
  const vendor = url ? firstClaiming(url.href, vendors) : undefined;
  if (!url || !vendor) return { events: [], errors: [] };
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
