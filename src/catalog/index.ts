export { defineVendor, vendorClaims } from './define-vendor.ts';
export type { VendorDefinition } from './define-vendor.ts';
export { decodeRequest, matchVendor, vendorsClaiming } from './decode.ts';
export type { DecodeResult } from './decode.ts';
export { loadVendors } from './load-vendors.ts';
export type { LoadedVendors } from './load-vendors.ts';
export { toVendorEvent, pick, kindOf } from './canonical.ts';
export type { CanonicalMapping } from './canonical.ts';
