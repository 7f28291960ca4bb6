import type { Page } from 'playwright';
import { expect, type Journey } from '../../src/index.ts';

/** From the cart page: check out with the journey's stamped e-mail and the test card, record the order. */
export async function checkOut(page: Page, journey: Journey): Promise<string> {
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
  // The customer sees a loaded page before leaving it: on a busy machine a click right after the
  // order number shows would navigate away before the purchase tags ran, and read as lost tags.
  await page.waitForLoadState('load');
  const orderId = (await orderNumber.textContent()) ?? '';
  journey.orderPlaced(orderId);

  // Leave the confirmation page the way a customer does: tags that send on pagehide fire now.
  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
  return orderId;
}
