import { test, expect } from '../src/index.ts';
import { fillCart } from './steps/add-to-cart.ts';
import { checkOut } from './steps/checkout.ts';
import { purchaseChoices } from './steps/purchase-choices.ts';

/**
 * Phone: lands from an ad click (gclid, fbclid, ttclid), accepts consent, adds to cart and takes
 * the "continue on another device" link. Laptop, fresh storage: opens the link, accepts
 * consent, pays. The reconciliation checks each vendor's purchase for the ad click. The monitor's
 * variants choose the cart and the checkout, as in the purchase journey.
 */
test('cross-device-purchase', async ({ page, journey, newDevice, variant }) => {
  const choices = purchaseChoices(variant);
  await page.goto(journey.adLanding('/'));
  await journey.consent(page);
  // The visitor reads each page of the ad visit: its tags (the click-id cookies, GA4's first
  // consented hit) finish before they move on, as they do for a person.
  await page.waitForLoadState('networkidle');
  await fillCart(page, choices.lineItems);
  await page.waitForLoadState('networkidle');
  const restoreUrl = await page.getByRole('link', { name: 'Continue on another device' }).getAttribute('href');
  expect(restoreUrl, 'the cart offers a link to continue on another device').toBeTruthy();

  const laptop = await (await newDevice('desktop')).newPage();
  await laptop.goto(restoreUrl!);
  await journey.consent(laptop);
  await expect(laptop).toHaveURL(/\/cart/);
  await checkOut(laptop, journey, choices);
});
