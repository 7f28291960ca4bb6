import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { returnVisitAfter, SCRIPT_COOKIE_BINDING, SCRIPT_COOKIE_TAP_SOURCE } from '../../src/capture/cookie-caps.ts';
import { startLocalServer } from '../support/local-server.ts';

// The server sets one cookie itself; the page's script sets two more, one of them right before leaving.
let site: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
beforeAll(async () => {
  site = await startLocalServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'server_cart=1; Path=/; Max-Age=864000' });
    res.end(`<script>document.cookie = '_ga=GA1.1.123; Path=/; Max-Age=34560000'; setTimeout(() => { document.cookie = '_gcl_aw=GCL.1.G1; Path=/; Max-Age=7776000'; }, 50);</script>`);
  });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function visit() {
  const context = await browser.newContext();
  const scriptCookies = new Set<string>();
  await context.exposeBinding(SCRIPT_COOKIE_BINDING, (_s, name: string) => void scriptCookies.add(name));
  await context.addInitScript({ content: SCRIPT_COOKIE_TAP_SOURCE });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => document.cookie.includes('_gcl_aw'));
  return { context, scriptCookies };
}

const caps = { scriptSetDays: 7, decoratedLandingHours: 24 };

it('after an ad click (decorated landing), script cookies are gone 2 days later; server cookies stay', async () => {
  const { context, scriptCookies } = await visit();
  const result = await returnVisitAfter(context, 2, scriptCookies, caps, true);
  expect(result).toEqual({ removed: ['_ga', '_gcl_aw'], kept: [] });
  expect((await context.cookies()).map((c) => c.name)).toEqual(['server_cart']);
  await context.close();
});

it('without a decorated landing the 7-day cap keeps them for a 2-day return, not for a 10-day one', async () => {
  const first = await visit();
  expect(await returnVisitAfter(first.context, 2, first.scriptCookies, caps, false)).toEqual({ removed: [], kept: ['_ga', '_gcl_aw'] });
  expect(await returnVisitAfter(first.context, 10, first.scriptCookies, caps, false)).toEqual({ removed: ['_ga', '_gcl_aw'], kept: [] });
  await first.context.close();
});
