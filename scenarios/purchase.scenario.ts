import { test, expect } from '../src/capture/fixtures.ts';
import { checkOut } from './steps/checkout.ts';

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
  await checkOut(page, journey);
});
