import type { FilterList } from './filter-lists.ts';

/** Where a filter rule is written: its list, its 1-based line, and the line as it stands there. */
export interface RuleOrigin {
  list: string;
  line: number;
  /** The line exactly as in the file (without its line break): what a list maintainer searches for. */
  rule: string;
}

/**
 * Every rule of the lists, keyed by the text the blocking engine keeps of it (the line trimmed,
 * as @ghostery/adblocker's parser does), to its list and line: the engine knows which filter
 * matched but not where it was written. A rule written in two lists is credited to the first
 * (EasyList before EasyPrivacy before extra lists, the order they were configured in).
 */
export function ruleOrigins(lists: FilterList[]): Map<string, RuleOrigin> {
  const origins = new Map<string, RuleOrigin>();
  for (const list of lists) {
    const lines = list.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const written = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
      const key = written.trim();
      // A comment ("!") is never a filter; skipping them keeps the map a third smaller.
      if (!key || key.startsWith('!')) continue;
      if (!origins.has(key)) origins.set(key, { list: list.label, line: i + 1, rule: written });
    }
  }
  return origins;
}
