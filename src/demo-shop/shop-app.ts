import type { IncomingMessage, ServerResponse } from 'node:http';
import { SHOP_CURRENCY } from './accounts.ts';
import { addLine, CART_COOKIE, cartTotals, clampQuantity, parseCart, serializeCart } from './cart.ts';
import type { CartLine } from './cart.ts';
import { CartRestoreLinks, RESTORE_PATH_PREFIX } from './cart-restore.ts';
import type { DemoFault } from './faults.ts';
import { clearCookie, HttpError, parseCookies, readBody, readForm, redirect, sendHtml, sendJson, sendText, serializeCookie } from './http-utils.ts';
import type { OrdersStore, StoredOrder } from './orders-store.ts';
import { cartPage, homePage, productPage } from './pages-catalog.ts';
import type { PageContext } from './pages-catalog.ts';
import { CHECKOUT_FIELDS, checkoutPage, confirmationPage, messagePage } from './pages-checkout.ts';
import type { CheckoutChoiceValues, CheckoutValues } from './pages-checkout.ts';
import { couponCode, orderTotals, PAYMENT_METHODS, paymentMethod, SHIPPING_METHODS, shippingMethod } from './checkout-choices.ts';
import { centsToAmount, productBySku, productBySlug } from './products.ts';
import { RECEIPT_COOKIE, Receipts } from './receipts.ts';
import { COLLECTOR_ENDPOINT, CONSENT_COOKIE } from './tag-assets.ts';

export const ADDED_COOKIE = 'ds_added';
export const TEST_CARD_NUMBER = '4242424242424242';

export interface ShopAppOptions {
  store: OrdersStore;
  faults: readonly DemoFault[];
  /** Served scripts by path, configs already injected. */
  assets: ReadonlyMap<string, string>;
  /** The shop's own origin (http://127.0.0.1:<port>), for absolute links such as the cart restore link. */
  origin: () => string;
  /** Called after an order is placed (saved or not), before the redirect is sent. */
  onOrderPlaced?: (order: StoredOrder) => void;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

interface Visit {
  cookies: Record<string, string>;
  cart: CartLine[];
  context: PageContext;
}

export function createShopHandler(options: ShopAppOptions): Handler {
  const receipts = new Receipts();
  const restoreLinks = new CartRestoreLinks();
  const { store, faults, assets } = options;

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://shop.local');
    const method = request.method ?? 'GET';
    const cookies = parseCookies(request.headers.cookie);
    const cart = parseCart(cookies[CART_COOKIE]);
    const visit: Visit = {
      cookies,
      cart,
      context: {
        consentDecided: cookies[CONSENT_COOKIE] === 'granted' || cookies[CONSENT_COOKIE] === 'denied',
        cartCount: cartTotals(cart).itemCount,
        unplannedTracker: faults.includes('unplanned-tracker'),
        firstPartyCollector: faults.includes('first-party-collector'),
      },
    };
    const path = url.pathname;
    try {
      const asset = assets.get(path);
      if (asset !== undefined) return sendText(response, 200, 'text/javascript; charset=utf-8', asset);
      if (path === '/favicon.ico') return sendText(response, 204, 'image/x-icon', '');
      if (path === COLLECTOR_ENDPOINT) return await collectEvent(request, response, method);
      if (path === '/') return onlyGet(method, () => sendHtml(response, 200, homePage(visit.context)));
      const productMatch = /^\/product\/([a-z0-9-]+)$/.exec(path);
      if (productMatch) {
        const product = productBySlug(productMatch[1]!);
        if (!product) return notFound(response, visit, 'Product not found');
        return onlyGet(method, () => sendHtml(response, 200, productPage(visit.context, product)));
      }
      if (path === '/cart/add' && method === 'POST') return await addToCart(request, response, visit);
      if (path === '/cart/remove' && method === 'POST') return await removeFromCart(request, response, visit);
      if (path === '/cart') return onlyGet(method, () => showCart(response, visit));
      if (path.startsWith(RESTORE_PATH_PREFIX)) return onlyGet(method, () => restoreCart(response, visit, path.slice(RESTORE_PATH_PREFIX.length)));
      if (path === '/checkout' && method === 'GET') {
        if (visit.cart.length === 0) return redirect(response, '/cart');
        return sendHtml(response, 200, checkoutPage(visit.context, visit.cart, cartTotals(visit.cart)));
      }
      if (path === '/checkout' && method === 'POST') return await placeOrder(request, response, visit);
      const orderMatch = /^\/order\/([A-Za-z0-9-]+)$/.exec(path);
      if (orderMatch) return onlyGet(method, () => showConfirmation(response, visit, orderMatch[1]!));
      return notFound(response, visit, 'Page not found');
    } catch (error) {
      if (response.headersSent) return void response.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Something went wrong on our side.';
      if (!(error instanceof HttpError)) console.error('[demo-shop]', error);
      return sendHtml(response, status, messagePage(visit.context, status === 500 ? 'Server error' : 'Request error', message));
    }
  };

  async function addToCart(request: IncomingMessage, response: ServerResponse, visit: Visit): Promise<void> {
    const form = await readForm(request);
    const product = productBySku(form.get('sku') ?? '');
    const quantity = clampQuantity(Number(form.get('quantity') ?? '1'));
    if (!product || quantity < 1) throw new HttpError(400, 'Choose a product and a quantity between 1 and 10.');
    const cart = addLine(visit.cart, product, quantity);
    // The add_to_cart event fires on the cart page the browser lands on: the flash cookie says what was added.
    redirect(response, '/cart', [
      serializeCookie(CART_COOKIE, serializeCart(cart), { maxAgeSeconds: 7 * 86400 }),
      serializeCookie(ADDED_COOKIE, `${product.sku}:${quantity}`),
    ]);
  }

  async function removeFromCart(request: IncomingMessage, response: ServerResponse, visit: Visit): Promise<void> {
    const form = await readForm(request);
    const sku = form.get('sku') ?? '';
    const cart = visit.cart.filter((line) => line.product.sku !== sku);
    redirect(response, '/cart', [serializeCookie(CART_COOKIE, serializeCart(cart), { maxAgeSeconds: 7 * 86400 })]);
  }

  function showCart(response: ServerResponse, visit: Visit): void {
    const flash = parseCart(visit.cookies[ADDED_COOKIE])[0];
    const cookies = visit.cookies[ADDED_COOKIE] !== undefined ? [clearCookie(ADDED_COOKIE)] : [];
    const restoreUrl = visit.cart.length > 0 ? `${options.origin()}${RESTORE_PATH_PREFIX}${restoreLinks.create(serializeCart(visit.cart))}` : undefined;
    sendHtml(response, 200, cartPage(visit.context, visit.cart, cartTotals(visit.cart), flash, restoreUrl), cookies);
  }

  /** Replaces this browser's cart with the snapshot behind the token; nothing else crosses over. */
  function restoreCart(response: ServerResponse, visit: Visit, token: string): void {
    const cart = restoreLinks.resolve(token);
    if (cart === undefined) {
      return sendHtml(response, 404, messagePage(visit.context, 'Link expired', 'This cart link is unknown or has expired. Cart links last one hour.'));
    }
    redirect(response, '/cart', [serializeCookie(CART_COOKIE, cart, { maxAgeSeconds: 7 * 86400 })]);
  }

  async function placeOrder(request: IncomingMessage, response: ServerResponse, visit: Visit): Promise<void> {
    const form = await readForm(request);
    if (visit.cart.length === 0) return redirect(response, '/cart');
    const values = Object.fromEntries(CHECKOUT_FIELDS.map((field) => [field.name, (form.get(field.name) ?? '').trim()])) as CheckoutValues;
    const choices: CheckoutChoiceValues = {
      shipping: (form.get('shipping') ?? '').trim(),
      payment: (form.get('payment') ?? '').trim(),
      coupon: (form.get('coupon') ?? '').trim(),
    };
    const shipping = shippingMethod(choices.shipping);
    const payment = paymentMethod(choices.payment);
    const coupon = choices.coupon === '' ? undefined : couponCode(choices.coupon);
    const errors = validate(values, payment?.needsCard ?? true);
    if (!shipping) errors.push(`Choose a shipping method (${SHIPPING_METHODS.map((method) => method.id).join(' or ')}).`);
    if (!payment) errors.push(`Choose a payment method (${PAYMENT_METHODS.map((method) => method.id).join(', ')}).`);
    if (choices.coupon !== '' && !coupon) errors.push(`Coupon code "${choices.coupon.slice(0, 40)}" is not valid.`);
    if (errors.length === 0 && payment?.needsCard && values.card.replace(/\s+/g, '') !== TEST_CARD_NUMBER) {
      errors.push('Payment declined. Check the card number (test card: 4242 4242 4242 4242).');
    }
    if (errors.length > 0 || !shipping || !payment) {
      return sendHtml(response, 422, checkoutPage(visit.context, visit.cart, cartTotals(visit.cart), { values: { ...values, ...choices }, errors }));
    }
    const coupons = coupon ? [coupon] : [];
    const totals = orderTotals(visit.cart, shipping, coupons);
    const order: StoredOrder = {
      id: store.reserveId(),
      status: 'paid',
      createdAt: new Date().toISOString(),
      email: values.email,
      name: values.name,
      shippingAddress: { address: values.address, city: values.city, postalCode: values.postalCode },
      items: visit.cart.map((line) => ({
        sku: line.product.sku,
        name: line.product.name,
        category: line.product.category,
        price: centsToAmount(line.product.priceCents),
        quantity: line.quantity,
      })),
      subtotal: centsToAmount(totals.subtotalCents),
      ...(totals.discountCents > 0 ? { discount: centsToAmount(totals.discountCents) } : {}),
      shipping: centsToAmount(totals.shippingCents),
      total: centsToAmount(totals.totalCents),
      currency: SHOP_CURRENCY,
      shippingMethod: shipping.id,
      paymentMethod: payment.id,
      coupons,
      ...(payment.needsCard ? { cardLast4: values.card.replace(/\s+/g, '').slice(-4) } : {}),
    };
    // Odd order numbers only: the even ones reach the backend, which shows it answers for the run's window.
    if (faults.includes('order-not-saved') && orderNumber(order.id) % 2 === 1) receipts.rememberUnsaved(order);
    else store.add(order);
    options.onOrderPlaced?.(order);
    redirect(response, `/order/${order.id}`, [
      clearCookie(CART_COOKIE),
      serializeCookie(RECEIPT_COOKIE, receipts.sign(order.id), { path: '/order', maxAgeSeconds: 3600 }),
    ]);
  }

  /**
   * The shop's own first-party collector (fault `first-party-collector` puts its script on the
   * pages): takes one JSON event object per POST and answers 204, as such endpoints do. Events are
   * not kept: the orders API stays the truth about orders.
   */
  async function collectEvent(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendJson(response, 405, { error: 'method-not-allowed', message: `send events to ${COLLECTOR_ENDPOINT} with POST` });
    }
    let event: unknown;
    try {
      event = JSON.parse(await readBody(request));
    } catch {
      event = undefined;
    }
    if (typeof event !== 'object' || event === null || typeof (event as { event?: unknown }).event !== 'string') {
      return sendJson(response, 400, { error: 'bad-request', message: `${COLLECTOR_ENDPOINT} takes one JSON object with an "event" name per request` });
    }
    response.writeHead(204, { 'cache-control': 'no-store' });
    response.end();
  }

  function showConfirmation(response: ServerResponse, visit: Visit, id: string): void {
    const order = receipts.verify(visit.cookies[RECEIPT_COOKIE]) === id ? (store.get(id) ?? receipts.unsavedOrder(id)) : undefined;
    if (!order) return notFound(response, visit, 'Order not found');
    sendHtml(response, 200, confirmationPage(visit.context, order, {
      duplicateMetaPurchase: faults.includes('meta-purchase-double'),
      omitDataLayerPurchase: faults.includes('datalayer-purchase-missing'),
    }));
  }
}

function onlyGet(method: string, render: () => void): void {
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
  render();
}

/** Required fields, the card number only for a payment that needs it. */
function validate(values: CheckoutValues, needsCard: boolean): string[] {
  const errors: string[] = [];
  for (const field of CHECKOUT_FIELDS) {
    if (field.name === 'card' && !needsCard) continue;
    const value = values[field.name];
    if (value === '') errors.push(`${field.label} is required.`);
    else if (value.length > 200) errors.push(`${field.label} is too long.`);
  }
  if (values.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.push('Enter a valid e-mail address.');
  return errors;
}

function notFound(response: ServerResponse, visit: Visit, message: string): void {
  sendHtml(response, 404, messagePage(visit.context, 'Not found', message));
}

/** The number of an order id (DS-100001 -> 100001). */
function orderNumber(id: string): number {
  return Number(/(\d+)$/.exec(id)?.[1] ?? Number.NaN);
}
