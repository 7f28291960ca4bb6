import { createCatalog, type Catalog } from '../catalog/catalog.ts';
import { endpointEntryProblem, type CustomEndpoints } from '../catalog/custom-endpoints.ts';
import type { VendorDefinition } from '../catalog/define-vendor.ts';

/** Set with `test.use({ trackingOptions: { ... } })`, per file or per describe block. */
export interface TrackingOptions {
  /**
   * Let tag hits reach the vendors instead of answering them locally with 204. Default false:
   * a test run does not pollute the real analytics accounts.
   */
  liveHits?: boolean;
  /**
   * The site's own collection URLs per vendor id, beyond the catalog's: first-party proxies and
   * server-side GTM (`{ ga4: ['https://metrics.shop.example/g/collect', '/sgtm/data'] }`). A path
   * belongs to the test's `baseURL`; with no baseURL it matches that path on any host.
   */
  endpoints?: CustomEndpoints;
}

const where = (file: string) => `set with test.use({ trackingOptions }) for ${file}`;

/**
 * The catalog the test claims and decodes with: the built-in vendors plus the declared endpoints
 * (a path belongs to the test's baseURL). Throws on options that cannot work, saying which field,
 * where it was set and what to do.
 */
export function catalogFor(options: TrackingOptions, vendors: readonly VendorDefinition[], baseURL: string | undefined, file: string): Catalog {
  if (options === null || typeof options !== 'object') {
    throw new Error(`tagwatch/test: trackingOptions must be an object like { liveHits: false, endpoints: {} }, got ${JSON.stringify(options)} (${where(file)})`);
  }
  if (options.liveHits !== undefined && typeof options.liveHits !== 'boolean') {
    throw new Error(`tagwatch/test: trackingOptions.liveHits must be true or false, got ${JSON.stringify(options.liveHits)} (${where(file)})`);
  }
  const endpoints = options.endpoints ?? {};
  if (endpoints === null || typeof endpoints !== 'object' || Array.isArray(endpoints)) {
    throw new Error(`tagwatch/test: trackingOptions.endpoints must map vendor ids to URL lists, e.g. { ga4: ['/sgtm/data'] } (${where(file)})`);
  }
  const known = vendors.map((vendor) => vendor.id);
  for (const [id, entries] of Object.entries(endpoints)) {
    if (!known.includes(id)) {
      throw new Error(`tagwatch/test: trackingOptions.endpoints.${id}: unknown vendor id; use one of ${known.join(', ')} (${where(file)})`);
    }
    if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === 'string')) {
      throw new Error(`tagwatch/test: trackingOptions.endpoints.${id} must be a list of URLs or paths, e.g. ['/sgtm/data'] (${where(file)})`);
    }
    for (const [index, entry] of entries.entries()) {
      const problem = endpointEntryProblem(entry);
      if (problem) throw new Error(`tagwatch/test: trackingOptions.endpoints.${id}[${index}]: ${problem} (${where(file)})`);
    }
  }
  return createCatalog(vendors, { endpoints, baseUrl: baseURL });
}
