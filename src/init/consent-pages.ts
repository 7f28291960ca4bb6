import { UserError } from '../user-error.ts';

/** What a page variant value may hold (the monitor schema's variant values): no `?`, `=`, `:` or `#`. */
const PAGE_PATH = /^[\w.@+/~%-]+$/;

const ACCEPTED = 'a path such as /pricing, or a URL on the same origin as --url';

/**
 * The pages of a consent audit, as the paths the monitor's `variants.page` lists: `--pages` split on
 * commas (each a path starting with `/` or a URL on the origin of `shopUrl`), or, without it, the
 * path of `shopUrl` itself. Duplicates are dropped; order is kept.
 */
export function consentPages(pages: string | undefined, shopUrl: string): string[] {
  const origin = new URL(shopUrl).origin;
  if (pages === undefined) return [pagePath(shopUrl, origin, '--url')];
  const entries = pages.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new UserError(`'${pages}' names no page, init --pages: ${ACCEPTED}, separated by commas (such as /,/pricing)`);
  return [...new Set(entries.map((entry) => pagePath(entry, origin, '--pages')))];
}

/** One page as a variant value: its path on `origin`, checked. `flag` is where the user gave it. */
function pagePath(typed: string, origin: string, flag: '--pages' | '--url'): string {
  const where = `init ${flag}`;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(typed);
  if (!absolute && !typed.startsWith('/')) {
    // `www.my-shop.example/pricing` is a URL without its scheme; `pricing` a path without its slash.
    const hint = /^([^/]+\.[a-z]{2,}\/|www\.)/i.test(typed) ? `give a URL with its scheme, such as https://${typed}` : `start a path with /, such as /${typed}`;
    throw new UserError(`'${typed}' is neither a path nor a URL, ${where}: ${ACCEPTED}; ${hint}`);
  }
  let url: URL;
  try {
    url = new URL(typed, origin);
  } catch {
    throw new UserError(`'${typed}' is not a page address, ${where}: ${ACCEPTED}`);
  }
  // Before any message quotes the address: credentials are never echoed.
  if (url.username || url.password) {
    throw new UserError(`a page URL of ${url.host} has credentials in it, ${where}: leave them out (the value is not shown here); tagwatch reads secrets only from environment variables`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`'${typed}' is not an http(s) address, ${where}: ${ACCEPTED}`);
  }
  if (url.origin !== origin) {
    // `//cdn.example/x` resolves to another host too: a protocol-relative address is another origin.
    throw new UserError(`'${typed}' is on another origin (${url.origin}), ${where}: one audit visits the pages of one site, ${origin}; give its paths, such as /pricing (another site needs a monitor of its own)`);
  }
  // The journey goes to the variant's value; a variant value cannot carry a query string or a fragment.
  const alone = `give the path alone, such as ${url.pathname}${flag === '--url' ? ' (the page audited when --pages is left out)' : ''}`;
  if (url.search || typed.includes('?')) throw new UserError(`'${typed}' has a query string, ${where}: page variants cannot carry ? or =; ${alone}`);
  if (url.hash || typed.includes('#')) throw new UserError(`'${typed}' has a fragment, ${where}: page variants cannot carry #; ${alone}`);
  // The URL parser percent-encodes spaces and non-ASCII letters; what it leaves (: = , ; ! $ & ' ( ) *) a variant cannot hold.
  const path = url.pathname;
  if (!PAGE_PATH.test(path)) {
    const refused = [...new Set(path.replace(/[\w.@+/~%-]/g, ''))].join(' ');
    throw new UserError(`'${typed}' has characters a page variant cannot hold (${refused}), ${where}: letters, digits and . _ - @ + / ~ %; percent-encode the others (such as %3A for :)`);
  }
  return path;
}
