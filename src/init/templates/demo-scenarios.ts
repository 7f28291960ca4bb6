/**
 * The embedded demo shop's scenarios, as tagwatch's own (scenarios/*.scenario.ts with the steps
 * of scenarios/steps/ inlined), importing from 'tagwatch': they pass on the demo shop as they are.
 */
export const DEMO_PURCHASE_SCENARIO = `import { test, expect } from 'tagwatch';

/** The demo shop's products, in the order a bigger cart takes them. */
const PRODUCTS = ['Organic cotton T-shirt', 'Merino wool beanie', 'Waxed canvas backpack', 'Ceramic pour-over set', 'Recycled paper notebook'];
/** The checkout's radio labels for each choice. */
const SHIPPING_LABELS = { standard: 'Standard delivery', express: 'Express delivery' } as const;
const PAYMENT_LABELS = { card: 'Pay by card', paypal: 'PayPal', invoice: 'Invoice' } as const;
type Shipping = keyof typeof SHIPPING_LABELS;
type Payment = keyof typeof PAYMENT_LABELS;

/**
 * The purchase journey: browse, add to cart, check out with the run-stamped e-mail, read the
 * order number, then leave the confirmation page the way a customer does (late beacons fire then).
 */
test('purchase', async ({ page, journey, variant }) => {
  // The monitor's variants choose the cart and the checkout; without them: one product, standard, card.
  const { items = 1, shipping = 'standard', payment = 'card', coupon } = variant as { items?: number; shipping?: Shipping; payment?: Payment; coupon?: string };
  await page.goto('/');
  await journey.consent(page);

  // A cart of \`items\` different products: open each, add it to the cart, land on the cart.
  for (const [index, product] of PRODUCTS.slice(0, Number(items)).entries()) {
    if (index > 0) await page.goto('/');
    await page.getByRole('link', { name: product }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page).toHaveURL(/\\/cart/);
  }

  // Check out with the journey's stamped e-mail and the chosen methods (standard and card are preselected).
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('E-mail').fill(journey.email);
  await page.getByLabel('Full name').fill('Tagwatch Test Customer');
  await page.getByLabel('Address').fill('1 Test Street');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code').fill('69001');
  if (shipping !== 'standard') await page.getByLabel(SHIPPING_LABELS[shipping]).check();
  if (payment !== 'card') await page.getByLabel(PAYMENT_LABELS[payment]).check();
  // PayPal and invoice need no card.
  if (payment === 'card') await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  if (coupon) await page.getByLabel('Coupon code').fill(coupon);
  await page.getByRole('button', { name: 'Place order' }).click();

  // Record the order number the confirmation page shows.
  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  // The customer sees a loaded page before leaving it: on a busy machine a click right after the
  // order number shows would navigate away before the purchase tags ran, and read as lost tags.
  await page.waitForLoadState('load');
  journey.orderPlaced((await orderNumber.textContent()) ?? '');
  // Stay on the confirmation page as the condition says: a customer reading it (tags that send
  // late still do), or under fast-exit one who leaves at its load event (they are lost).
  await journey.dwellOnConfirmation(page);

  // Leave the confirmation page the way a customer does: tags that send on pagehide fire now.
  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
});
`;

export const DEMO_CROSS_DEVICE_SCENARIO = `import { test, expect } from 'tagwatch';

/** The demo shop's products, in the order a bigger cart takes them. */
const PRODUCTS = ['Organic cotton T-shirt', 'Merino wool beanie', 'Waxed canvas backpack', 'Ceramic pour-over set', 'Recycled paper notebook'];
/** The checkout's radio labels for each choice. */
const SHIPPING_LABELS = { standard: 'Standard delivery', express: 'Express delivery' } as const;
const PAYMENT_LABELS = { card: 'Pay by card', paypal: 'PayPal', invoice: 'Invoice' } as const;
type Shipping = keyof typeof SHIPPING_LABELS;
type Payment = keyof typeof PAYMENT_LABELS;

/**
 * Phone: lands from an ad click (gclid, fbclid, ttclid), accepts consent, adds to cart and takes
 * the "continue on another device" link. Laptop, fresh storage: opens the link, accepts
 * consent, pays. The reconciliation checks each vendor's purchase for the ad click.
 */
test('cross-device-purchase', async ({ page, journey, newDevice, variant }) => {
  // The monitor's variants choose the cart and the checkout; without them: one product, standard, card.
  const { items = 1, shipping = 'standard', payment = 'card', coupon } = variant as { items?: number; shipping?: Shipping; payment?: Payment; coupon?: string };
  await page.goto(journey.adLanding('/'));
  await journey.consent(page);
  // The visitor reads each page of the ad visit: its tags (the click-id cookies, GA4's first
  // consented hit) finish before they move on, as they do for a person.
  await page.waitForLoadState('networkidle');
  for (const [index, product] of PRODUCTS.slice(0, Number(items)).entries()) {
    if (index > 0) await page.goto('/');
    await page.getByRole('link', { name: product }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page).toHaveURL(/\\/cart/);
  }
  await page.waitForLoadState('networkidle');
  const restoreUrl = await page.getByRole('link', { name: 'Continue on another device' }).getAttribute('href');
  expect(restoreUrl, 'the cart offers a link to continue on another device').toBeTruthy();

  const laptop = await (await newDevice('desktop')).newPage();
  await laptop.goto(restoreUrl!);
  await journey.consent(laptop);
  await expect(laptop).toHaveURL(/\\/cart/);

  // Check out with the journey's stamped e-mail and the chosen methods (standard and card are preselected).
  await laptop.getByRole('link', { name: 'Checkout' }).click();
  await laptop.getByLabel('E-mail').fill(journey.email);
  await laptop.getByLabel('Full name').fill('Tagwatch Test Customer');
  await laptop.getByLabel('Address').fill('1 Test Street');
  await laptop.getByLabel('City').fill('Lyon');
  await laptop.getByLabel('Postal code').fill('69001');
  if (shipping !== 'standard') await laptop.getByLabel(SHIPPING_LABELS[shipping]).check();
  if (payment !== 'card') await laptop.getByLabel(PAYMENT_LABELS[payment]).check();
  // PayPal and invoice need no card.
  if (payment === 'card') await laptop.getByLabel('Card number').fill('4242 4242 4242 4242');
  if (coupon) await laptop.getByLabel('Coupon code').fill(coupon);
  await laptop.getByRole('button', { name: 'Place order' }).click();

  // Record the order number the confirmation page shows.
  const orderNumber = laptop.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  await laptop.waitForLoadState('load');
  journey.orderPlaced((await orderNumber.textContent()) ?? '');
  // Stay on the confirmation page as the condition says: a customer reading it (tags that send
  // late still do), or under fast-exit one who leaves at its load event (they are lost).
  await journey.dwellOnConfirmation(laptop);

  // Leave the confirmation page the way a customer does: tags that send on pagehide fire now.
  await laptop.getByRole('link', { name: 'Continue shopping' }).click();
  await laptop.waitForLoadState('load');
});
`;
