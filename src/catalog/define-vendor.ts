import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';

/**
 * A vendor is data (where its requests go, what its parameters mean) plus one code hook for the
 * wire format. Adding a vendor is one file in vendors/ exporting `defineVendor({...})`.
 */
export interface VendorDefinition {
  /** Catalog id; must equal the file name in vendors/ (the loader checks). */
  id: string;
  /** Display name for reports. */
  label: string;
  /** What the vendor does with the data: opt-out signals (GPC) concern advertising. */
  category: 'analytics' | 'advertising';
  /** The vendor claims a request when one of these matches its URL (the parsed `href`). */
  patterns: RegExp[];
  /** URLs a pattern would claim but that belong to someone else. No exclusions by default. */
  excludes?: RegExp[];
  /** Parameter name -> human label, for reports. Empty by default. */
  params?: Record<string, string>;
  /**
   * Turns one claimed request into canonical events (none, one, or several for batches).
   * May throw on a malformed request: the caller turns that into an error message.
   */
  decode(request: TagRequest, url: URL): VendorEvent[];
}

/** Identity function: exists so vendor files get type checking and completion. */
export function defineVendor(definition: VendorDefinition): VendorDefinition {
  return definition;
}

/** Whether the vendor's patterns claim this URL. Callers pass the parsed `href`. */
export function vendorClaims(vendor: VendorDefinition, href: string): boolean {
  // Plain loops, no closure per call: this runs for every vendor on every request of a server log.
  let claimed = false;
  for (const pattern of vendor.patterns) {
    if (matches(pattern, href)) {
      claimed = true;
      break;
    }
  }
  return claimed && !vendorExcludes(vendor, href);
}

/** Whether one of the vendor's excludes matches the href: a URL its patterns claim but it must give up. */
export function vendorExcludes(vendor: VendorDefinition, href: string): boolean {
  if (!vendor.excludes) return false;
  for (const pattern of vendor.excludes) if (matches(pattern, href)) return true;
  return false;
}

function matches(pattern: RegExp, href: string): boolean {
  // A pattern written with /g or /y keeps lastIndex between calls: reset it, or test() is stateful.
  if (pattern.global || pattern.sticky) pattern.lastIndex = 0;
  return pattern.test(href);
}
