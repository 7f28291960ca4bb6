import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { startDemoShop } from '../../src/demo-shop/index.ts';
import { forwardRequest } from '../support/forward-request.ts';
import { startLocalServer } from '../support/local-server.ts';
import { auditDemo } from '../support/audit.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';

/** What the shop answers when the customer places the order: its payment provider is down. */
const PAYMENT_DOWN_PAGE =
  '<!doctype html><html><head><title>Payment unavailable</title></head><body><h1>Our payment provider is down</h1><p>Your order was not placed. Please try again later.</p></body></html>';

/**
 * The demo shop behind a loopback proxy that refuses every order (POST /checkout answers 503):
 * browsing, the cart and the checkout form work, and the purchase journey fails where it waits for
 * the order number. (It fails on the scenario's wait for the confirmation, seconds, rather than on
 * a checkout form that never shows, which waits out the runner's 15 s action limit.)
 */
async function startOrderRefusingShop(): Promise<{ url: string; ordersUrl: string; close(): Promise<void> }> {
  const shop = await startDemoShop();
  const target = new URL(shop.url);
  const proxy = await startLocalServer((req, res) => {
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/checkout') {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(PAYMENT_DOWN_PAGE);
      return;
    }
    forwardRequest(target, req, res);
  });
  return {
    url: proxy.url,
    ordersUrl: shop.ordersUrl,
    async close() {
      await proxy.close();
      await shop.close();
    },
  };
}

let shop: Awaited<ReturnType<typeof startOrderRefusingShop>>;
beforeAll(async () => {
  shop = await startOrderRefusingShop();
});
afterAll(async () => {
  await shop?.close();
});

/** A monitor of the shop that refuses orders: the purchase journey fails after "Place order". */
function monitorFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tagwatch-broken-')), 'broken.monitor.ts');
  const monitor = {
    name: 'broken-checkout',
    site: { baseUrl: shop.url },
    scenariosDir: DEMO_SCENARIOS_DIR,
    conditions: ['baseline'],
    repeat: 1,
    expect: { ga4: { eventName: 'purchase' } },
    orders: { source: 'demo', url: shop.ordersUrl, waitSeconds: 0 },
    // One attempt, so it is the journey's last: a trace is recorded on the last attempt only.
    alerts: { rerunFailedJourneys: false },
  };
  writeFileSync(file, `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return file;
}

describe('a journey that fails keeps its screenshot, trace and HAR, and the HTML report links them', () => {
  it('orders refused: artifacts on disk, on journey-end, on the journey result, and in report.html', async () => {
    // The browser that opens the report starts while the audit runs (it waits idle, costs no journey time).
    const reportBrowser = chromium.launch(chromiumLaunchOptions());
    // A launch that fails is said where the report is opened, not as an unhandled rejection meanwhile.
    reportBrowser.catch(() => undefined);
    try {
      const { verdict, runDir, runLog } = await auditDemo({ monitorFile: monitorFile() });
      const journey = verdict.journeys[0]!;
      expect(journey.status).toBe('failed');
      const dir = 'artifacts/baseline.purchase.r1';
      const expected = { screenshot: `${dir}/screenshot.png`, trace: `${dir}/trace.zip`, har: `${dir}/journey.har` };
      expect(journey.artifacts).toEqual(expected);
      const end = runLog.find((e) => e.type === 'journey-end');
      expect(end?.type === 'journey-end' && end.artifacts).toEqual(expected);

      const png = readFileSync(join(runDir, expected.screenshot));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(readFileSync(join(runDir, expected.trace)).subarray(0, 2).toString('latin1')).toBe('PK');
      // The HAR was written when the browser context closed, after journey-end: it has the refused order.
      const har = JSON.parse(readFileSync(join(runDir, expected.har), 'utf8')) as { log: { entries: { request: { method: string; url: string }; response: { status: number } }[] } };
      const placeOrder = har.log.entries.find((entry) => entry.request.method === 'POST' && new URL(entry.request.url).pathname === '/checkout');
      expect(placeOrder?.response.status).toBe(503);

      const html = readFileSync(join(runDir, 'report.html'), 'utf8');
      for (const path of Object.values(expected)) expect(html).toContain(`href="${path}"`);
      expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);

      // Opened in Chromium, each link resolves to the file beside the report.
      const page = await (await reportBrowser).newPage();
      await page.goto(pathToFileURL(join(runDir, 'report.html')).href);
      const links = await page.locator(`#journey-baseline\\.purchase\\.r1 .artifacts a`).evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      expect(links.map((href) => new URL(href).pathname).sort()).toEqual(Object.values(expected).map((path) => join(runDir, path)).sort());
      expect(await page.locator('#journey-baseline\\.purchase\\.r1 img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
      for (const href of links) expect(existsSync(new URL(href).pathname)).toBe(true);
    } finally {
      await reportBrowser.then((browser) => browser.close(), () => undefined);
    }
  });
});
