import { createHash } from 'node:crypto';
import { SHOP_CURRENCY } from './accounts.ts';
import type { CartLine } from './cart.ts';
import type { OrderItem } from './orders-store.ts';
import { centsToAmount } from './products.ts';
import type { Product } from './products.ts';

/** GA4 ecommerce item, the schema every tag of the shop reads from. */
export interface DataLayerItem {
  item_id: string;
  item_name: string;
  item_category?: string;
  price: number;
  quantity: number;
  index?: number;
}

export function productItem(product: Product, quantity = 1, index?: number): DataLayerItem {
  return {
    item_id: product.sku,
    item_name: product.name,
    item_category: product.category,
    price: centsToAmount(product.priceCents),
    quantity,
    ...(index !== undefined ? { index } : {}),
  };
}

export function lineItems(lines: readonly CartLine[]): DataLayerItem[] {
  return lines.map((line) => productItem(line.product, line.quantity));
}

export function orderItems(items: readonly OrderItem[]): DataLayerItem[] {
  return items.map((item) => ({ item_id: item.sku, item_name: item.name, price: item.price, quantity: item.quantity }));
}

export function pageView(pageType: string): Record<string, unknown> {
  return { event: 'page_view', page_type: pageType };
}

export function ecommerceEvent(event: string, ecommerce: Record<string, unknown>): Record<string, unknown> {
  return { event, ecommerce: { currency: SHOP_CURRENCY, ...ecommerce } };
}

export function valueOf(items: readonly DataLayerItem[]): number {
  return centsToAmount(items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0));
}

/**
 * The buyer's e-mail as every vendor's matching expects it: trimmed, lower-cased, SHA-256, hex.
 * Hashed here, when the confirmation page is rendered, so the plain address never reaches a tag.
 */
export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

/** gtag's user_data with a pre-hashed e-mail, pushed on the purchase event for the ad tags. */
export function userData(email: string): Record<string, string> {
  return { sha256_email_address: hashEmail(email) };
}
