import type { Page } from 'playwright';
import { expect } from '../../src/index.ts';

/** From any page: open the product by its link name, add it to the cart, land on the cart. */
export async function addToCart(page: Page, product = 'Organic cotton T-shirt'): Promise<void> {
  await page.getByRole('link', { name: product }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart/);
  // As a shopper does, the cart is seen loaded before the next click: on a busy machine the URL
  // is there long before the load event, and moving on at once left view_cart unsent.
  await page.waitForLoadState('load');
}

/** The products of the home page, by their link names, in the order a bigger cart takes them. */
export const SHOP_PRODUCTS = ['Organic cotton T-shirt', 'Merino wool beanie', 'Waxed canvas backpack', 'Ceramic pour-over set', 'Recycled paper notebook'];

/**
 * From the home page: a cart of `lineItems` different products, one of each, back to the home
 * page between them. One line item is the journey as it always was.
 */
export async function fillCart(page: Page, lineItems = 1): Promise<void> {
  if (!Number.isInteger(lineItems) || lineItems < 1 || lineItems > SHOP_PRODUCTS.length) {
    throw new Error(`a cart of ${lineItems} line items cannot be filled: the demo shop has ${SHOP_PRODUCTS.length} products; use 1 to ${SHOP_PRODUCTS.length}`);
  }
  for (const [index, product] of SHOP_PRODUCTS.slice(0, lineItems).entries()) {
    if (index > 0) await page.goto('/');
    await addToCart(page, product);
  }
}
