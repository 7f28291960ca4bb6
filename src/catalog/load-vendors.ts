import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPluginFolder, type PluginKind } from '../plugins/load-plugin-folder.ts';
import type { VendorDefinition } from './define-vendor.ts';

export interface LoadedVendors {
  /** Valid vendors, sorted by file name (= id) so that decoding does not depend on directory order. */
  vendors: VendorDefinition[];
  /** One message per problem: file, what is wrong, what to do. Empty when all is well. */
  diagnostics: string[];
}

/** The built-in vendors' folder. */
export const VENDORS_DIR = fileURLToPath(new URL('./vendors/', import.meta.url));

const isRegExpList = (value: unknown) => Array.isArray(value) && value.every((p) => p instanceof RegExp);

/** What a vendor file must export besides its id. */
export function vendorProblems(vendor: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof vendor.label !== 'string' || vendor.label === '') problems.push('needs a `label` (display name) string');
  if (vendor.category !== 'analytics' && vendor.category !== 'advertising') problems.push("needs a `category`: 'analytics' or 'advertising'");
  if (!isRegExpList(vendor.patterns) || (vendor.patterns as unknown[]).length === 0) {
    problems.push('needs `patterns`: a non-empty array of RegExp matched against the request URL');
  }
  if (vendor.excludes !== undefined && !isRegExpList(vendor.excludes)) problems.push('`excludes`, when present, must be an array of RegExp');
  const params = vendor.params;
  if (params !== undefined && (params === null || typeof params !== 'object' || !Object.values(params).every((v) => typeof v === 'string'))) {
    problems.push('`params`, when present, must map parameter names to label strings');
  }
  if (typeof vendor.decode !== 'function') problems.push('needs a `decode(request, url)` function returning VendorEvent[]');
  return problems;
}

export const VENDOR_KIND: PluginKind = { name: 'vendor', defineFunction: 'defineVendor', problemsOf: vendorProblems };

/**
 * Reads the vendor plugins of a folder (default: src/catalog/vendors). A file is a vendor; one
 * that fails to load or validate is left out and explained in `diagnostics`.
 */
export async function loadVendors(dir: string = VENDORS_DIR): Promise<LoadedVendors> {
  const { plugins, diagnostics } = await loadPluginFolder<VendorDefinition>(dir, VENDOR_KIND);
  return { vendors: plugins, diagnostics };
}

let builtInIds: string[] | undefined;

/**
 * The built-in vendors' ids (their file names), without importing them: what a monitor's
 * collector id must not take. Read once.
 */
export function builtInVendorIds(): string[] {
  builtInIds ??= [...new Set(readdirSync(VENDORS_DIR).filter((name) => /\.(ts|mts|js|mjs)$/.test(name) && !/\.(test|spec|d)\.m?ts$/.test(name)).map((name) => name.replace(/\.(ts|mts|js|mjs)$/, '')))].sort();
  return builtInIds;
}
