import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_COOKIE, PRODUCTS, startDemoShop } from '../../src/demo-shop/index.ts';
import type { DemoShop } from '../../src/demo-shop/index.ts';
import { checkoutBody, closeShop, Jar, placeOrder, request } from './http-helpers.ts';

let shop: DemoShop;
let unsavedShop: DemoShop;

beforeAll(async () => {
  [shop, unsavedShop] = await Promise.all([startDemoShop(), startDemoShop({ faults: ['order-not-saved'] })]);
});

afterAll(async () => {
  await Promise.all([closeShop(shop), closeShop(unsavedShop)]);
});

async function html(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return response.text();
}

describe('shop pages over HTTP', () => {
  it('serves the product list on 127.0.0.1 with the banner and the tags', async () => {
    expect(new URL(shop.url).hostname).toBe('127.0.0.1');
    const page = await html(await request(shop, '/', new Jar()));
    expect(page).toContain('<title>Demo Shop</title>');
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(4);
    for (const product of PRODUCTS) expect(page).toContain(`<a href="/product/${product.slug}">${product.name}</a>`);
    expect(page).toContain('€24.90');
    expect(page).toMatch(/role="dialog" aria-label="Cookie consent"/);
    expect(page).toMatch(/>Accept all</);
    expect(page).toMatch(/>Refuse all</);
    expect(page).toContain('"event":"view_item_list"');
    for (const script of ['/assets/cmp.js', '/assets/tags/ga4.js', '/assets/tags/meta.js', '/assets/tags/tt-pixel.js', '/assets/tags/google-ads.js']) {
      expect(page).toContain(`src="${script}"`);
      expect((await fetch(`${shop.url}${script}`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    }
  });

  it('hides the banner once the consent cookie is set', async () => {
    const page = await html(await fetch(`${shop.url}/`, { headers: { cookie: `${CONSENT_COOKIE}=denied` } }));
    expect(page).not.toContain('aria-label="Cookie consent"');
  });

  it('product page, add to cart, cart totals, checkout link only with items', async () => {
    const jar = new Jar();
    const empty = await html(await request(shop, '/cart', jar));
    expect(empty).toContain('Your cart is empty');
    expect(empty).not.toContain('>Checkout</a>');
    expect((await request(shop, '/checkout', jar)).headers.get('location')).toBe('/cart');

    const product = await html(await request(shop, '/product/waxed-canvas-backpack', jar));
    expect(product).toContain('<h1>Waxed canvas backpack</h1>');
    expect(product).toContain('>Add to cart</button>');
    const added = await request(shop, '/cart/add', jar, { method: 'POST', body: 'sku=SKU3&quantity=3' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/cart');
    const cart = await html(await request(shop, '/cart', jar));
    expect(cart).toContain('data-testid="subtotal">€177.00');
    expect(cart).toContain('data-testid="shipping">€4.90');
    expect(cart).toContain('data-testid="total">€181.90');
    expect(cart).toContain('<a class="button" href="/checkout">Checkout</a>');
    expect(cart).toContain('"event":"add_to_cart"');
    // The add_to_cart flash is shown once.
    expect(await html(await request(shop, '/cart', jar))).not.toContain('"event":"add_to_cart"');

    const checkout = await html(await request(shop, '/checkout', jar));
    for (const label of ['E-mail', 'Full name', 'Address', 'City', 'Postal code', 'Card number']) expect(checkout).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(checkout).toContain('>Place order</button>');
    expect(checkout).toContain('"event":"begin_checkout"');
  });

  it('404s for unknown products and pages', async () => {
    expect((await request(shop, '/product/unicorn', new Jar())).status).toBe(404);
    expect((await request(shop, '/nope', new Jar())).status).toBe(404);
  });

  it('declines any card but the test card, creates nothing, and escapes what the visitor typed', async () => {
    const before = ((await (await fetch(`${shop.ordersUrl}/health`)).json()) as { orders: number }).orders;
    const jar = new Jar();
    await request(shop, '/cart/add', jar, { method: 'POST', body: 'sku=SKU1&quantity=1' });
    const response = await request(shop, '/checkout', jar, {
      method: 'POST',
      body: checkoutBody({ card: '4000 0000 0000 0002', name: '<script>alert(1)</script>', email: '"x"@example.com' }),
    });
    const page = await html(response);
    expect(response.status).toBe(422);
    expect(page).toContain('Payment declined');
    expect(page).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('4000 0000');
    const after = ((await (await fetch(`${shop.ordersUrl}/health`)).json()) as { orders: number }).orders;
    expect(after).toBe(before);

    const missing = await html(await request(shop, '/checkout', jar, { method: 'POST', body: 'email=&card=4242424242424242' }));
    expect(missing).toContain('E-mail is required.');
    expect(missing).not.toContain('Payment declined');
  });

  it('places an order with the card without spaces, clears the cart, confirms with escaped details', async () => {
    const { response, jar, orderId } = await placeOrder(shop, {
      checkout: { card: '4242424242424242', name: 'Bobby <b>Tables</b> & Co', address: '"quoted" street' },
    });
    expect(response.status).toBe(303);
    expect(orderId).toMatch(/^DS-1\d{5}$/);
    expect(jar.has('ds_cart')).toBe(false);
    const page = await html(await request(shop, `/order/${orderId}`, jar));
    expect(page).toContain('<h1>Thank you for your order</h1>');
    expect(page).toContain(`<strong data-testid="order-number">${orderId}</strong>`);
    expect(page).toContain('Bobby &lt;b&gt;Tables&lt;/b&gt; &amp; Co');
    expect(page).toContain('&quot;quoted&quot; street');
    expect(page).toContain('<a href="/">Continue shopping</a>');
    expect(page).toContain(`"transaction_id":"${orderId}"`);
    expect(page).toContain('"value":54.7');
    // Without the buyer's signed receipt cookie, nobody else sees the order.
    expect((await fetch(`${shop.url}/order/${orderId}`)).status).toBe(404);
    const stored = (await (await fetch(`${shop.ordersUrl}/api/orders/${orderId}`)).json()) as { order: { name: string } };
    expect(stored.order.name).toBe('Bobby <b>Tables</b> & Co');
  });

  it('order-not-saved: confirmation with a fresh number, nothing in the backend, next id still unique', async () => {
    const first = await placeOrder(unsavedShop);
    expect(first.orderId).toBe('DS-100001');
    const page = await html(await request(unsavedShop, `/order/${first.orderId}`, first.jar));
    expect(page).toContain(`data-testid="order-number">${first.orderId}<`);
    expect(page).toContain('"event":"purchase"');
    expect((await fetch(`${unsavedShop.ordersUrl}/api/orders/${first.orderId}`)).status).toBe(404);
    expect(((await (await fetch(`${unsavedShop.ordersUrl}/api/orders`)).json()) as { orders: unknown[] }).orders).toEqual([]);
    expect((await placeOrder(unsavedShop)).orderId).toBe('DS-100002');
  });

  it('injects each fault into the served tag config, not into the page', async () => {
    const faulty = await startDemoShop({ faults: ['ga4-value-mismatch', 'ga4-purchase-missing', 'purchase-beacon-on-unload'], consentMode: 'basic' });
    try {
      const ga4 = await (await fetch(`${faulty.url}/assets/tags/ga4.js`)).text();
      expect(ga4).toContain('"consentMode":"basic","sendPurchase":false,"dropEvenOrders":false,"purchaseValue":"items","purchaseOnPagehide":true');
      const normal = await (await fetch(`${shop.url}/assets/tags/ga4.js`)).text();
      expect(normal).toContain('"consentMode":"advanced","sendPurchase":true,"dropEvenOrders":false,"purchaseValue":"value","purchaseOnPagehide":false');
    } finally {
      await closeShop(faulty);
    }
  });

  it('rejects unknown faults and consent modes at start', async () => {
    await expect(startDemoShop({ faults: ['nope' as never] })).rejects.toThrow(/Unknown demo shop fault "nope"/);
    await expect(startDemoShop({ consentMode: 'strict' as never })).rejects.toThrow(/consentMode/);
  });
});
