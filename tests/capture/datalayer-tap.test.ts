import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { attachDataLayerTap } from '../../src/capture/datalayer-tap.ts';
import { htmlPages, startLocalServer } from '../support/local-server.ts';

// A page that pushes before and after "GTM" replaces push with its own re-entrant version,
// and another that reassigns window.dataLayer.
const pages = {
  '/': `<!doctype html><script>
    window.dataLayer = window.dataLayer || [];
    dataLayer.push({ event: 'early', n: 1 });
    const original = dataLayer.push;
    dataLayer.push = function (...items) { const r = original.apply(this, items); if (items[0] && items[0].event === 'purchase') original.call(this, { event: 'gtm.internal' }); return r; };
    dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T-1', value: 10, callback: function () {} } });
    document.title = 'done:' + dataLayer.length;
  </script><p>ok</p>`,
  '/reassign': `<!doctype html><script>
    window.dataLayer = [{ event: 'preloaded' }];
    window.dataLayer.push({ event: 'after-reassign' });
  </script><p>ok</p>`,
};

let browser: Browser;
let site: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  site = await startLocalServer(htmlPages(pages));
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function pushesOf(path: string, expectTitle?: string): Promise<unknown[]> {
  const context = await browser.newContext();
  const pushes: unknown[] = [];
  await attachDataLayerTap(context, (_url, value) => pushes.push(value));
  const page = await context.newPage();
  await page.goto(site.url + path);
  await page.waitForTimeout(200);
  // The page's own pushes must all have landed: the tap may not break (or loop) the site.
  if (expectTitle) expect(await page.title()).toBe(expectTitle);
  await context.close();
  return pushes;
}

it('records each push once, through a replaced re-entrant push, with functions made safe', async () => {
  const pushes = await pushesOf('/', 'done:3');
  expect(pushes).toEqual([
    { event: 'early', n: 1 },
    { event: 'purchase', ecommerce: { transaction_id: 'T-1', value: 10, callback: '[function]' } },
  ]);
});

it('follows a reassigned window.dataLayer, including what it already held', async () => {
  expect(await pushesOf('/reassign')).toEqual([{ event: 'preloaded' }, { event: 'after-reassign' }]);
});
