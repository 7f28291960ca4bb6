import { test, expect } from '../src/index.ts';
import { addToCart } from './steps/add-to-cart.ts';
import { checkOut } from './steps/checkout.ts';

/**
 * Lands from an ad click, accepts consent, looks at a product and leaves; comes back two days
 * later and buys. Under cookie caps (itp) the click ids and client ids set by scripts are gone
 * by then: the reconciliation says which vendors can no longer attribute the sale.
 */
test('return-purchase', async ({ page, journey }) => {
  await page.goto(journey.adLanding('/'));
  await journey.consent(page);
  // The visitor reads each page of the ad visit: its tags (the click-id cookies, GA4's first
  // consented hit) finish before they move on, as they do for a person.
  await page.waitForLoadState('networkidle');
  await page.getByRole('link', { name: 'Organic cotton T-shirt' }).click();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  await journey.returnAfterDays(2);
  await page.goto('/');
  // The consent cookie is script-set too: the banner may be back.
  await journey.consent(page);
  await addToCart(page);
  await checkOut(page, journey);
});
