import type { Variant } from '../../src/index.ts';
import type { CheckoutChoices } from './checkout.ts';

/** What one purchase journey buys and how it checks out. */
export interface PurchaseChoices extends CheckoutChoices {
  /** Number of line items: that many different products, one of each. */
  lineItems: number;
}

const SHIPPING = ['standard', 'express'] as const;
const PAYMENT = ['card', 'paypal', 'invoice'] as const;

/**
 * The monitor's variant read as checkout choices: `items` (line items), `shipping`, `payment`,
 * `coupon`, each optional. Without variants ({}), one product, standard shipping, card, no
 * coupon: the journey as it always was. A value the shop does not offer stops the journey with
 * what it offers, rather than buy something else than the monitor asked.
 */
export function purchaseChoices(variant: Variant): PurchaseChoices {
  const { items = 1, shipping = 'standard', payment = 'card', coupon } = variant;
  const lineItems = Number(items);
  if (!Number.isInteger(lineItems) || lineItems < 1) throw new Error(`variant items=${String(items)}: give a whole number of line items, 1 or more`);
  return {
    lineItems,
    shipping: oneOf('shipping', shipping, SHIPPING),
    payment: oneOf('payment', payment, PAYMENT),
    ...(coupon !== undefined && coupon !== '' ? { coupon: String(coupon) } : {}),
  };
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  throw new Error(`variant ${name}=${String(value)}: the demo shop offers ${allowed.join(', ')}`);
}
