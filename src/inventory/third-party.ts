const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The host of an http(s) URL, or undefined for anything else (data:, blob:, garbage). */
export function hostnameOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request host is a third party of the page: a registrable domain other than the
 * page's (cdn.shop.com is the shop's own). Loopback is never a third party: it is the machine
 * the audit runs on (the demo shop, a local server).
 */
export function isThirdPartyHost(host: string, pageHost: string, registrableDomain: (hostname: string) => string): boolean {
  if (LOOPBACK.test(host)) return false;
  return registrableDomain(host) !== registrableDomain(pageHost);
}
