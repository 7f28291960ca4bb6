import { expect } from 'vitest';
import type { TagRequest } from '../../src/model/tag-request.ts';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import { decodeRequest, vendorsClaiming } from '../../src/catalog/decode.ts';
import type { VendorDefinition } from '../../src/catalog/define-vendor.ts';
import { loadVendors } from '../../src/catalog/load-vendors.ts';

/** The real catalog, loaded the way the app loads it; a broken vendor file fails every test. */
export async function loadCatalog(): Promise<VendorDefinition[]> {
  const { vendors, diagnostics } = await loadVendors();
  expect(diagnostics).toEqual([]);
  return vendors;
}

/** Ids of the catalog vendors that claim a URL: exactly one for a tag hit, none otherwise. */
export function claimedBy(url: string, vendors: readonly VendorDefinition[]): string[] {
  return vendorsClaiming(url, vendors).map((vendor) => vendor.id);
}

/** Decodes through the public entry point and fails on any decoder error. */
export function decodeOk(request: TagRequest, vendors: readonly VendorDefinition[]): VendorEvent[] {
  const { events, errors } = decodeRequest(request, vendors);
  expect(errors).toEqual([]);
  return events;
}
