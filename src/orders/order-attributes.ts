import type { Order, OrderLine } from '../model/order.ts';

/**
 * Reading the attributes a lost order may have in common (line items, shipping and payment
 * method, coupons) from a backend's answer. The rule every source follows: what the answer does
 * not say is left unset, never guessed, because the differential diagnosis
 * (src/reconcile/differential-diagnosis.ts) compares only what every order knows.
 */

/** The attributes of an order besides id, total, currency and time, as far as the answer tells them. */
export type OrderAttributes = Pick<Order, 'lines' | 'shippingMethod' | 'paymentMethod' | 'coupons'>;

/** A non-blank string, trimmed; anything else is unknown. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A finite number, or a numeric string as JSON APIs write money ("24.00"); anything else is unknown. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Codes from a list of strings (or of objects, through `pick`): blank entries dropped; undefined when it is not a list. */
export function codesOf(value: unknown, pick: (entry: unknown) => unknown = (entry) => entry): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry) => textOf(pick(entry))).filter((code): code is string => code !== undefined);
}

/** One line as a source read it; name falls back to the SKU, quantity is required. */
export interface LineFields {
  sku?: unknown;
  name?: unknown;
  category?: unknown;
  quantity?: unknown;
  unitPrice?: unknown;
}

/**
 * Every line of the order, or undefined when the answer has no list or a line cannot be read
 * (no name nor SKU, no whole quantity): a partial list would miscount the line items.
 */
export function linesOf(value: unknown, fields: (entry: Record<string, unknown>) => LineFields): OrderLine[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const lines: OrderLine[] = [];
  for (const entry of value) {
    if (!entry || typeof entry !== 'object') return undefined;
    const raw = fields(entry as Record<string, unknown>);
    const sku = textOf(raw.sku);
    const name = textOf(raw.name) ?? sku;
    const quantity = numberOf(raw.quantity);
    if (name === undefined || quantity === undefined || !Number.isInteger(quantity) || quantity < 0) return undefined;
    const category = textOf(raw.category);
    const unitPrice = numberOf(raw.unitPrice);
    lines.push({
      ...(sku !== undefined ? { sku } : {}),
      name,
      ...(category !== undefined ? { category } : {}),
      quantity,
      ...(unitPrice !== undefined ? { unitPrice } : {}),
    });
  }
  return lines;
}

/** The attributes that are known, without keys for the unknown ones (inputs.json stays free of nulls). */
export function knownAttributes(attributes: OrderAttributes): OrderAttributes {
  const known: OrderAttributes = {};
  if (attributes.lines !== undefined) known.lines = attributes.lines;
  if (attributes.shippingMethod !== undefined) known.shippingMethod = attributes.shippingMethod;
  if (attributes.paymentMethod !== undefined) known.paymentMethod = attributes.paymentMethod;
  if (attributes.coupons !== undefined) known.coupons = attributes.coupons;
  return known;
}
