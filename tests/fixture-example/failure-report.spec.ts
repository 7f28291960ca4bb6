import { buyTShirt, expect, test } from './shop.ts';

/**
 * Fails on purpose, to check how Playwright reports a missing tag: only run (by
 * tests/e2e/playwright-fixture.test.ts) with TAGWATCH_EXAMPLE_SHOW_FAILURE=1, see playwright.config.ts.
 */
test.use({ shopFaults: ['ga4-purchase-missing'] });

test('the GA4 purchase fires (it does not: the demo shop drops it)', async ({ page, tracking }) => {
  const orderId = await buyTShirt(page);
  await expect(tracking).toHaveFired('ga4', { eventName: 'purchase', transactionId: orderId }, { timeout: 2000 });
});
