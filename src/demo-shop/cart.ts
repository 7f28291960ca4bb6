import { productBySku, SHIPPING_CENTS } from './products.ts';
import type { Product } from './products.ts';

export interface CartLine {
  product: Product;
  quantity: number;
}

export interface CartTotals {
  subtotalCents: number;
  /** What a coupon took off the items; only orders have one. */
  discountCents?: number;
  shippingCents: number;
  totalCents: number;
  itemCount: number;
}

export const CART_COOKIE = 'ds_cart';
export const MAX_QUANTITY = 10;
const MAX_LINES = 20;

/**
 * The cart lives in a cookie as "SKU1:2|SKU3:1": the server stays stateless, and prices always
 * come from the catalog, so a tampered cookie can change quantities but never what they cost.
 * Unknown SKUs and malformed parts are dropped rather than rejected.
 */
export function parseCart(raw: string | undefined): CartLine[] {
  if (!raw) return [];
  const lines: CartLine[] = [];
  for (const part of raw.split('|').slice(0, MAX_LINES)) {
    const match = /^([A-Za-z0-9_-]{1,32}):(\d{1,3})$/.exec(part);
    if (!match) continue;
    const product = productBySku(match[1]!);
    const quantity = clampQuantity(Number(match[2]));
    if (product && quantity > 0) addLine(lines, product, quantity);
  }
  return lines;
}

export function serializeCart(lines: readonly CartLine[]): string {
  return lines.map((line) => `${line.product.sku}:${line.quantity}`).join('|');
}

export function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 0;
  return Math.max(0, Math.min(MAX_QUANTITY, Math.trunc(quantity)));
}

/** Adds to an existing line of the same product, as shops do, capped at MAX_QUANTITY. */
export function addLine(lines: CartLine[], product: Product, quantity: number): CartLine[] {
  const existing = lines.find((line) => line.product.sku === product.sku);
  if (existing) existing.quantity = clampQuantity(existing.quantity + quantity);
  else if (lines.length < MAX_LINES) lines.push({ product, quantity: clampQuantity(quantity) });
  return lines;
}

export function cartTotals(lines: readonly CartLine[]): CartTotals {
  const subtotalCents = lines.reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  const shippingCents = lines.length > 0 ? SHIPPING_CENTS : 0;
  return { subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents, itemCount };
}
