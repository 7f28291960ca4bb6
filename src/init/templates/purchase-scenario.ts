/**
 * The purchase journey of a shop tagwatch does not know yet: every step a shop has, with the
 * selectors of a typical one, each marked TODO(tagwatch) for the user to change.
 */
export const PURCHASE_SCENARIO = `import { test, expect } from 'tagwatch';

/**
 * The purchase journey, run under every condition of the monitor: browse, add to cart, check out
 * with the run-stamped e-mail, read the order number, leave the confirmation page.
 *
 * Written by \`tagwatch init\` as a template: the lines after each TODO(tagwatch) are a typical shop's
 * selectors, change them to yours. Playwright's code generator finds them for you:
 *   npx playwright codegen https://your-shop.example
 * Locators: https://playwright.dev/docs/locators. Try the journey alone, the browser visible:
 *   npx tagwatch audit monitors/<name>.monitor.ts --conditions baseline --headed
 *
 * With variants in the monitor (variants: { items: [1, 3] }), add \`variant\` to the fixtures below
 * and read them: const items = Number(variant.items ?? 1);
 */
test('purchase', async ({ page, journey }) => {
  // The home page, relative to the monitor's site.baseUrl.
  await page.goto('/');
  // Answers the consent banner as the condition says (accept, refuse, or leave it) and records
  // the outcome: on the first page of every device, before anything else.
  await journey.consent(page);

  // Open a product.
  // TODO(tagwatch): a product that is always in stock, by its link text (or go to it: await page.goto('/product/t-shirt/')).
  await page.getByRole('link', { name: 'T-shirt' }).first().click();

  // Add it to the cart, then open the cart.
  // TODO(tagwatch): your add-to-cart button (a size or colour to pick first? page.getByLabel('Size').selectOption('M')).
  await page.getByRole('button', { name: /add to (cart|basket|bag)/i }).click();
  // TODO(tagwatch): your cart page's address, or the mini-cart's link: page.getByRole('link', { name: 'View cart' }).click().
  await page.goto('/cart/');

  // Check out with the journey's e-mail: tagwatch+<stamp>@example.com, unique to this journey and
  // run. It is how tagwatch finds the test order in your backend (journey.stamp is the bare stamp,
  // for an order note or a meta field instead).
  // TODO(tagwatch): your checkout button or link.
  await page.getByRole('link', { name: /checkout/i }).first().click();
  // TODO(tagwatch): your checkout form's fields (labels or placeholders: page.getByPlaceholder('Email')).
  await page.getByLabel(/e-?mail/i).first().fill(journey.email);
  await page.getByLabel(/first name/i).fill('Tagwatch');
  await page.getByLabel(/last name/i).fill('Test');
  await page.getByLabel(/street address|address/i).first().fill('1 Test Street');
  await page.getByLabel(/town|city/i).fill('Lyon');
  await page.getByLabel(/postcode|postal code|zip/i).fill('69001');

  // Pay without real money: an offline method of your staging shop (bank transfer, cash on
  // delivery), or your payment provider's test mode. A card form is often in a frame:
  //   const card = page.frameLocator('iframe[title*="card" i]').first();
  //   await card.getByPlaceholder(/card number/i).fill('4242 4242 4242 4242');
  // TODO(tagwatch): your test payment method, then your place-order button.
  await page.getByLabel(/bank transfer|cash on delivery|check payments/i).first().check();
  await page.getByRole('button', { name: /place order|pay now|complete order|buy now/i }).click();

  // The confirmation page: read the order number it shows. Required: it is how the order in the
  // backend is matched to the tags that reported it (their transaction id).
  // TODO(tagwatch): the element holding the order number (WooCommerce: '.woocommerce-order-overview__order strong',
  // Shopify: '.os-order-number'; strip any '#' or 'Order' around the number).
  const orderNumber = page.locator('.order-number').first();
  await expect(orderNumber).toBeVisible({ timeout: 30_000 });
  // The customer sees a loaded page before leaving it: leaving at once would cut the purchase tags.
  await page.waitForLoadState('load');
  journey.orderPlaced((await orderNumber.innerText()).replace('#', '').trim());
  // Stay on the confirmation page as the condition says: a customer reading it (tags that send
  // late still do), or under fast-exit one who leaves at its load event (they are lost).
  await journey.dwellOnConfirmation(page);

  // Leave the confirmation page the way a customer does, by a link: tags that send on pagehide fire now.
  // TODO(tagwatch): a link of your confirmation page (the logo, "Continue shopping").
  await page.getByRole('link', { name: /continue shopping|home/i }).first().click();
  await page.waitForLoadState('load');
});
`;
