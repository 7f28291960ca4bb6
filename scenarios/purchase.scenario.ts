import { test } from '../src/index.ts';
import { fillCart } from './steps/add-to-cart.ts';
import { checkOut } from './steps/checkout.ts';
import { purchaseChoices } from './steps/purchase-choices.ts';

/**
 * The purchase journey: browse, add to cart, check out with the run-stamped e-mail, read the
 * order number, then leave the confirmation page the way a customer does (late beacons fire then).
 * The monitor's variants choose the cart and the checkout: `items` (line items), `shipping`
 * ('standard' | 'express'), `payment` ('card' | 'paypal' | 'invoice'), `coupon`; without variants,
 * one product, standard shipping, card.
 */
test('purchase', async ({ page, journey, variant }) => {
  const choices = purchaseChoices(variant);
  await page.goto('/');
  await journey.consent(page);

  await fillCart(page, choices.lineItems);
  await checkOut(page, journey, choices);
});
