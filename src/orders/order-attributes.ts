import type { Order, OrderLine } from '../model/order.ts';
import type { RealOrder } from '../compare/model.ts';

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

/** An e-mail address anywhere in a text: such a value never leaves a source in a period read. */
const EMAIL_IN_TEXT = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** A text attribute of a real order, unless it is blank or carries an e-mail address (then unknown). */
function safeText(value: unknown): string | undefined {
  const text = textOf(value);
  return text === undefined || EMAIL_IN_TEXT.test(text) ? undefined : text;
}

/**
 * How many line items an order has: a count (number or numeric text), a list (its length), or a
 * JSON list in text (json_agg read as text); undefined when the value says none of these.
 */
export function lineCountOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      return Array.isArray(parsed) ? parsed.length : undefined;
    } catch {
      return undefined;
    }
  }
  const count = numberOf(value);
  return count !== undefined && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/** Whether an order created at `createdAt` (ISO) belongs to the period: from included, to excluded. */
export function inPeriod(createdAt: string, period: { from: Date; to: Date }): boolean {
  const at = Date.parse(createdAt);
  return Number.isFinite(at) && at >= period.from.getTime() && at < period.to.getTime();
}

/** Whether any of the texts a backend holds a run stamp in (e-mail, note, meta, tags) says test order. */
export function isTestOrderIn(texts: unknown[], isTestOrder: (text: string) => boolean): boolean {
  return texts.some((text) => typeof text === 'string' && text !== '' && isTestOrder(text));
}

/** What a period read may know of an order besides id, time, total and currency. */
export interface RealOrderFields {
  id: string;
  createdAt: string;
  total: number;
  currency: string;
  lineItems?: unknown;
  shippingMethod?: unknown;
  paymentMethod?: unknown;
  coupons?: string[];
  device?: unknown;
  channel?: unknown;
}

/**
 * One real order of a period with only RealOrder's fields, unknown ones left out (no nulls, no
 * guesses). The only place a period read builds its result: whatever else the backend answered
 * (e-mail, name, address, note) cannot reach it, and a text attribute carrying an e-mail address
 * (a shipping method typed as one, say) is dropped rather than copied.
 */
export function realOrder(fields: RealOrderFields): RealOrder {
  const order: RealOrder = { id: fields.id, createdAt: fields.createdAt, total: fields.total, currency: fields.currency };
  const lineItems = lineCountOf(fields.lineItems);
  if (lineItems !== undefined) order.lineItems = lineItems;
  const shippingMethod = safeText(fields.shippingMethod);
  if (shippingMethod !== undefined) order.shippingMethod = shippingMethod;
  const paymentMethod = safeText(fields.paymentMethod);
  if (paymentMethod !== undefined) order.paymentMethod = paymentMethod;
  if (fields.coupons !== undefined) order.coupons = fields.coupons.filter((code) => !EMAIL_IN_TEXT.test(code));
  const device = safeText(fields.device);
  if (device !== undefined) order.device = device;
  const channel = safeText(fields.channel);
  if (channel !== undefined) order.channel = channel;
  return order;
}
