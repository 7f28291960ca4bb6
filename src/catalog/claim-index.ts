import { authorityPart } from './authority-part.ts';
import { vendorClaims, vendorExcludes, type VendorDefinition } from './define-vendor.ts';

/**
 * The first vendor (in catalog order) whose patterns claim an href, found with a regular
 * expression pass or two instead of one test per vendor: 25 vendors tried one by one cost
 * several µs per tag hit, more than decoding it.
 *
 * Patterns are merged into alternations `p0()|p1()|...` in catalog order, each followed by an
 * empty capture group that says which one matched. Every alternative is anchored (an unanchored
 * pattern is written `^[\s\S]*?(?:p)`, "p anywhere"), so the alternation's leftmost-first rule
 * picks the first pattern, in catalog order, that matches anywhere: what trying the vendors one
 * by one finds. Each group gives the first vendor it matches; the lowest of those wins.
 *
 * Nearly every pattern starts `^https?:\/\/` and names its host. For those the URL's authority
 * picks the candidates (cached per authority) and only their rest is tried, from the first '/'
 * on (see authority-part.ts); the few that match any host are one more group. A pattern that
 * cannot be merged (flags, back-references, group names) is tried on its own.
 *
 * An index belongs to its owner (a catalog) and is built once for a fixed list of vendors; its
 * per-authority cache is its own. Nothing is kept at module level.
 */
interface PatternGroup {
  regex: RegExp;
  /** Capture group number of each alternative's marker, in alternative order. */
  markers: number[];
  /** Vendor index of each alternative, in the same order. */
  vendorOf: number[];
  /** Tested with `matches` rules (lastIndex reset) rather than exec: a pattern left on its own. */
  alone: boolean;
  /** Lowest vendor index in the group: a group that cannot beat the best so far is skipped. */
  firstVendor: number;
}

interface IndexParts {
  /** Everything but the host-naming `^https?:\/\/` patterns, in a few groups. */
  groups: PatternGroup[];
  hosts: HostPatterns | undefined;
}

/** The `^https?:\/\/<host part>\/<rest>` patterns, tried by authority. */
interface HostPatterns {
  /** `^(?:host part)$` per pattern, in catalog order. */
  hostTests: RegExp[];
  /** `(?:rest)`, tried at the '/' that ends the authority. */
  rests: string[];
  vendorOf: number[];
  /** Sticky groups of the candidates per authority (null: none). Emptied when it grows large. */
  byAuthority: Map<string, PatternGroup | null>;
  /** Groups by candidate list, shared by every authority with the same candidates. */
  byCandidates: Map<string, PatternGroup>;
}

const SCHEME = '^https?:\\/\\/';
const MAX_AUTHORITIES = 10_000;

/** Whether a pattern source has an alternation outside any group (read as the RegExp parser does without u/v). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') {
      // A class ends at the first unescaped ']' (JS has no literal ']' first in a class).
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

function mergeable(pattern: RegExp): boolean {
  // Numbered back-references and group names would clash once patterns share one expression.
  return pattern.flags.replace('g', '') === '' && !/\\[1-9]|\\k<|\(\?<[^=!]/.test(pattern.source);
}

/** Capture groups of a source, so markers after it can be numbered. */
function groupCount(source: string): number {
  return new RegExp(`(?:${source})|`).exec('')!.length - 1;
}

/** One expression trying `sources` in order between `prefix` and nothing, each followed by its marker. */
function mergeGroup(prefix: string, sources: string[], vendorOf: number[], flags = ''): PatternGroup {
  const markers: number[] = [];
  let group = 0;
  const alternatives = sources.map((source) => {
    group += groupCount(source) + 1;
    markers.push(group);
    return `(?:${source})()`;
  });
  const regex = new RegExp(`${prefix}(?:${alternatives.join('|')})`, flags);
  return { regex, markers, vendorOf, alone: false, firstVendor: vendorOf[0]! };
}

function build(vendors: readonly VendorDefinition[]): IndexParts {
  const byHost: { host: string; rest: string; vendor: number }[] = [];
  const anyHost: { tail: string; vendor: number }[] = [];
  const others: { source: string; vendor: number }[] = [];
  const groups: PatternGroup[] = [];
  vendors.forEach((vendor, index) => {
    for (const pattern of vendor.patterns) {
      if (!mergeable(pattern)) {
        groups.push({ regex: pattern, markers: [], vendorOf: [index], alone: true, firstVendor: index });
        continue;
      }
      const { source } = pattern;
      const anchored = source.startsWith('^') && !hasTopLevelAlternation(source);
      const tail = source.slice(SCHEME.length);
      // The tail must stand on its own: not a quantifier of the prefix's last slash.
      if (anchored && source.startsWith(SCHEME) && !/^[*+?{]/.test(tail)) {
        const split = authorityPart(tail);
        if (split) byHost.push({ ...split, vendor: index });
        else anyHost.push({ tail, vendor: index });
      } else {
        others.push({ source: anchored ? source : `^[\\s\\S]*?(?:${source})`, vendor: index });
      }
    }
  });
  if (anyHost.length) groups.push(mergeGroup(SCHEME, anyHost.map((p) => p.tail), anyHost.map((p) => p.vendor)));
  if (others.length) groups.push(mergeGroup('', others.map((p) => p.source), others.map((p) => p.vendor)));
  const hosts: HostPatterns | undefined = byHost.length
    ? {
        hostTests: byHost.map((p) => new RegExp(`^(?:${p.host})$`)),
        rests: byHost.map((p) => p.rest),
        vendorOf: byHost.map((p) => p.vendor),
        byAuthority: new Map(),
        byCandidates: new Map(),
      }
    : undefined;
  return { groups, hosts };
}

/** The sticky group of the patterns whose host part matches this authority whole; null when none does. */
function groupForAuthority(hosts: HostPatterns, authority: string): PatternGroup | null {
  let group = hosts.byAuthority.get(authority);
  if (group !== undefined) return group;
  const kept: number[] = [];
  for (let i = 0; i < hosts.hostTests.length; i++) if (hosts.hostTests[i]!.test(authority)) kept.push(i);
  group = null;
  if (kept.length) {
    const key = kept.join(',');
    group = hosts.byCandidates.get(key) ?? mergeGroup('\\/', kept.map((i) => hosts.rests[i]!), kept.map((i) => hosts.vendorOf[i]!), 'y');
    hosts.byCandidates.set(key, group);
  }
  // Bulk decoding may meet millions of hosts: start over rather than grow without end.
  if (hosts.byAuthority.size >= MAX_AUTHORITIES) {
    hosts.byAuthority.clear();
    hosts.byCandidates.clear();
  }
  hosts.byAuthority.set(authority, group);
  return group;
}

/** Index of the first vendor whose group alternative matches (a sticky group from its lastIndex), or -1. */
function firstInGroup(group: PatternGroup, href: string): number {
  if (group.alone) {
    const pattern = group.regex;
    if (pattern.global || pattern.sticky) pattern.lastIndex = 0;
    return pattern.test(href) ? group.vendorOf[0]! : -1;
  }
  const match = group.regex.exec(href);
  if (match === null) return -1;
  const { markers } = group;
  for (let i = 0; i < markers.length; i++) if (match[markers[i]!] !== undefined) return group.vendorOf[i]!;
  return -1;
}

/** First vendor of the host-naming patterns claiming the href, or -1. */
function firstByHost(hosts: HostPatterns, href: string): number {
  const start = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : -1;
  if (start < 0) return -1;
  // The host part cannot match a '/', and a '/' must follow it: it ends at the first one.
  const slash = href.indexOf('/', start);
  if (slash < 0) return -1;
  const group = groupForAuthority(hosts, href.slice(start, slash));
  if (!group) return -1;
  group.regex.lastIndex = slash;
  return firstInGroup(group, href);
}

/** Finds the first vendor, in catalog order, claiming an href; see createClaimIndex. */
export type ClaimIndex = (href: string) => VendorDefinition | undefined;

/**
 * The index of a list of vendors: a function giving the first vendor, in catalog order, that
 * claims an href (a pattern matches, no exclude does), as `vendors.find((v) => vendorClaims(v,
 * href))` would find it. Callers pass the parsed `href`. The list is copied: vendors added to or
 * replaced in it later are not seen (build another index).
 */
export function createClaimIndex(list: readonly VendorDefinition[]): ClaimIndex {
  const vendors = [...list];
  const { groups, hosts } = build(vendors);
  return (href) => {
    let best = hosts ? firstByHost(hosts, href) : -1;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      if (best >= 0 && group.firstVendor >= best) continue;
      const found = firstInGroup(group, href);
      if (found >= 0 && (best < 0 || found < best)) best = found;
    }
    if (best < 0) return undefined;
    const vendor = vendors[best]!;
    if (!vendorExcludes(vendor, href)) return vendor;
    // Excluded despite its pattern (rare): the next vendors, one by one.
    for (let i = best + 1; i < vendors.length; i++) if (vendorClaims(vendors[i]!, href)) return vendors[i];
    return undefined;
  };
}
