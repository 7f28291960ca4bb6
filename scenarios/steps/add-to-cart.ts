import type { Page } from 'playwright';
import { expect } from '../../src/index.ts';

/** From any page: open the product by its link name, add it to the cart, land on the cart. */
export async function addToCart(page: Page, product = 'Organic cotton T-shirt'): Promise<void> {
  await page.getByRole('link', { name: product }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart/);
}
