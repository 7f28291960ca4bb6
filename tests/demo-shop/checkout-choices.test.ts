import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrdersStore, startDemoShop } from '../../src/demo-shop/index.ts';
import type { ApiOrder, DemoShop, StoredOrder } from '../../src/demo-shop/index.ts';
import { closeShop, Jar, placeOrder, request } from './http-helpers.ts';

/** The confirmation page's dataLayer purchase, as the tags read it. */
function purchasePush(html: string): { ecommerce: Record<string, unknown> } {
  const match = /dataLayer\.push\((\{"event":"purchase".*?\})\);\n/.exec(html);
  if (!match) throw new Error('no purchase push on the page');
  return JSON.parse(match[1]!) as { ecommerce: Record<string, unknown> };
}

async function apiOrder(shop: DemoShop, id: string): Promise<ApiOrder> {
  return ((await (await fetch(`${shop.ordersUrl}/api/orders/${id}`)).json()) as { order: ApiOrder }).order;
}

describe('checkout choices: shipping, payment, coupon, several line items', () => {
  let shop: DemoShop;
  beforeAll(async () => {
    shop = await startDemoShop();
  });
  afterAll(async () => {
    await closeShop(shop);
  });

  it('the checkout form offers shipping and payment radios (standard and card checked) and a coupon field', async () => {
    const jar = new Jar();
    await request(shop, '/cart/add', jar, { method: 'POST', body: 'sku=SKU1&quantity=1' });
    const html = await (await request(shop, '/checkout', jar)).text();
    expect(html).toContain('<legend>Shipping method</legend>');
    expect(html).toMatch(/<input id="field-shipping-standard" type="radio" name="shipping" value="standard" checked> <label for="field-shipping-standard">Standard delivery \(3 to 5 days\), €4\.90<\/label>/);
    expect(html).toMatch(/value="express"> <label for="field-shipping-express">Express delivery \(next working day\), €9\.90<\/label>/);
    expect(html).toMatch(/value="card" checked> <label for="field-payment-card">Pay by card<\/label>/);
    expect(html).toContain('<label for="field-payment-paypal">PayPal</label>');
    expect(html).toContain('<label for="field-payment-invoice">Invoice (pay within 30 days)</label>');
    expect(html).toContain('<label for="field-coupon">Coupon code</label>');
    // The existing fields keep their exact labels: scenarios find them by these names.
    for (const label of ['E-mail', 'Full name', 'Address', 'City', 'Postal code', 'Card number']) expect(html).toContain(`">${label}</label>`);
  });

  it('three products, express, invoice without a card and WELCOME10: backend, page and tags agree on the money', async () => {
    const { response, jar, orderId } = await placeOrder(shop, {
      lines: [
        { sku: 'SKU1', quantity: 2 },
        { sku: 'SKU2', quantity: 1 },
        { sku: 'SKU5', quantity: 3 },
      ],
      checkout: { shipping: 'express', payment: 'invoice', card: '', coupon: 'welcome10' },
    });
    expect(response.status).toBe(303);
    // Items 2×24.90 + 39.00 + 3×12.90 = 127.50; 10% off = 12.75; express 9.90: 124.65.
    const order = await apiOrder(shop, orderId!);
    expect(order).toMatchObject({ subtotal: 127.5, discount: 12.75, shipping: 9.9, total: 124.65, currency: 'EUR' });
    expect(order).toMatchObject({ shippingMethod: 'express', paymentMethod: 'invoice', coupons: ['WELCOME10'] });
    expect(order.items.map((item) => [item.sku, item.category, item.quantity])).toEqual([
      ['SKU1', 'Apparel', 2],
      ['SKU2', 'Accessories', 1],
      ['SKU5', 'Stationery', 3],
    ]);

    const page = await (await request(shop, `/order/${orderId}`, jar)).text();
    expect(page).toContain('Delivery: Express delivery (next working day). Payment: Invoice (pay within 30 days). Coupon: WELCOME10.');
    expect(page).toContain('<span data-testid="discount">-€12.75</span>');
    expect(page).toContain('<span data-testid="total">€124.65</span>');
    const { ecommerce } = purchasePush(page);
    expect(ecommerce).toMatchObject({ transaction_id: orderId, value: 124.65, shipping: 9.9, coupon: 'WELCOME10', currency: 'EUR' });
    expect((ecommerce.items as unknown[]).length).toBe(3);
  });

  it('PayPal needs no card number; a card payment still declines anything but the test card', async () => {
    const paypal = await placeOrder(shop, { checkout: { payment: 'paypal', card: '' } });
    expect(paypal.response.status).toBe(303);
    expect(await apiOrder(shop, paypal.orderId!)).toMatchObject({ paymentMethod: 'paypal', shippingMethod: 'standard', total: 54.7 });

    const declined = await placeOrder(shop, { checkout: { payment: 'card', card: '4000 0000 0000 0002' } });
    expect(declined.response.status).toBe(422);
    expect(await declined.response.text()).toContain('Payment declined');
  });

  it('refuses an unknown coupon, shipping or payment method with what to choose, keeping the choices', async () => {
    const badCoupon = await placeOrder(shop, { checkout: { coupon: 'FREESTUFF', shipping: 'express' } });
    expect(badCoupon.response.status).toBe(422);
    const html = await badCoupon.response.text();
    expect(html).toContain('Coupon code &quot;FREESTUFF&quot; is not valid.');
    expect(html).toContain('value="FREESTUFF"');
    expect(html).toMatch(/value="express" checked>/);

    const badMethods = await placeOrder(shop, { checkout: { shipping: 'drone', payment: 'bitcoin' } });
    expect(badMethods.response.status).toBe(422);
    const text = await badMethods.response.text();
    expect(text).toContain('Choose a shipping method (standard or express).');
    expect(text).toContain('Choose a payment method (card, paypal, invoice).');
  });

  it('orders stored before the checkout had choices read as standard, card, no coupon, with categories from the catalog', async () => {
    const store = new OrdersStore(shop.dataDir);
    const old: StoredOrder = {
      id: 'DS-900001',
      status: 'paid',
      createdAt: new Date().toISOString(),
      email: 'old@example.com',
      name: 'Old Buyer',
      shippingAddress: { address: '1 Old Road', city: 'Paris', postalCode: '75001' },
      items: [
        { sku: 'SKU3', name: 'Waxed canvas backpack', price: 59, quantity: 1 },
        { sku: 'GONE', name: 'Discontinued mug', price: 5, quantity: 1 },
      ],
      subtotal: 64,
      shipping: 4.9,
      total: 68.9,
      currency: 'EUR',
      cardLast4: '4242',
    };
    store.add(old);
    const order = await apiOrder(shop, 'DS-900001');
    expect(order).toMatchObject({ shippingMethod: 'standard', paymentMethod: 'card', coupons: [], discount: 0 });
    expect(order.items).toEqual([
      { sku: 'SKU3', name: 'Waxed canvas backpack', category: 'Bags', price: 59, quantity: 1 },
      { sku: 'GONE', name: 'Discontinued mug', price: 5, quantity: 1 },
    ]);
  });
});

describe('first-party collector endpoint', () => {
  let clean: DemoShop;
  let collecting: DemoShop;
  beforeAll(async () => {
    [clean, collecting] = await Promise.all([startDemoShop(), startDemoShop({ faults: ['first-party-collector'] })]);
  });
  afterAll(async () => {
    await Promise.all([closeShop(clean), closeShop(collecting)]);
  });

  it('POST /collect/evt with a JSON event answers 204; other methods and bodies are refused in JSON', async () => {
    const url = `${collecting.url}/collect/evt`;
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"purchase","order":"DS-1","value":54.7,"currency":"EUR"}' });
    expect(ok.status).toBe(204);
    const get = await fetch(url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const bad = await fetch(url, { method: 'POST', body: 'en=purchase' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/one JSON object with an "event" name/);
  });

  it('pages load the collector script only with the fault; its served config names the endpoint', async () => {
    expect(await (await fetch(`${collecting.url}/`)).text()).toContain('<script defer src="/assets/tags/collector.js"></script>');
    expect(await (await fetch(`${clean.url}/`)).text()).not.toContain('collector.js');
    expect(await (await fetch(`${collecting.url}/assets/tags/collector.js`)).text()).toContain('var config = {"endpointPath":"/collect/evt"};');
  });
});

describe('issue 13 faults live in the served tag configs', () => {
  let clean: DemoShop;
  let faulty: DemoShop;
  beforeAll(async () => {
    [clean, faulty] = await Promise.all([
      startDemoShop(),
      startDemoShop({ faults: ['ga4-drops-large-orders', 'tiktok-purchase-late', 'meta-eid-only', 'consent-buttons-late', 'ga4-pii-in-batch'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([closeShop(clean), closeShop(faulty)]);
  });

  const config = async (shop: DemoShop, path: string) => {
    const source = await (await fetch(`${shop.url}${path}`)).text();
    return JSON.parse(/var config = (\{.*\});/.exec(source)![1]!) as Record<string, unknown>;
  };

  it('each fault sets its switch; a clean shop has none of them', async () => {
    expect(await config(faulty, '/assets/tags/ga4.js')).toMatchObject({ dropPurchaseFromLines: 3, customerEmailOnPurchase: true });
    expect(await config(faulty, '/assets/tags/tt-pixel.js')).toMatchObject({ purchaseDelayAfterLoadMs: 1500 });
    expect(await config(faulty, '/assets/tags/meta.js')).toMatchObject({ orderIdInCustomData: false });
    expect(await config(faulty, '/assets/cmp.js')).toMatchObject({ wireButtonsAfterMs: 500 });

    const ga4 = await config(clean, '/assets/tags/ga4.js');
    expect(ga4).not.toHaveProperty('dropPurchaseFromLines');
    expect(ga4.customerEmailOnPurchase).toBe(false);
    expect(await config(clean, '/assets/tags/tt-pixel.js')).not.toHaveProperty('purchaseDelayAfterLoadMs');
    expect((await config(clean, '/assets/tags/meta.js')).orderIdInCustomData).toBe(true);
    expect(await config(clean, '/assets/cmp.js')).not.toHaveProperty('wireButtonsAfterMs');
  });
});
