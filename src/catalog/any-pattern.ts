import type { VendorDefinition } from './define-vendor.ts';

/**
 * One regular expression made of every vendor pattern, to reject in one test the URLs no vendor
 * claims (most of a server log): 25 vendors tried one by one cost ~4 µs per URL, the combined
 * test a fraction of that. Patterns with back-references or flags other than `i` cannot be
 * merged safely and are tried on their own.
 *
 * Built once by its owner (a catalog) for a fixed list of vendors: nothing is cached here.
 */
export function combinePatterns(vendors: readonly VendorDefinition[]): (href: string) => boolean {
  const byFlags = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const vendor of vendors) {
    for (const pattern of vendor.patterns) {
      const flags = pattern.flags.replace(/[gy]/g, '');
      if (/\\[1-9]|\\k</.test(pattern.source) || (flags !== '' && flags !== 'i')) {
        alone.push(new RegExp(pattern.source, flags));
        continue;
      }
      byFlags.set(flags, [...(byFlags.get(flags) ?? []), `(?:${pattern.source})`]);
    }
  }
  const merged = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  /** False when no vendor pattern matches the href, so no vendor can claim it (excludes only narrow further). */
  return (href) => {
    for (const pattern of merged) if (pattern.test(href)) return true;
    for (const pattern of alone) if (pattern.test(href)) return true;
    return false;
  };
}
