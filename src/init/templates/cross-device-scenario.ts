/**
 * The cross-device journey of a shop tagwatch does not know yet: a phone lands from an ad and
 * fills the cart, a laptop pays. Selectors marked TODO(tagwatch), and how to carry the cart.
 */
export const CROSS_DEVICE_SCENARIO = `import { test, expect } from 'tagwatch';

/**
 * Cross-device purchase, run under the cross-device condition: a phone lands from an ad click
 * (gclid, fbclid, ttclid unique to this journey), consents and fills the cart; a laptop with fresh
 * storage (no cookies) takes the cart over and pays. The loss table then says, per vendor, which
 * purchases still carry the ad click: what attribution across devices keeps.
 *
 * Written by \`tagwatch init\` as a template: change the lines after each TODO(tagwatch) to your shop.
 * Steps alike scenarios/purchase.scenario.ts have its TODOs too: copy your answers from there.
 */
test('cross-device-purchase', async ({ page, journey, newDevice }) => {
  // The phone (the condition opens the journey's first page on a phone): lands from an ad click.
  await page.goto(journey.adLanding('/'));
  await journey.consent(page);
  // The visitor reads the landing page: its tags (click-id cookies, the first consented hits)
  // finish before they move on, as they do for a person.
  await page.waitForLoadState('networkidle');

  // TODO(tagwatch): a product that is always in stock, and your add-to-cart button.
  await page.getByRole('link', { name: 'T-shirt' }).first().click();
  await page.getByRole('button', { name: /add to (cart|basket|bag)/i }).click();
  await page.waitForLoadState('networkidle');

  // Carry the cart to the other device. Some shops offer a link for it ("Continue on another
  // device", "Share cart", "Email my cart"): take it. Many have none; then carry it as customers do:
  // - log in with the same test account on both devices (create one in your shop, its password in an
  //   env variable: process.env.SHOP_TEST_PASSWORD), and the cart follows the account;
  // - or add the same product again on the laptop (the ad click is on the phone only: that is the point).
  // TODO(tagwatch): your cart-sharing link, or one of the ways above.
  const cartLink = await page.getByRole('link', { name: /continue on another device|share (your )?cart/i }).getAttribute('href');
  expect(cartLink, 'the cart offers a link to continue on another device').toBeTruthy();

  // The laptop: a fresh browser context, its tags captured too. Its first page answers the banner again.
  const laptop = await (await newDevice('desktop')).newPage();
  await laptop.goto(cartLink!);
  await journey.consent(laptop);

  // Check out with the journey's stamped e-mail, as in scenarios/purchase.scenario.ts.
  // TODO(tagwatch): your checkout button, form fields and test payment method.
  await laptop.getByRole('link', { name: /checkout/i }).first().click();
  await laptop.getByLabel(/e-?mail/i).first().fill(journey.email);
  await laptop.getByLabel(/first name/i).fill('Tagwatch');
  await laptop.getByLabel(/last name/i).fill('Test');
  await laptop.getByLabel(/street address|address/i).first().fill('1 Test Street');
  await laptop.getByLabel(/town|city/i).fill('Lyon');
  await laptop.getByLabel(/postcode|postal code|zip/i).fill('69001');
  await laptop.getByLabel(/bank transfer|cash on delivery|check payments/i).first().check();
  await laptop.getByRole('button', { name: /place order|pay now|complete order|buy now/i }).click();

  // The order number the confirmation page shows: how the order is matched to its tags.
  // TODO(tagwatch): the element holding the order number (as in scenarios/purchase.scenario.ts).
  const orderNumber = laptop.locator('.order-number').first();
  await expect(orderNumber).toBeVisible({ timeout: 30_000 });
  await laptop.waitForLoadState('load');
  journey.orderPlaced((await orderNumber.innerText()).replace('#', '').trim());
  // Stay on the confirmation page as the condition says: a customer reading it (tags that send
  // late still do), or under fast-exit one who leaves at its load event (they are lost).
  await journey.dwellOnConfirmation(laptop);

  // Leave the confirmation page by a link: tags that send on pagehide fire now.
  // TODO(tagwatch): a link of your confirmation page.
  await laptop.getByRole('link', { name: /continue shopping|home/i }).first().click();
  await laptop.waitForLoadState('load');
});
`;
