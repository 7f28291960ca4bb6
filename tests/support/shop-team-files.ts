/**
 * Files a shop team writes in its own project, for the tests that audit such a project: a basket
 * scenario reading the `items` variant, and a vendor plugin for the shop's own first-party
 * collector (GET /collect/v1?e=<event>&order=&value=&currency= on the shop's origin).
 * `tagwatch` is the module they import tagwatch from: 'tagwatch' in an installed project, the
 * sources' path in the repository.
 */

/**
 * The basket journey on the demo shop. `collectorBrokenAbove`: the shop's collector sends nothing
 * for carts of more items than this (a collector broken for bigger carts); default never.
 */
export function basketScenario(tagwatch: string, options: { collectorBrokenAbove?: number } = {}): string {
  const call = options.collectorBrokenAbove === undefined ? 'true' : `items <= ${options.collectorBrokenAbove}`;
  return `import { test, expect } from '${tagwatch}';

test('basket', async ({ page, journey, variant }) => {
  const items = Number(variant.items);
  expect(journey.variant).toEqual(variant);
  await page.goto('/');
  await journey.consent(page);
  for (let i = 0; i < items; i++) {
    await page.goto('/');
    await page.getByRole('link', { name: 'Organic cotton T-shirt' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page).toHaveURL(/\\/cart/);
  }
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('E-mail').fill(journey.email);
  await page.getByLabel('Full name').fill('Tagwatch Test Customer');
  await page.getByLabel('Address').fill('1 Test Street');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code').fill('69001');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Place order' }).click();
  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  await page.waitForLoadState('load');
  const orderId = (await orderNumber.textContent())!.trim();
  journey.orderPlaced(orderId);
  // The shop's first-party collector: the purchase from the dataLayer, to the shop's own origin.
  if (${call}) {
    await page.evaluate((id) => {
      const purchase = (window as any).dataLayer.find((entry: any) => entry.event === 'purchase').ecommerce;
      navigator.sendBeacon('/collect/v1?e=order_completed&order=' + id + '&value=' + purchase.value + '&currency=' + purchase.currency);
    }, orderId);
  }
  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
});
`;
}

/** The vendor plugin of the shop's collector. */
export function collectorVendor(tagwatch: string): string {
  return `import { defineVendor } from '${tagwatch}';

/** The shop's own first-party collector: GET /collect/v1?e=<event>&order=&value=&currency= on the shop's origin. */
export default defineVendor({
  id: 'shop-collector',
  label: 'Shop collector',
  category: 'analytics',
  patterns: [/^https?:\\/\\/[^/]+\\/collect\\/v1\\?/],
  decode(request, url) {
    const eventName = url.searchParams.get('e') ?? '';
    const value = url.searchParams.get('value');
    return [{
      vendor: 'shop-collector',
      eventName,
      kind: eventName === 'order_completed' ? 'purchase' : 'other',
      transactionId: url.searchParams.get('order') ?? undefined,
      value: value === null ? undefined : Number(value),
      currency: url.searchParams.get('currency') ?? undefined,
      params: Object.fromEntries(url.searchParams),
    }];
  },
});
`;
}

/** A monitor of the demo shop running the basket scenario over items 1 and 2, expecting GA4 and the collector. */
export function basketMonitor(tagwatch: string, name: string, extra = ''): string {
  return `import { defineMonitor } from '${tagwatch}';

export default defineMonitor({
  name: '${name}',
  site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/' } },
  scenarios: ['basket'],
  conditions: ['baseline'],
  variants: { items: [1, 2] },
  expect: { ga4: { eventName: 'purchase' }, 'shop-collector': { eventName: 'order_completed' } },
  plugins: { vendors: ['plugins/vendors'] },
  orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 3 },${extra}
});
`;
}
