import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import type { Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { CONSENT_COOKIE, startDemoShop } from '../../src/demo-shop/index.ts';
import type { DemoFault, DemoShop } from '../../src/demo-shop/index.ts';
import { adsConversions, captureContext, ga4Events, metaEvents, purchaseJourney, tiktokEvents, waitFor } from './browser-helpers.ts';
import type { Capture } from './browser-helpers.ts';
import { closeShop } from './http-helpers.ts';

let browser: Browser;
const shops: DemoShop[] = [];

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await Promise.all([browser?.close(), ...shops.map(closeShop)]);
});

/** A shop with one fault, a consented purchase journey on it, and the capture to inspect. */
async function journeyWith(fault: DemoFault, initScript?: string): Promise<Capture & { shop: DemoShop; orderId: string }> {
  const shop = await startDemoShop({ faults: [fault] });
  shops.push(shop);
  const capture = await captureContext(browser, initScript ? { initScript } : {});
  const orderId = await purchaseJourney(capture.page, shop.url, { consent: 'accept' }, capture.hits);
  // Meta and TikTok purchases fire with the GA4 batch; once they are in, GA4 had its 50 ms too.
  await waitFor(() => metaEvents(capture.hits).some((event) => event.ev === 'Purchase') && tiktokEvents(capture.hits).some((event) => event.event === 'CompletePayment'));
  await capture.page.waitForTimeout(250);
  return { ...capture, shop, orderId };
}

function ga4Purchases(capture: Capture) {
  return ga4Events(capture.hits).filter((event) => event.params.en === 'purchase');
}

describe('demo shop faults, seen from the browser', () => {
  it('meta-purchase-double: the Meta Purchase fires twice with the same eid, other vendors once', async () => {
    const run = await journeyWith('meta-purchase-double');
    try {
      const purchases = metaEvents(run.hits).filter((event) => event.ev === 'Purchase');
      expect(purchases).toHaveLength(2);
      expect(purchases.map((event) => event.eid)).toEqual([run.orderId, run.orderId]);
      expect(purchases.map((event) => event['cd[value]'])).toEqual(['54.7', '54.7']);
      expect(ga4Purchases(run)).toHaveLength(1);
      expect(tiktokEvents(run.hits).filter((event) => event.event === 'CompletePayment')).toHaveLength(1);
      expect(adsConversions(run.hits)).toHaveLength(1);
    } finally {
      await run.context.close();
    }
  });

  it('ga4-value-mismatch: GA4 reports the subtotal, the others and the backend the total', async () => {
    const run = await journeyWith('ga4-value-mismatch');
    try {
      const [purchase] = ga4Purchases(run);
      expect(purchase?.params['ep.transaction_id']).toBe(run.orderId);
      expect(purchase?.params['epn.value']).toBe('49.8');
      expect(metaEvents(run.hits).find((event) => event.ev === 'Purchase')?.['cd[value]']).toBe('54.7');
      const response = await fetch(`${run.shop.ordersUrl}/api/orders/${run.orderId}`);
      expect(((await response.json()) as { order: { total: number } }).order.total).toBe(54.7);
    } finally {
      await run.context.close();
    }
  });

  it('ga4-purchase-missing: no GA4 purchase, while GA4 page views and the other vendors are normal', async () => {
    const run = await journeyWith('ga4-purchase-missing');
    try {
      expect(ga4Purchases(run)).toEqual([]);
      const confirmationViews = ga4Events(run.hits).filter((event) => event.params.en === 'page_view' && event.shared.dl?.includes('/order/'));
      expect(confirmationViews).toHaveLength(1);
      expect(metaEvents(run.hits).filter((event) => event.ev === 'Purchase')).toHaveLength(1);
      expect(adsConversions(run.hits)[0]?.oid).toBe(run.orderId);
    } finally {
      await run.context.close();
    }
  });

  it('purchase-beacon-on-unload: no GA4 purchase at load; a pagehide listener sends it by beacon', async () => {
    // Counts pagehide listeners the page registers on window, before any shop script runs.
    const countPagehide = `(() => {
      const add = EventTarget.prototype.addEventListener;
      window.__pagehideListeners = 0;
      EventTarget.prototype.addEventListener = function (type, ...rest) {
        if (type === 'pagehide' && this === window) window.__pagehideListeners += 1;
        return add.call(this, type, ...rest);
      };
    })();`;
    const run = await journeyWith('purchase-beacon-on-unload', countPagehide);
    try {
      expect(ga4Purchases(run)).toEqual([]);
      expect(ga4Events(run.hits).some((event) => event.params.en === 'page_view' && event.shared.dl?.includes('/order/'))).toBe(true);
      expect(await run.page.evaluate(() => (window as unknown as { __pagehideListeners: number }).__pagehideListeners)).toBeGreaterThan(0);
      // Routes never see beacons sent while the page really unloads; a synthetic pagehide runs the same listener in a live page.
      await run.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
      const purchase = await waitFor(() => ga4Purchases(run)[0]);
      expect(purchase.params['ep.transaction_id']).toBe(run.orderId);
      expect(purchase.params['epn.value']).toBe('54.7');
      expect(run.hits.find((hit) => hit.url === purchase.url)?.resourceType).toBe('ping');
    } finally {
      await run.context.close();
    }
  });

  it('meta-before-consent: the Meta PageView leaves before the banner decision, only while none is stored', async () => {
    const [faulty, normal] = await Promise.all([startDemoShop({ faults: ['meta-before-consent'] }), startDemoShop()]);
    shops.push(faulty, normal);

    const accepted = await captureContext(browser);
    try {
      await accepted.page.goto(faulty.url);
      const pageView = await waitFor(() => metaEvents(accepted.hits).find((event) => event.ev === 'PageView'));
      expect(pageView.dl).toBe(`${faulty.url}/`);
      expect(await accepted.page.getByRole('dialog', { name: 'Cookie consent' }).isVisible()).toBe(true);
      expect((await accepted.context.cookies()).map((cookie) => cookie.name)).not.toContain(CONSENT_COOKIE);
      // Only the hard-coded PageView jumped the gate: the CMP-managed vendors still wait.
      expect(tiktokEvents(accepted.hits)).toEqual([]);
      expect(adsConversions(accepted.hits)).toEqual([]);
      await accepted.page.getByRole('button', { name: 'Accept all', exact: true }).click();
      await waitFor(() => tiktokEvents(accepted.hits).some((event) => event.event === 'Pageview'));
      await accepted.page.waitForTimeout(200);
      expect(metaEvents(accepted.hits).filter((event) => event.ev === 'PageView')).toHaveLength(1);
    } finally {
      await accepted.context.close();
    }

    const refused = await captureContext(browser);
    try {
      await refused.page.goto(faulty.url);
      await waitFor(() => metaEvents(refused.hits).length === 1);
      await refused.page.getByRole('button', { name: 'Refuse all', exact: true }).click();
      await refused.page.getByRole('link', { name: 'Organic cotton T-shirt', exact: true }).click();
      await waitFor(() => ga4Events(refused.hits).some((event) => event.params.en === 'view_item'));
      await refused.page.waitForTimeout(200);
      expect(metaEvents(refused.hits).map((event) => event.ev)).toEqual(['PageView']);
    } finally {
      await refused.context.close();
    }

    const clean = await captureContext(browser);
    try {
      await clean.page.goto(normal.url);
      await waitFor(() => ga4Events(clean.hits).some((event) => event.params.en === 'page_view'));
      await clean.page.waitForTimeout(300);
      expect(metaEvents(clean.hits)).toEqual([]);
    } finally {
      await clean.context.close();
    }
  });
});
