import type { BrowserContext } from 'playwright';

/** Safari ITP's caps on cookies written by scripts (document.cookie). */
export interface CookieCaps {
  /** Lifetime cap of a script-set cookie, in days. Safari: 7. */
  scriptSetDays: number;
  /** Cap when the landing URL was decorated by a cross-site link (click ids), in hours. Safari: 24. */
  decoratedLandingHours: number;
}

export const SCRIPT_COOKIE_BINDING = '__tagwatchScriptCookie';

/**
 * Runs in every page: reports the name of each cookie a script writes, so only those get the
 * caps (cookies set by the server through Set-Cookie are not capped by ITP).
 */
export const SCRIPT_COOKIE_TAP_SOURCE = `(() => {
  const report = window[${JSON.stringify(SCRIPT_COOKIE_BINDING)}];
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (!descriptor || !report) return;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return descriptor.get.call(this); },
    set(value) {
      try { report(String(value).split('=')[0].trim()); } catch { /* never break the site */ }
      descriptor.set.call(this, value);
    },
  });
})();`;

export interface CapResult {
  /** Script-set cookies a return visit after `days` no longer has. */
  removed: string[];
  /** Script-set cookies it still has. */
  kept: string[];
}

/**
 * A return visit `days` later, as Safari would have it (the journey's pages are left first, so
 * it navigates again afterwards): every script-set cookie lives at most
 * `scriptSetDays` (or `decoratedLandingHours` when the journey landed from a decorated link)
 * from now; those that would have expired by then are removed. Server-set cookies keep their own
 * expiry. The browser's clock does not move: cookie lifetimes are what ITP changes, so they are
 * what this rewrites.
 */
export async function returnVisitAfter(context: BrowserContext, days: number, scriptCookies: Set<string>, caps: CookieCaps, decoratedLanding: boolean): Promise<CapResult> {
  // The visitor leaves first: tags write cookies again while a page unloads (GA4 refreshes _ga
  // with its last hit), and a page left open would restore what the caps removed.
  for (const page of context.pages()) await page.goto('about:blank').catch(() => undefined);
  const capSeconds = decoratedLanding ? caps.decoratedLandingHours * 3600 : caps.scriptSetDays * 86400;
  const expires = capSeconds < days * 86400;
  const removed = new Set<string>();
  const kept = new Set<string>();
  // Cookie writes from a page reach the browser's cookie store asynchronously, and so do the
  // names our tap reports: sweep until a sweep finds nothing left to remove.
  for (let sweep = 0; sweep < 10; sweep++) {
    for (const page of context.pages()) await page.evaluate(() => 0).catch(() => undefined);
    let found = 0;
    for (const cookie of await context.cookies()) {
      if (!scriptCookies.has(cookie.name)) continue;
      if (!expires) {
        kept.add(cookie.name);
        continue;
      }
      found++;
      removed.add(cookie.name);
      await context.clearCookies({ name: cookie.name, domain: cookie.domain, path: cookie.path });
    }
    if (found === 0 && sweep > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { removed: [...removed].sort(), kept: [...kept].sort() };
}
