import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { startBrokenCheckoutShop } from '../fixtures/broken-checkout-shop.ts';
import { auditDemo } from '../support/audit.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';

let shop: Awaited<ReturnType<typeof startBrokenCheckoutShop>>;
beforeAll(async () => {
  shop = await startBrokenCheckoutShop();
});
afterAll(async () => {
  await shop?.close();
});

/** A monitor of the shop whose checkout page is down: the purchase journey fails at the form. */
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
  it('checkout down: artifacts on disk, on journey-end, on the journey result, and in report.html', async () => {
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
    // The HAR was written when the browser context closed, after journey-end: it has the broken page.
    const har = JSON.parse(readFileSync(join(runDir, expected.har), 'utf8')) as { log: { entries: { request: { url: string }; response: { status: number } }[] } };
    const checkout = har.log.entries.find((entry) => new URL(entry.request.url).pathname === '/checkout');
    expect(checkout?.response.status).toBe(503);

    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    for (const path of Object.values(expected)) expect(html).toContain(`href="${path}"`);
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);

    // Opened in Chromium, each link resolves to the file beside the report.
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(runDir, 'report.html')).href);
      const links = await page.locator(`#journey-baseline\\.purchase\\.r1 .artifacts a`).evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      expect(links.map((href) => new URL(href).pathname).sort()).toEqual(Object.values(expected).map((path) => join(runDir, path)).sort());
      expect(await page.locator('#journey-baseline\\.purchase\\.r1 img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
      for (const href of links) expect(existsSync(new URL(href).pathname)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
