import type { Page } from 'playwright';
import { expect, type Journey } from '../../src/index.ts';

/** How the customer ships and pays, and the coupon they type; nothing given: standard, card, no coupon. */
export interface CheckoutChoices {
  shipping?: 'standard' | 'express';
  payment?: 'card' | 'paypal' | 'invoice';
  coupon?: string;
}

/** The checkout form's radio labels for each choice (their accessible names start with these). */
const SHIPPING_LABELS = { standard: 'Standard delivery', express: 'Express delivery' } as const;
const PAYMENT_LABELS = { card: 'Pay by card', paypal: 'PayPal', invoice: 'Invoice' } as const;

/** From the cart page: check out with the journey's stamped e-mail and the chosen methods, record the order. */
export async function checkOut(page: Page, journey: Journey, choices: CheckoutChoices = {}): Promise<string> {
  const { shipping = 'standard', payment = 'card', coupon } = choices;
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('E-mail').fill(journey.email);
  await page.getByLabel('Full name').fill('Tagwatch Test Customer');
  await page.getByLabel('Address').fill('1 Test Street');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code').fill('69001');
  // Standard delivery and card payment are preselected: other choices are ticked.
  if (shipping !== 'standard') await page.getByLabel(SHIPPING_LABELS[shipping]).check();
  if (payment !== 'card') await page.getByLabel(PAYMENT_LABELS[payment]).check();
  // PayPal and invoice need no card: the field stays empty, as a customer leaves it.
  if (payment === 'card') {
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  }
  if (coupon) {
    await page.getByLabel('Coupon code').fill(coupon);
  }
  await page.getByRole('button', { name: 'Place order' }).click();

  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  // The customer sees a loaded page before leaving it: on a busy machine a click right after the
  // order number shows would navigate away before the purchase tags ran, and read as lost tags.
  await page.waitForLoadState('load');
  const orderId = (await orderNumber.textContent()) ?? '';
  journey.orderPlaced(orderId);
  // Stay while a reading customer would, so a tag that sends late is seen and timed (under the
  // fast-exit condition this returns at the load event, and a late tag is lost as it is for quick leavers).
  await journey.dwellOnConfirmation(page);

  // Leave the confirmation page the way a customer does: tags that send on pagehide fire now.
  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
  return orderId;
}
