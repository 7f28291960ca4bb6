import type { Browser, BrowserContext, Page } from 'playwright';

/** The vendor endpoints the shop's tags call; answered here with 204 and never let out. */
export const VENDOR_PATTERN = /google-analytics|facebook\.com|tiktok|googleadservices|doubleclick/;

export interface CapturedHit {
  url: string;
  method: string;
  body: string | null;
  resourceType: string;
}

export interface Capture {
  context: BrowserContext;
  page: Page;
  hits: CapturedHit[];
}

/**
 * A context whose vendor requests are recorded and answered locally; anything else that is not
 * the loopback shop is aborted, so a test can never reach the network.
 */
export async function captureContext(browser: Browser, options: { initScript?: string; baseURL?: string } = {}): Promise<Capture> {
  // baseURL: relative page.goto('/') as in a journey, whose monitor gives the site's base URL.
  const context = await browser.newContext(options.baseURL ? { baseURL: options.baseURL } : {});
  const hits: CapturedHit[] = [];
  await context.route((url) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|about:)/.test(url.href), (route) => route.abort());
  await context.route(VENDOR_PATTERN, async (route) => {
    const request = route.request();
    hits.push({ url: request.url(), method: request.method(), body: request.postData(), resourceType: request.resourceType() });
    await route.fulfill({ status: 204, body: '' });
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  return { context, page, hits };
}

export type ConsentAction = 'accept' | 'refuse' | 'none';

export interface JourneyOptions {
  consent: ConsentAction;
  productName?: string;
  quantity?: number;
  email?: string;
  card?: string;
  /** Query string of the home page the journey lands on, e.g. `?gclid=G1`: an ad click's landing URL. */
  landingQuery?: string;
}

/**
 * Before the next navigation, gives the GA4 batch (~50 ms) time to leave: routes do not see
 * beacons sent while a page unloads. Returns as soon as this page's GA4 hit is in, or after
 * `maxMs` when none comes (no consent in basic mode, tags faulted off).
 */
async function settle(page: Page, hits: readonly CapturedHit[] | undefined, maxMs = 300): Promise<void> {
  const url = page.url();
  const sent = () => hits?.some((hit) => hit.url.includes('/g/collect') && new URL(hit.url).searchParams.get('dl') === url);
  const deadline = Date.now() + maxMs;
  while (!sent() && Date.now() < deadline) await page.waitForTimeout(25);
}

/**
 * Home -> product -> Add to cart -> Checkout -> Place order, by accessible names. Returns the
 * order number. Pass the capture's hits so each page can settle as soon as its GA4 hit is out.
 */
export async function purchaseJourney(page: Page, shopUrl: string, options: JourneyOptions, hits?: readonly CapturedHit[]): Promise<string> {
  await page.goto(`${shopUrl}/${options.landingQuery ?? ''}`);
  if (options.consent !== 'none') {
    const banner = page.getByRole('dialog', { name: 'Cookie consent' });
    await banner.getByRole('button', { name: options.consent === 'accept' ? 'Accept all' : 'Refuse all', exact: true }).click();
  }
  await settle(page, hits);
  await page.getByRole('link', { name: options.productName ?? 'Organic cotton T-shirt', exact: true }).click();
  await page.waitForURL(/\/product\//);
  await page.getByLabel('Quantity', { exact: true }).fill(String(options.quantity ?? 2));
  await settle(page, hits);
  await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
  await page.waitForURL(/\/cart$/);
  return checkoutFromCart(page, options, hits);
}

/** From the cart page: Checkout -> fill the form -> Place order. Returns the order number. */
export async function checkoutFromCart(page: Page, options: Omit<JourneyOptions, 'consent'>, hits?: readonly CapturedHit[]): Promise<string> {
  await settle(page, hits);
  await page.getByRole('link', { name: 'Checkout', exact: true }).click();
  await page.waitForURL(/\/checkout$/);
  await page.getByLabel('E-mail', { exact: true }).fill(options.email ?? 'buyer+run1@example.com');
  await page.getByLabel('Full name', { exact: true }).fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('12 Analytical Row');
  await page.getByLabel('City', { exact: true }).fill('London');
  await page.getByLabel('Postal code', { exact: true }).fill('N1 9GU');
  await page.getByLabel('Card number', { exact: true }).fill(options.card ?? '4242 4242 4242 4242');
  await settle(page, hits);
  await page.getByRole('button', { name: 'Place order', exact: true }).click();
  await page.waitForURL(/\/order\//);
  return (await page.getByTestId('order-number').textContent())?.trim() ?? '';
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Ga4Event {
  /** Query-string params of the request, shared by its events. */
  shared: Record<string, string>;
  /** This event's own body line. */
  params: Record<string, string>;
  url: string;
}

export function ga4Events(hits: readonly CapturedHit[]): Ga4Event[] {
  return hits
    .filter((hit) => hit.url.includes('/g/collect'))
    .flatMap((hit) => {
      const shared = Object.fromEntries(new URL(hit.url).searchParams);
      const lines = (hit.body ?? '').split('\n').filter((line) => line !== '');
      return lines.map((line) => ({ shared, params: Object.fromEntries(new URLSearchParams(line)), url: hit.url }));
    });
}

export function metaEvents(hits: readonly CapturedHit[]): Record<string, string>[] {
  return hits.filter((hit) => hit.url.startsWith('https://www.facebook.com/tr/')).map((hit) => Object.fromEntries(new URL(hit.url).searchParams));
}

export interface TikTokPayload {
  event: string;
  event_id: string;
  message_id: string;
  timestamp: string;
  context: {
    pixel: { code: string };
    page: { url: string; referrer: string };
    library: { name: string; version: string };
    user: { anonymous_id: string; email?: string };
    ad?: { callback?: string };
  };
  properties: {
    value?: number;
    currency?: string;
    content_type?: string;
    contents?: { content_id: string; quantity: number; price: number }[];
    order_id?: string;
  };
}

export function tiktokEvents(hits: readonly CapturedHit[]): TikTokPayload[] {
  return hits
    .filter((hit) => hit.url.startsWith('https://analytics.tiktok.com/api/v2/pixel'))
    .map((hit) => JSON.parse(hit.body ?? '{}') as TikTokPayload);
}

export function adsConversions(hits: readonly CapturedHit[]): Record<string, string>[] {
  return hits
    .filter((hit) => hit.url.startsWith('https://www.googleadservices.com/pagead/conversion/'))
    .map((hit) => Object.fromEntries(new URL(hit.url).searchParams));
}

/** Meta, TikTok and Google Ads purchases of one order are all in (GA4's batch had its 50 ms by then too). */
export async function allPurchases(hits: readonly CapturedHit[]): Promise<void> {
  await waitFor(
    () =>
      metaEvents(hits).some((event) => event.ev === 'Purchase') &&
      tiktokEvents(hits).some((event) => event.event === 'CompletePayment') &&
      adsConversions(hits).length > 0,
  );
}
