import { startDemoShop, type DemoFault, type DemoShop } from '../../src/demo-shop/index.ts';
import { expect, test as tracked } from 'tagwatch/test';
import type { Page } from 'playwright/test';

interface ShopFixtures {
  /** Defects the demo shop reproduces for this test. */
  shopFaults: DemoFault[];
  /** The embedded demo shop, one per test, on a free 127.0.0.1 port (it starts in milliseconds). */
  shop: DemoShop;
}

/**
 * `tagwatch/test` plus the shop under test, the way a team adds its own fixtures. Test-scoped:
 * files that want other shop faults still share one worker, and so one browser.
 */
export const test = tracked.extend<ShopFixtures>({
  shopFaults: [[], { option: true }],
  shop: async ({ shopFaults }, use) => {
    const shop = await startDemoShop({ faults: shopFaults });
    await use(shop);
    await shop.close();
  },
  baseURL: async ({ shop }, use) => use(shop.url),
});

export { expect };

/** Home page, accept cookies, buy a T-shirt with the test card; returns the order number shown. */
export async function buyTShirt(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Accept all' }).click();
  await page.getByRole('link', { name: 'Organic cotton T-shirt' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart/);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('E-mail').fill('fixture-example@example.com');
  await page.getByLabel('Full name').fill('Fixture Example');
  await page.getByLabel('Address').fill('1 Test Street');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code').fill('69001');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Place order' }).click();
  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  return (await orderNumber.textContent()) ?? '';
}

/** Playwright colours matcher messages; assertions on them read plain text. */
export function stripColours(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
