/**
 * An http(s) URL already written the way `new URL(text).href` writes it: lower-case scheme and
 * host name (its last label starting with a letter, so never an IPv4 number), no user, no port,
 * a path, and only characters the URL parser keeps as they are (no spaces, tabs, quotes,
 * backslashes, non-ASCII, `'`, `^` or fragment), with no dot segment (`/.`, `/%2e`) to resolve.
 */
const NORMALIZED = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@/?%[\]|]*$/;
const DOT_SEGMENT = /\/(?:\.|%2e)/i;

/**
 * True only when parsing `text` would give back `text` itself as `href` (or fail): vendor
 * patterns can then be tried on the raw text, and a URL no pattern claims needs no parsing at
 * all, which is most of a server log. False says nothing (the URL may still be normalised).
 */
export function isNormalizedHref(text: string): boolean {
  return NORMALIZED.test(text) && !DOT_SEGMENT.test(text);
}
