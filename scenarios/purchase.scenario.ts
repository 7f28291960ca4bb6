import { test, expect } from '../src/capture/fixtures.ts';

/**
 * The purchase journey: browse, add to cart, check out with the run-stamped e-mail, read the
 * order number, then leave the confirmation page the way a customer does (late beacons fire then).
 */
test('purchase', async ({ page, journey }) => {
  await page.goto('/');
  await journey.consent(page);

  await page.getByRole('link', { name: 'Organic cotton T-shirt' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart/);
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
  journey.orderPlaced((await orderNumber.textContent()) ?? '');

  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
});
