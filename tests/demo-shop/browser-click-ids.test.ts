import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import type { Browser, BrowserContext, Page } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { startDemoShop } from '../../src/demo-shop/index.ts';
import type { DemoShop } from '../../src/demo-shop/index.ts';
import { closeShop } from './http-helpers.ts';
import { adsConversions, allPurchases, captureContext, checkoutFromCart, ga4Events, metaEvents, purchaseJourney, tiktokEvents } from './browser-helpers.ts';

const CLICK_COOKIES = ['_gcl_aw', '_fbc', 'ttclid'];
const LANDING = '?gclid=G1&fbclid=F1&ttclid=T1';
// Mixed case on purpose: every vendor matches on the trimmed, lower-cased address.
const EMAIL = 'Ada.Buyer+X@Example.COM';
const EMAIL_SHA256 = createHash('sha256').update('ada.buyer+x@example.com').digest();
const EMAIL_HEX = EMAIL_SHA256.toString('hex');
// gtag's form of the same digest: url-safe base64 without padding.
const EMAIL_WEB_BASE64 = EMAIL_SHA256.toString('base64url');

let browser: Browser;
let shop: DemoShop;

beforeAll(async () => {
  [browser, shop] = await Promise.all([chromium.launch(chromiumLaunchOptions()), startDemoShop()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), closeShop(shop)]);
});

async function cookieMap(context: BrowserContext): Promise<Record<string, string>> {
  return Object.fromEntries((await context.cookies()).map((cookie) => [cookie.name, decodeURIComponent(cookie.value)]));
}

/** Product, quantity and line total of each cart row, as the visitor reads them. */
async function cartRows(page: Page): Promise<string[][]> {
  return page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent?.trim() ?? '')));
}

describe('ad click ids and enhanced conversions', () => {
  it('keeps the click ids once consent is given and sends them, with the hashed e-mail, on the purchase', async () => {
    const { context, page, hits } = await captureContext(browser);
    try {
      const orderId = await purchaseJourney(page, shop.url, { consent: 'accept', landingQuery: LANDING, email: EMAIL }, hits);
      await allPurchases(hits);

      const cookies = await cookieMap(context);
      expect(cookies._gcl_aw).toMatch(/^GCL\.\d{10}\.G1$/);
      expect(cookies._fbc).toMatch(/^fb\.1\.\d{13}\.F1$/);
      expect(cookies.ttclid).toBe('T1');

      const [conversion] = adsConversions(hits);
      expect(conversion).toMatchObject({ oid: orderId, gclaw: 'G1', em: `tv.1~em.${EMAIL_WEB_BASE64}` });

      // fbc on every hit, from the landing PageView on; ud[em] once advanced matching knows the buyer.
      const meta = metaEvents(hits);
      expect(meta.length).toBeGreaterThanOrEqual(4);
      for (const event of meta) expect(event.fbc).toBe(cookies._fbc);
      const purchase = meta.find((event) => event.ev === 'Purchase')!;
      expect(purchase).toMatchObject({ eid: orderId, 'ud[em]': EMAIL_HEX });
      expect(meta.find((event) => event.ev === 'PageView')?.['ud[em]']).toBeUndefined();

      const tiktok = tiktokEvents(hits);
      for (const event of tiktok) expect(event.context.ad?.callback).toBe('T1');
      const completePayment = tiktok.find((event) => event.event === 'CompletePayment')!;
      expect(completePayment.context.user.email).toBe(EMAIL_HEX);
      expect(tiktok.find((event) => event.event === 'Pageview')?.context.user.email).toBeUndefined();

      // GA4 has no click id parameter of its own: the gclid reaches it in the landing page's dl.
      const landingView = ga4Events(hits).find((event) => event.params.en === 'page_view')!;
      expect(new URL(landingView.shared.dl!).searchParams.get('gclid')).toBe('G1');
      for (const event of ga4Events(hits)) expect(event.shared.gclid).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('refused consent: no click id cookie is written and no hit carries one', async () => {
    const { context, page, hits } = await captureContext(browser);
    try {
      await purchaseJourney(page, shop.url, { consent: 'refuse', landingQuery: LANDING, email: EMAIL }, hits);
      await page.waitForTimeout(300);
      const names = Object.keys(await cookieMap(context));
      for (const name of CLICK_COOKIES) expect(names).not.toContain(name);
      expect(hits.filter((hit) => !hit.url.includes('/g/collect'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('cart restore link (cross-device)', () => {
  it('restores the same cart in a fresh browser, whose purchase carries no click id', async () => {
    const phone = await captureContext(browser);
    let restoreUrl: string;
    let phoneRows: string[][];
    try {
      await phone.page.goto(`${shop.url}/${LANDING}`);
      await phone.page.getByRole('button', { name: 'Accept all', exact: true }).click();
      for (const [name, quantity] of [['Waxed canvas backpack', 3], ['Organic cotton T-shirt', 1]] as const) {
        await phone.page.goto(shop.url);
        await phone.page.getByRole('link', { name, exact: true }).click();
        await phone.page.getByLabel('Quantity', { exact: true }).fill(String(quantity));
        await phone.page.getByRole('button', { name: 'Add to cart', exact: true }).click();
        await phone.page.waitForURL(/\/cart$/);
      }
      expect(Object.keys(await cookieMap(phone.context))).toEqual(expect.arrayContaining(CLICK_COOKIES));
      const link = phone.page.getByRole('link', { name: 'Continue on another device', exact: true });
      restoreUrl = (await link.getAttribute('href')) ?? '';
      phoneRows = await cartRows(phone.page);
    } finally {
      await phone.context.close();
    }
    expect(restoreUrl).toMatch(new RegExp(`^${shop.url.replace(/\./g, '\\.')}/cart/restore/[A-Za-z0-9_-]{22}$`));
    expect(phoneRows).toHaveLength(2);

    const desktop = await captureContext(browser);
    try {
      await desktop.page.goto(restoreUrl);
      await desktop.page.waitForURL(/\/cart$/);
      await desktop.page.getByRole('button', { name: 'Accept all', exact: true }).click();
      expect(await cartRows(desktop.page)).toEqual(phoneRows);
      const orderId = await checkoutFromCart(desktop.page, { email: EMAIL }, desktop.hits);
      await allPurchases(desktop.hits);

      const names = Object.keys(await cookieMap(desktop.context));
      for (const name of CLICK_COOKIES) expect(names).not.toContain(name);
      const [conversion] = adsConversions(desktop.hits);
      expect(conversion?.oid).toBe(orderId);
      expect(conversion?.gclaw).toBeUndefined();
      // Enhanced conversions still identify the buyer on the second device: that is what they are for.
      expect(conversion?.em).toBe(`tv.1~em.${EMAIL_WEB_BASE64}`);
      const purchase = metaEvents(desktop.hits).find((event) => event.ev === 'Purchase');
      expect(purchase?.['cd[value]']).toBe('206.8');
      expect(purchase?.fbc).toBeUndefined();
      expect(purchase?.['ud[em]']).toBe(EMAIL_HEX);
      for (const event of tiktokEvents(desktop.hits)) expect(event.context.ad).toBeUndefined();
      for (const hit of desktop.hits) expect(`${hit.url} ${hit.body ?? ''}`).not.toMatch(/gclid|fbclid|ttclid|fb\.1\.\d+\.F1/);
    } finally {
      await desktop.context.close();
    }
  });
});
