import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { VendorDefinition } from './define-vendor.ts';

export interface LoadedVendors {
  /** Valid vendors, sorted by file name (= id) so that decoding does not depend on directory order. */
  vendors: VendorDefinition[];
  /** One message per problem: file, what is wrong, what to do. Empty when all is well. */
  diagnostics: string[];
}

const DEFAULT_DIR = fileURLToPath(new URL('./vendors/', import.meta.url));

/** Vendor plugin files: TypeScript sources, not their tests or declaration files. */
function isVendorFile(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');
}

function declaredId(exported: unknown): string | undefined {
  const id = (exported as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Every problem with a default export, so an author fixes them in one go. */
function problemsOf(candidate: unknown, expectedId: string): string[] {
  if (candidate === undefined) {
    return ['has no default export; add `export default defineVendor({ ... })`'];
  }
  if (candidate === null || typeof candidate !== 'object') {
    return ['its default export is not a vendor definition; export `defineVendor({ ... })`'];
  }
  const vendor = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof vendor.id !== 'string' || vendor.id === '') {
    problems.push(`needs a string \`id\`; set id: '${expectedId}'`);
  } else if (vendor.id !== expectedId) {
    problems.push(`declares id '${vendor.id}' but the file is named ${expectedId}.ts; make them equal`);
  }
  if (typeof vendor.label !== 'string' || vendor.label === '') {
    problems.push('needs a `label` (display name) string');
  }
  const patterns = vendor.patterns;
  if (!Array.isArray(patterns) || patterns.length === 0 || !patterns.every((p) => p instanceof RegExp)) {
    problems.push('needs `patterns`: a non-empty array of RegExp matched against the request URL');
  }
  const excludes = vendor.excludes;
  if (excludes !== undefined && !(Array.isArray(excludes) && excludes.every((p) => p instanceof RegExp))) {
    problems.push('`excludes`, when present, must be an array of RegExp');
  }
  const params = vendor.params;
  if (
    params !== undefined &&
    (params === null || typeof params !== 'object' || !Object.values(params).every((v) => typeof v === 'string'))
  ) {
    problems.push('`params`, when present, must map parameter names to label strings');
  }
  if (typeof vendor.decode !== 'function') {
    problems.push('needs a `decode(request, url)` function returning VendorEvent[]');
  }
  return problems;
}

/**
 * Reads the vendor plugins of a folder (default: src/catalog/vendors). There is no central list:
 * a file is a vendor. Never throws; a file that fails to load or validate is left out and
 * explained in `diagnostics`.
 */
export async function loadVendors(dir: string = DEFAULT_DIR): Promise<LoadedVendors> {
  const diagnostics: string[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isVendorFile).sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { vendors: [], diagnostics: [`${dir}: cannot read the vendor folder (${reason}); check the path`] };
  }

  const loaded: { file: string; expectedId: string; exported: unknown }[] = [];
  for (const file of names) {
    try {
      const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
      loaded.push({ file, expectedId: basename(file, '.ts'), exported: module.default });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      diagnostics.push(`${file}: failed to load (${reason}); fix the error in this file`);
    }
  }

  // All ids are collected first so a copied file is reported whichever name sorts first; the file
  // named after the id keeps it, the copy is the one skipped.
  const filesById = new Map<string, string[]>();
  for (const { file, exported } of loaded) {
    const id = declaredId(exported);
    if (id !== undefined) filesById.set(id, [...(filesById.get(id) ?? []), file]);
  }

  const vendors: VendorDefinition[] = [];
  for (const { file, expectedId, exported } of loaded) {
    const problems = problemsOf(exported, expectedId);
    const id = declaredId(exported);
    const others = (id === undefined ? [] : filesById.get(id) ?? []).filter((other) => other !== file);
    if (id !== expectedId && others.length > 0) {
      problems.push(`vendor id '${id}' is also declared in ${others.join(', ')}; keep one definition per id`);
    }
    if (problems.length > 0) {
      diagnostics.push(`${file}: skipped, ${problems.join('; ')}`);
    } else {
      vendors.push(exported as VendorDefinition);
    }
  }
  return { vendors, diagnostics };
}
