import type { BrowserContext, Page, Request } from 'playwright';

/**
 * Whether a page is still building itself: a CMP makes its banner from scripts, styles and texts
 * it loads after the load event, and on a busy machine that takes seconds. Looking for a banner
 * ends only once the page has been quiet for a while; a request still in flight (which the
 * page's own performance entries do not show) keeps it busy.
 */

/** What a CMP loads its banner with; images and beacons (tags' hits) do not build a banner. */
const BUILDING = new Set(['document', 'script', 'stylesheet', 'xhr', 'fetch', 'font']);

interface Activity {
  inFlight: Set<Request>;
  /** Date.now() of the last request that started or ended. */
  lastChange: number;
}

const pages = new WeakMap<Page, Activity>();
const tracked = new WeakSet<BrowserContext>();

function activityOf(page: Page): Activity {
  let activity = pages.get(page);
  if (!activity) pages.set(page, (activity = { inFlight: new Set(), lastChange: Date.now() }));
  return activity;
}

/** Follows the requests of every page of the context from now on (the consent automation installs it up front). */
export function trackPageActivity(context: BrowserContext): void {
  if (tracked.has(context)) return;
  tracked.add(context);
  const page = (request: Request): Page | undefined => {
    try {
      return request.frame().page();
    } catch {
      return undefined; // A service worker's request has no frame.
    }
  };
  context.on('request', (request) => {
    const owner = BUILDING.has(request.resourceType()) ? page(request) : undefined;
    if (!owner) return;
    const activity = activityOf(owner);
    activity.inFlight.add(request);
    activity.lastChange = Date.now();
  });
  const finished = (request: Request) => {
    const owner = page(request);
    const activity = owner && pages.get(owner);
    if (activity?.inFlight.delete(request)) activity.lastChange = Date.now();
  };
  context.on('requestfinished', finished);
  context.on('requestfailed', finished);
}

/** What the page says about its own loading, and what its requests say. */
export interface PageActivity {
  /** document.readyState is "complete" and no request that builds the page is in flight. */
  loaded: boolean;
  /** Milliseconds since the page last finished loading something (its load event, a resource, a request). */
  quietForMs: number;
  /** Milliseconds the page took to reach its load event: a gauge of how slow this machine is now. */
  loadTookMs: number;
}

/**
 * Run in the page (plain text, see page-probe.ts). A script or stylesheet element whose URL has no
 * resource timing entry yet is still loading: the page's own view of a request in flight, for pages
 * whose requests were not followed from the start (autoconsent off or installed late). Not trusted
 * once the resource timing buffer is full (250 entries by default).
 */
const IN_PAGE = `(() => {
  const now = performance.now();
  const navigation = performance.getEntriesByType('navigation')[0];
  let last = navigation && navigation.loadEventEnd > 0 ? navigation.loadEventEnd : 0;
  const resources = performance.getEntriesByType('resource');
  const done = new Set();
  for (const entry of resources) { done.add(entry.name); if (entry.responseEnd > last) last = entry.responseEnd; }
  let loading = 0;
  if (resources.length < 250) {
    for (const element of document.querySelectorAll('script[src], link[rel="stylesheet"][href]')) {
      const url = element.src || element.href;
      if (/^https?:/.test(url) && !done.has(url)) loading++;
    }
  }
  return {
    complete: document.readyState === 'complete' && loading === 0,
    sinceLastMs: now - last,
    loadTookMs: navigation && navigation.loadEventEnd > 0 ? navigation.loadEventEnd : now,
  };
})()`;

/** The page's loading activity now; a page that cannot be read (navigating) counts as busy. */
export async function pageActivity(page: Page): Promise<PageActivity> {
  let inPage: { complete: boolean; sinceLastMs: number; loadTookMs: number };
  try {
    inPage = (await page.mainFrame().evaluate(IN_PAGE)) as typeof inPage;
  } catch {
    return { loaded: false, quietForMs: 0, loadTookMs: 0 };
  }
  const requests = pages.get(page);
  const inFlight = requests?.inFlight.size ?? 0;
  const sinceRequest = requests ? Date.now() - requests.lastChange : Infinity;
  const loaded = inPage.complete && inFlight === 0;
  return { loaded, quietForMs: loaded ? Math.min(inPage.sinceLastMs, sinceRequest) : 0, loadTookMs: inPage.loadTookMs };
}
