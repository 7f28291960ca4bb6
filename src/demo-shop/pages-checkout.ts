import type { CartLine, CartTotals } from './cart.ts';
import { ecommerceEvent, lineItems, orderItems, pageView, userData } from './datalayer.ts';
import { escapeHtml, jsonForScript, layout } from './html.ts';
import type { StoredOrder } from './orders-store.ts';
import { totalsBlock } from './pages-catalog.ts';
import type { PageContext } from './pages-catalog.ts';
import { centsToAmount, formatPrice } from './products.ts';
import { DEMO_COUPON, PAYMENT_METHODS, paymentMethod, SHIPPING_METHODS, shippingMethod } from './checkout-choices.ts';

export const CHECKOUT_FIELDS = [
  { name: 'email', label: 'E-mail', type: 'email', autocomplete: 'email' },
  { name: 'name', label: 'Full name', type: 'text', autocomplete: 'name' },
  { name: 'address', label: 'Address', type: 'text', autocomplete: 'street-address' },
  { name: 'city', label: 'City', type: 'text', autocomplete: 'address-level2' },
  { name: 'postalCode', label: 'Postal code', type: 'text', autocomplete: 'postal-code' },
  { name: 'card', label: 'Card number', type: 'text', autocomplete: 'cc-number' },
] as const;

export type CheckoutField = (typeof CHECKOUT_FIELDS)[number]['name'];
export type CheckoutValues = Record<CheckoutField, string>;

/** The buyer's choices beside the address fields: form names `shipping`, `payment`, `coupon`. */
export interface CheckoutChoiceValues {
  shipping: string;
  payment: string;
  coupon: string;
}

export interface CheckoutState {
  values?: Partial<CheckoutValues & CheckoutChoiceValues>;
  /** Messages shown above the form, e.g. "Payment declined". */
  errors?: string[];
}

function textField(field: (typeof CHECKOUT_FIELDS)[number], state: CheckoutState): string {
  // The card number is never echoed back, like any payment form.
  const value = field.name === 'card' ? '' : (state.values?.[field.name] ?? '');
  const id = `field-${field.name}`;
  // Hint tied by aria-describedby, not inside the label: the accessible name stays exactly the label.
  const hint = field.name === 'card' ? `\n  <span class="hint" id="card-hint">Test card: 4242 4242 4242 4242. Not needed for PayPal or invoice.</span>` : '';
  const describedBy = field.name === 'card' ? ' aria-describedby="card-hint" inputmode="numeric"' : '';
  return `<div class="field">
  <label for="${id}">${escapeHtml(field.label)}</label>
  <input id="${id}" name="${field.name}" type="${field.type}" autocomplete="${field.autocomplete}" value="${escapeHtml(value)}" required${describedBy}>${hint}
</div>`;
}

/** A radio group in a fieldset: its legend names the group, each label names one choice. */
function radioGroup(name: string, legend: string, options: readonly { id: string; label: string }[], selected: string): string {
  const radios = options.map((option) => {
    const id = `field-${name}-${option.id}`;
    const checked = option.id === selected ? ' checked' : '';
    return `  <div class="choice"><input id="${id}" type="radio" name="${name}" value="${option.id}"${checked}> <label for="${id}">${escapeHtml(option.label)}</label></div>`;
  });
  return `<fieldset class="field">
  <legend>${escapeHtml(legend)}</legend>
${radios.join('\n')}
</fieldset>`;
}

export function checkoutPage(context: PageContext, lines: readonly CartLine[], totals: CartTotals, state: CheckoutState = {}): string {
  const items = lineItems(lines);
  const field = (name: CheckoutField) => textField(CHECKOUT_FIELDS.find((candidate) => candidate.name === name)!, state);
  const shipping = shippingMethod(state.values?.shipping) ?? SHIPPING_METHODS[0]!;
  const payment = paymentMethod(state.values?.payment) ?? PAYMENT_METHODS[0]!;
  const shippingOptions = SHIPPING_METHODS.map((method) => ({ id: method.id, label: `${method.label}, ${formatPrice(method.priceCents)}` }));
  const errors = state.errors?.length
    ? `<div class="error" role="alert">${state.errors.map((error) => `<p>${escapeHtml(error)}</p>`).join('')}</div>`
    : '';
  return layout({
    ...context,
    title: 'Checkout | Demo Shop',
    main: `<h1>Checkout</h1>
${errors}
<div class="product">
  <form class="stack" method="post" action="/checkout" novalidate>
${(['email', 'name', 'address', 'city', 'postalCode'] as const).map(field).join('\n')}
${radioGroup('shipping', 'Shipping method', shippingOptions, shipping.id)}
${radioGroup('payment', 'Payment method', PAYMENT_METHODS, payment.id)}
${field('card')}
<div class="field">
  <label for="field-coupon">Coupon code</label>
  <input id="field-coupon" name="coupon" type="text" autocomplete="off" value="${escapeHtml(state.values?.coupon ?? '')}" aria-describedby="coupon-hint">
  <span class="hint" id="coupon-hint">Optional. New here? ${DEMO_COUPON} takes 10% off.</span>
</div>
    <button type="submit">Place order</button>
  </form>
  <section aria-label="Order summary">
    <ul>${lines.map((line) => `<li>${line.quantity} × ${escapeHtml(line.product.name)}: ${formatPrice(line.product.priceCents * line.quantity)}</li>`).join('')}</ul>
    ${totalsBlock(totals)}
  </section>
</div>`,
    // A failed attempt re-renders the page: begin_checkout fires once, on the first visit only.
    dataLayer: state.errors?.length
      ? [pageView('checkout')]
      : [pageView('checkout'), ecommerceEvent('begin_checkout', { value: centsToAmount(totals.totalCents), items })],
  });
}

export interface ConfirmationOptions {
  /** The Meta base code pasted a second time by the theme: fault `meta-purchase-double`. */
  duplicateMetaPurchase?: boolean;
  /**
   * The page leaves the purchase out of the dataLayer (fault `datalayer-purchase-missing`), as a
   * theme update that drops the snippet does: the tags reading the dataLayer never hear of it.
   */
  omitDataLayerPurchase?: boolean;
}

export function confirmationPage(context: PageContext, order: StoredOrder, options: ConfirmationOptions = {}): string {
  const items = orderItems(order.items);
  const coupons = order.coupons ?? [];
  const purchase = {
    ...ecommerceEvent('purchase', {
      transaction_id: order.id,
      value: order.total,
      currency: order.currency,
      shipping: order.shipping,
      tax: 0,
      // GA4's purchase schema takes one coupon string; the demo applies at most one.
      ...(coupons.length > 0 ? { coupon: coupons.join(',') } : {}),
      items,
    }),
    // Enhanced conversions / advanced matching: the ad tags read the hash, GA4 ignores it.
    user_data: userData(order.email),
  };
  const extraScripts: string[] = [];
  if (options.duplicateMetaPurchase) {
    const data = {
      value: order.total,
      currency: order.currency,
      content_ids: items.map((item) => item.item_id),
      content_type: 'product',
      num_items: items.reduce((sum, item) => sum + item.quantity, 0),
      order_id: order.id,
    };
    extraScripts.push(`<script>/* theme snippet */ fbq('track', 'Purchase', ${jsonForScript(data)}, { eventID: ${jsonForScript(order.id)} });</script>`);
  }
  const cents = (amount: number) => Math.round(amount * 100);
  const shipping = shippingMethod(order.shippingMethod);
  const payment = paymentMethod(order.paymentMethod);
  return layout({
    ...context,
    title: 'Order confirmed | Demo Shop',
    main: `<h1>Thank you for your order</h1>
<p>Order number: <strong data-testid="order-number">${escapeHtml(order.id)}</strong></p>
<p>A confirmation has been sent to <strong id="customer-email">${escapeHtml(order.email)}</strong>. We ship to ${escapeHtml(order.name)}, ${escapeHtml(order.shippingAddress.address)}, ${escapeHtml(order.shippingAddress.postalCode)} ${escapeHtml(order.shippingAddress.city)}.</p>
<p>Delivery: ${escapeHtml(shipping?.label ?? order.shippingMethod ?? '')}. Payment: ${escapeHtml(payment?.label ?? order.paymentMethod ?? '')}${coupons.length > 0 ? `. Coupon: ${escapeHtml(coupons.join(', '))}` : ''}.</p>
<table>
  <thead><tr><th>Product</th><th class="num">Quantity</th><th class="num">Line total</th></tr></thead>
  <tbody>
${order.items.map((item) => `<tr><td>${escapeHtml(item.name)}</td><td class="num">${item.quantity}</td><td class="num">${formatPrice(cents(item.price) * item.quantity)}</td></tr>`).join('\n')}
  </tbody>
</table>
${totalsBlock({ subtotalCents: cents(order.subtotal), discountCents: cents(order.discount ?? 0), shippingCents: cents(order.shipping), totalCents: cents(order.total), itemCount: 0 })}
<p><a href="/">Continue shopping</a></p>`,
    dataLayer: options.omitDataLayerPurchase ? [pageView('purchase')] : [pageView('purchase'), purchase],
    extraScripts,
  });
}

export function messagePage(context: PageContext, title: string, message: string): string {
  return layout({
    ...context,
    title: `${title} | Demo Shop`,
    main: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the shop</a></p>`,
    dataLayer: [pageView('error')],
  });
}
