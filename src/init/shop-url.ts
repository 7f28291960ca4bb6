import { UserError } from '../user-error.ts';

/**
 * The shop's URL as the user typed it, checked: an http(s) URL without credentials. Returns it
 * as the monitor's `site.baseUrl` (the bare origin when it has no path, query or fragment).
 */
export function parseShopUrl(value: string): string {
  const typed = value.trim();
  if (!typed) throw new UserError("the shop's URL is empty: give it with its scheme, such as https://www.my-shop.example");
  let url: URL | undefined;
  try {
    url = new URL(typed);
  } catch {
    url = undefined;
  }
  // `my-shop.example` does not parse, `localhost:3000` parses with the scheme `localhost:`: both lack http(s)://.
  if (!url || ((url.protocol !== 'http:' && url.protocol !== 'https:') && !typed.includes('//'))) {
    throw new UserError(`'${typed}' is not a URL: give it with its scheme, ${schemeHint(typed)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`'${typed}' is not an http(s) URL: tagwatch opens the shop in a browser, give its http:// or https:// address`);
  }
  if (url.username || url.password) {
    throw new UserError(`'${url.host}': leave credentials out of the shop's URL; tagwatch reads secrets only from environment variables`);
  }
  return url.pathname === '/' && !url.search && !url.hash ? url.origin : url.href;
}

function schemeHint(typed: string): string {
  const looksLikeHost = /^[a-z0-9.-]+(:\d+)?(\/\S*)?$/i.test(typed) && /[.:]/.test(typed);
  if (!looksLikeHost) return 'such as https://www.my-shop.example';
  const local = /^(localhost|127\.|\[?::1)/i.test(typed);
  return `did you mean ${local ? 'http' : 'https'}://${typed}?`;
}
