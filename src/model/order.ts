/** A real order as the shop's backend recorded it. */
export interface Order {
  id: string;
  /** Order total in currency units, as the backend says the customer paid. */
  total: number;
  currency: string;
  /** ISO timestamp. */
  createdAt: string;
  /** Where the run id stamp was found (customer e-mail, note, meta field), verbatim. */
  stamp?: string;
  email?: string;
  status?: string;
  /** Line items as the backend recorded them, when the source reads them: what a lost order has in common. */
  lines?: OrderLine[];
  /** Shipping method name or id (e.g. 'express', 'flat_rate'), when the source reads it. */
  shippingMethod?: string;
  /** Payment method name or id (e.g. 'card', 'paypal', 'stripe'), when the source reads it. */
  paymentMethod?: string;
  /** Coupon codes applied to the order, when the source reads them ([] for none). */
  coupons?: string[];
}

/** One line item of an order. */
export interface OrderLine {
  sku?: string;
  name: string;
  category?: string;
  quantity: number;
  /** Price of one unit in currency units, when known. */
  unitPrice?: number;
}
