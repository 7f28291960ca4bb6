import { test } from '../src/index.ts';
import { addToCart } from './steps/add-to-cart.ts';
import { checkOut } from './steps/checkout.ts';

/**
 * The purchase journey: browse, add to cart, check out with the run-stamped e-mail, read the
 * order number, then leave the confirmation page the way a customer does (late beacons fire then).
 */
test('purchase', async ({ page, journey }) => {
  await page.goto('/');
  await journey.consent(page);

  await addToCart(page);
  await checkOut(page, journey);
});
