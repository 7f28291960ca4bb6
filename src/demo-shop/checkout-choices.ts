import type { CartLine } from './cart.ts';
import { SHIPPING_CENTS } from './products.ts';

/**
 * What a buyer chooses at checkout besides the address: how the parcel travels, how they pay and
 * an optional coupon. Each choice is something a tag can get wrong for some orders and not
 * others, which is what a monitor's variants (shipping, payment) exercise.
 */

export interface ShippingMethod {
  id: 'standard' | 'express';
  /** Radio label: its accessible name starts with "Standard delivery" / "Express delivery". */
  label: string;
  priceCents: number;
}

export const SHIPPING_METHODS: readonly ShippingMethod[] = [
  { id: 'standard', label: 'Standard delivery (3 to 5 days)', priceCents: SHIPPING_CENTS },
  { id: 'express', label: 'Express delivery (next working day)', priceCents: 990 },
];

export type ShippingMethodId = ShippingMethod['id'];
export const DEFAULT_SHIPPING: ShippingMethodId = 'standard';

export interface PaymentMethod {
  id: 'card' | 'paypal' | 'invoice';
  /** Radio label. None contains "Card number" or another field's label: scenarios find fields by label. */
  label: string;
  /** Only card payments need the card number field. */
  needsCard: boolean;
}

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { id: 'card', label: 'Pay by card', needsCard: true },
  { id: 'paypal', label: 'PayPal', needsCard: false },
  { id: 'invoice', label: 'Invoice (pay within 30 days)', needsCard: false },
];

export type PaymentMethodId = PaymentMethod['id'];
export const DEFAULT_PAYMENT: PaymentMethodId = 'card';

/** The demo's one valid coupon: 10% off the items (not the shipping). Codes are case-insensitive. */
export const DEMO_COUPON = 'WELCOME10';
const COUPON_PERCENT_OFF: Readonly<Record<string, number>> = { [DEMO_COUPON]: 10 };

export function shippingMethod(id: string | undefined): ShippingMethod | undefined {
  return SHIPPING_METHODS.find((method) => method.id === (id || DEFAULT_SHIPPING));
}

export function paymentMethod(id: string | undefined): PaymentMethod | undefined {
  return PAYMENT_METHODS.find((method) => method.id === (id || DEFAULT_PAYMENT));
}

/** The coupon as stored (upper case), or undefined when the code is not one the shop knows. */
export function couponCode(code: string): string | undefined {
  const normalized = code.trim().toUpperCase();
  return COUPON_PERCENT_OFF[normalized] !== undefined ? normalized : undefined;
}

export interface OrderTotals {
  subtotalCents: number;
  /** What the coupons took off the items; 0 without one. */
  discountCents: number;
  shippingCents: number;
  /** subtotal - discount + shipping: what the tags report and the backend records. */
  totalCents: number;
  itemCount: number;
}

/** The totals of a cart checked out with these choices: the one place order money is computed. */
export function orderTotals(lines: readonly CartLine[], shipping: ShippingMethod, coupons: readonly string[] = []): OrderTotals {
  const subtotalCents = lines.reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);
  const percentOff = coupons.reduce((sum, code) => sum + (COUPON_PERCENT_OFF[code] ?? 0), 0);
  const discountCents = Math.round((subtotalCents * Math.min(percentOff, 100)) / 100);
  const shippingCents = lines.length > 0 ? shipping.priceCents : 0;
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  return { subtotalCents, discountCents, shippingCents, totalCents: subtotalCents - discountCents + shippingCents, itemCount };
}
