import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import type { Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { CONSENT_COOKIE, GA4_MEASUREMENT_ID, META_PIXEL_ID, startDemoShop, TIKTOK_PIXEL_CODE } from '../../src/demo-shop/index.ts';
import type { DemoShop } from '../../src/demo-shop/index.ts';
import { closeShop } from './http-helpers.ts';
import { adsConversions, captureContext, ga4Events, metaEvents, purchaseJourney, tiktokEvents, waitFor } from './browser-helpers.ts';

// 2 x Organic cotton T-shirt (24.90) + shipping 4.90.
const SUBTOTAL = 49.8;
const TOTAL = 54.7;

let browser: Browser;
let shop: DemoShop;
let basicShop: DemoShop;

beforeAll(async () => {
  [browser, shop, basicShop] = await Promise.all([
    chromium.launch(chromiumLaunchOptions()),
    startDemoShop(),
    startDemoShop({ consentMode: 'basic' }),
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), closeShop(shop), closeShop(basicShop)]);
});

describe('demo shop in a real browser', () => {
  it('sends every vendor its purchase, in the vendor wire format, after Accept all', async () => {
    const { context, page, hits } = await captureContext(browser);
    try {
      const orderId = await purchaseJourney(page, shop.url, { consent: 'accept' }, hits);
      expect(orderId).toMatch(/^DS-\d{6}$/);
      expect(await page.getByRole('heading', { name: 'Thank you for your order' }).isVisible()).toBe(true);
      await waitFor(
        () =>
          ga4Events(hits).some((event) => event.params.en === 'purchase') &&
          tiktokEvents(hits).some((event) => event.event === 'CompletePayment') &&
          metaEvents(hits).some((event) => event.ev === 'Purchase') &&
          adsConversions(hits).length > 0,
      );

      const purchase = ga4Events(hits).find((event) => event.params.en === 'purchase')!;
      expect(purchase.params['ep.transaction_id']).toBe(orderId);
      expect(purchase.params['epn.value']).toBe(String(TOTAL));
      expect(purchase.params.cu).toBe('EUR');
      expect(purchase.params.pr1).toBe('idSKU1~nmOrganic cotton T-shirt~pr24.9~qt2');
      expect(purchase.shared).toMatchObject({ v: '2', tid: GA4_MEASUREMENT_ID, gcs: 'G111', sct: '1' });
      expect(purchase.shared.gcd).toMatch(/^13r3r3r3r5$/);
      const gaCookie = (await context.cookies()).find((cookie) => cookie.name === '_ga');
      expect(gaCookie?.value).toBe(`GA1.1.${purchase.shared.cid}`);
      const ga4Names = ga4Events(hits).map((event) => event.params.en);
      expect(ga4Names).toEqual(expect.arrayContaining(['page_view', 'view_item_list', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase']));
      // gtag batching: the confirmation page's page_view and purchase share one beacon.
      expect(hits.find((hit) => hit.url === purchase.url)?.body?.split('\n').map((line) => line.split('&')[0])).toEqual(['en=page_view', 'en=purchase']);

      const metaPurchases = metaEvents(hits).filter((event) => event.ev === 'Purchase');
      expect(metaPurchases).toHaveLength(1);
      expect(metaPurchases[0]).toMatchObject({
        id: META_PIXEL_ID,
        eid: orderId,
        'cd[value]': String(TOTAL),
        'cd[currency]': 'EUR',
        'cd[content_ids]': '["SKU1"]',
        'cd[content_type]': 'product',
        'cd[num_items]': '2',
        'cd[order_id]': orderId,
        v: '2.9.179',
        rqm: 'GET',
      });
      expect(metaPurchases[0]!.fbp).toMatch(/^fb\.1\.\d+\.\d+$/);
      expect(metaEvents(hits).map((event) => event.ev)).toEqual(expect.arrayContaining(['PageView', 'ViewContent', 'AddToCart', 'InitiateCheckout']));

      const completePayment = tiktokEvents(hits).find((event) => event.event === 'CompletePayment')!;
      expect(completePayment).toMatchObject({
        event_id: orderId,
        context: { pixel: { code: TIKTOK_PIXEL_CODE }, library: { name: 'pixel.js', version: '2.2.1' } },
        properties: { value: TOTAL, currency: 'EUR', content_type: 'product', order_id: orderId },
      });
      expect(completePayment.properties.contents?.[0]).toMatchObject({ content_id: 'SKU1', quantity: 2, price: 24.9 });
      expect(Number.isNaN(Date.parse(completePayment.timestamp))).toBe(false);
      expect(tiktokEvents(hits).map((event) => event.event)).toEqual(expect.arrayContaining(['Pageview', 'AddToCart', 'InitiateCheckout']));

      const conversions = adsConversions(hits);
      expect(conversions).toHaveLength(1);
      expect(conversions[0]).toMatchObject({ label: 'DemoPurchase', oid: orderId, value: String(TOTAL), currency_code: 'EUR', gcs: 'G111' });
      expect(hits.some((hit) => hit.url.startsWith('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/'))).toBe(true);

      const response = await fetch(`${shop.ordersUrl}/api/orders/${orderId}`);
      const { order } = (await response.json()) as { order: { total: number; subtotal: number; email: string } };
      expect(order).toMatchObject({ total: TOTAL, subtotal: SUBTOTAL, email: 'buyer+run1@example.com' });
    } finally {
      await context.close();
    }
  });

  it('refused consent: no marketing hits, GA4 only as cookieless G100 pings (advanced mode)', async () => {
    const { context, page, hits } = await captureContext(browser);
    try {
      const orderId = await purchaseJourney(page, shop.url, { consent: 'refuse' }, hits);
      const purchase = await waitFor(() => ga4Events(hits).find((event) => event.params.en === 'purchase'));
      expect(purchase.params['ep.transaction_id']).toBe(orderId);
      const ga4Requests = hits.filter((hit) => hit.url.includes('/g/collect'));
      expect(ga4Requests.length).toBeGreaterThanOrEqual(5);
      for (const hit of ga4Requests) expect(new URL(hit.url).searchParams.get('gcs')).toBe('G100');
      // No client id survives the page: every page load pings with a new one.
      const cids = new Set(ga4Requests.map((hit) => new URL(hit.url).searchParams.get('cid')));
      expect(cids.size).toBe(ga4Requests.length);
      expect(hits.filter((hit) => !hit.url.includes('/g/collect'))).toEqual([]);
      const cookieNames = (await context.cookies()).map((cookie) => cookie.name);
      expect(cookieNames).toContain(CONSENT_COOKIE);
      expect(cookieNames).not.toContain('_ga');
      expect(cookieNames).not.toContain('_fbp');
    } finally {
      await context.close();
    }
  });

  it('holds marketing tags until the banner decision, then flushes the page events; the decision sticks', async () => {
    const { context, page, hits } = await captureContext(browser);
    try {
      await page.goto(shop.url);
      const banner = page.getByRole('dialog', { name: 'Cookie consent' });
      await expect(banner.isVisible()).resolves.toBe(true);
      const ping = await waitFor(() => ga4Events(hits).find((event) => event.params.en === 'page_view'));
      expect(ping.shared.gcs).toBe('G100');
      expect(ping.shared.gcd).toBe('13p3p3p3p5');
      await page.waitForTimeout(200);
      expect(metaEvents(hits)).toEqual([]);
      expect(tiktokEvents(hits)).toEqual([]);

      await banner.getByRole('button', { name: 'Accept all' }).click();
      await waitFor(() => metaEvents(hits).some((event) => event.ev === 'PageView') && tiktokEvents(hits).some((event) => event.event === 'Pageview'));
      expect(await banner.count()).toBe(0);
      const consent = (await context.cookies()).find((cookie) => cookie.name === CONSENT_COOKIE);
      expect(consent?.value).toBe('granted');
      const updates = await page.evaluate(() =>
        (window as unknown as { dataLayer: unknown[] }).dataLayer.filter((entry) => (entry as Record<string, unknown>)[0] === 'consent').map((entry) => (entry as Record<string, unknown>)[1]),
      );
      expect(updates).toEqual(['default', 'update']);

      await page.reload();
      expect(await page.getByRole('dialog', { name: 'Cookie consent' }).count()).toBe(0);
      const granted = await waitFor(() => ga4Events(hits).find((event) => event.shared.gcs === 'G111'));
      expect(granted.params.en).toBe('page_view');
    } finally {
      await context.close();
    }
  });

  it('basic consent mode: no GA4 hit at all without consent, queued page events sent on Accept all', async () => {
    const refused = await captureContext(browser);
    try {
      await purchaseJourney(refused.page, basicShop.url, { consent: 'refuse' }, refused.hits);
      await refused.page.waitForTimeout(300);
      expect(refused.hits).toEqual([]);
    } finally {
      await refused.context.close();
    }
    const accepted = await captureContext(browser);
    try {
      await accepted.page.goto(basicShop.url);
      await accepted.page.waitForTimeout(300);
      expect(accepted.hits).toEqual([]);
      await accepted.page.getByRole('button', { name: 'Accept all' }).click();
      await waitFor(() => ga4Events(accepted.hits).length >= 2);
      expect(ga4Events(accepted.hits).map((event) => [event.params.en, event.shared.gcs])).toEqual([
        ['page_view', 'G111'],
        ['view_item_list', 'G111'],
      ]);
    } finally {
      await accepted.context.close();
    }
  });
});
