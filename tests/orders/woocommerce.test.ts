import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import woocommerceDefault, { createWooCommerceSource } from '../../src/orders/sources/woocommerce.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { loadProjectPlugins } from '../../src/project/plugins.ts';
import { UserError } from '../../src/user-error.ts';
import { startLocalServer } from '../support/local-server.ts';
import { startFakeWooCommerce, wooOrder, type FakeWooCommerce } from '../support/fake-woocommerce.ts';

const KEY = 'ck_test_4f2a9c0d';
const SECRET = 'cs_secret_77be01aa';
const BASIC = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
const env = { WC_CONSUMER_KEY: KEY, WC_CONSUMER_SECRET: SECRET };

// The 429 wait is recorded instead of slept, so the test shows Retry-After was honoured without waiting.
const waits: number[] = [];
const woocommerce = createWooCommerceSource({
  sleep: async (ms) => {
    waits.push(ms);
  },
});

const stamp = (run: string) => `tagwatch+${run}@example.com`;
function shopOrders() {
  return [
    wooOrder({ id: 101, number: 'WC-0101', total: '64.80', email: stamp('RUN7-j1'), createdAt: '2026-11-26T04:00:00Z', meta: { _tagwatch_run: 'RUN7-j1' } }),
    wooOrder({ id: 102, number: 'WC-0102', total: '10.00', email: stamp('RUN7-j2'), createdAt: '2026-11-26T04:01:00Z', meta: { _tagwatch_run: 'RUN7-j2' } }),
    wooOrder({ id: 103, number: 'WC-0103', total: '12.50', email: stamp('RUN7-j3'), createdAt: '2026-11-26T04:02:00Z', meta: { _tagwatch_run: 'RUN7-j3' } }),
    wooOrder({ id: 104, number: 'WC-0104', total: '99.99', email: stamp('RUN7-j4'), createdAt: '2026-11-26T04:03:00Z', meta: { _tagwatch_run: 'RUN7-j4' } }),
    wooOrder({ id: 105, number: 'WC-0105', total: '1.00', email: stamp('RUN7-j5'), createdAt: '2026-11-26T04:09:59Z', meta: { _tagwatch_run: 'RUN7-j5' } }),
    wooOrder({ id: 110, number: 'WC-0110', total: '250.00', email: 'real.customer@example.com', createdAt: '2026-11-26T04:05:00Z' }),
    wooOrder({ id: 111, number: 'WC-0111', total: '5.00', email: stamp('RUN6-x'), createdAt: '2026-11-26T04:06:00Z', meta: { _tagwatch_run: 'RUN6-x' } }),
    wooOrder({ id: 112, number: 'WC-0112', total: '5.00', email: stamp('RUN7-early'), createdAt: '2026-11-26T03:00:00Z', meta: { _tagwatch_run: 'RUN7-early' } }),
    // Stamped in meta only (a phone order typed by the journey), and in the e-mail only.
    wooOrder({ id: 113, number: 'WC-0113', total: '7.00', email: 'orders@b2b.example', createdAt: '2026-11-26T04:07:00Z', meta: { _tagwatch_run: 'RUN7-phone' } }),
    wooOrder({ id: 114, number: 'WC-0114', total: '8.00', email: stamp('RUN7-j6'), createdAt: '2026-11-26T04:08:00Z' }),
  ];
}

let fake: FakeWooCommerce;
beforeAll(async () => {
  fake = await startFakeWooCommerce({ key: KEY, secret: SECRET });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.orders = shopOrders();
  fake.requests = [];
  fake.script = [];
  fake.wooActive = true;
  fake.sendTotalPages = true;
  waits.length = 0;
});

const query = { from: new Date('2026-11-26T04:00:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN7' };
const context = (vars: Record<string, string> = env) => ({ env: vars, timeoutMs: 2000 });
const settings = (extra: Record<string, unknown> = {}) => ({ source: 'woocommerce', url: fake.url, perPage: 2, ...extra });
const listRequests = () => fake.requests.filter((request) => request.method === 'GET');

/** The error a call failed with; it must be "inconclusive" and carry no secret in any form. */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackendUnreachableError);
  const text = `${String(error)} ${(error as Error).stack ?? ''}`;
  for (const secret of [KEY, SECRET, BASIC]) expect(text).not.toContain(secret);
  return (error as Error).message;
}

describe('woocommerce order source: reading orders', () => {
  it('pages through the window with Basic auth and the run id as search, and maps the orders', async () => {
    const orders = await woocommerce.fetchOrders(query, settings(), context());

    expect(orders.map((order) => order.id)).toEqual(['WC-0101', 'WC-0102', 'WC-0103', 'WC-0104', 'WC-0114', 'WC-0105']);
    expect(orders[0]).toEqual({
      id: 'WC-0101',
      total: 64.8,
      currency: 'EUR',
      createdAt: '2026-11-26T04:00:00.000Z',
      stamp: 'tagwatch+RUN7-j1@example.com',
      email: 'tagwatch+RUN7-j1@example.com',
      status: 'processing',
    });
    const requests = listRequests();
    expect(requests.map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
    for (const request of requests) {
      expect(request.path).toBe('/wp-json/wc/v3/orders');
      expect(request.authorization).toBe(`Basic ${BASIC}`);
      expect(Object.fromEntries(request.query)).toMatchObject({
        after: '2026-11-26T03:59:59Z',
        before: '2026-11-26T04:10:01Z',
        dates_are_gmt: 'true',
        search: 'RUN7',
        per_page: '2',
      });
    }
  });

  it('reads line items, shipping rate, payment gateway and coupons as REST v3 lists them', async () => {
    // Fields as GET /wp-json/wc/v3/orders answers them (trimmed of taxes and meta).
    fake.orders = [
      Object.assign(wooOrder({ id: 101, number: 'WC-0101', total: '76.40', email: stamp('RUN7-j1'), createdAt: '2026-11-26T04:00:00Z' }), {
        payment_method: 'stripe',
        payment_method_title: 'Credit card (Stripe)',
        line_items: [
          { id: 315, name: 'Hoodie - Blue, Yes', product_id: 93, variation_id: 101, quantity: 2, subtotal: '90.00', total: '81.00', sku: 'woo-hoodie-blue-logo', price: 40.5, parent_name: 'Hoodie' },
          { id: 316, name: 'Beanie', product_id: 88, variation_id: 0, quantity: 1, subtotal: '18.00', total: '16.20', sku: '', price: 16.2, parent_name: null },
        ],
        shipping_lines: [{ id: 317, method_title: 'Express', method_id: 'flat_rate', instance_id: '3', total: '9.90', total_tax: '0.00' }],
        coupon_lines: [{ id: 318, code: 'welcome10', discount: '10.80', discount_tax: '0.00' }],
        fee_lines: [],
      }),
      // A virtual product paid with nothing (a free download): no shipping line, blank payment method.
      Object.assign(wooOrder({ id: 102, number: 'WC-0102', total: '0.00', email: stamp('RUN7-j2'), createdAt: '2026-11-26T04:01:00Z' }), {
        payment_method: '',
        line_items: [{ id: 320, name: 'E-book', product_id: 90, quantity: 1, sku: 'ebook', price: 0 }],
        shipping_lines: [],
        coupon_lines: [],
      }),
    ];
    const [paid, free] = await woocommerce.fetchOrders(query, settings(), context());
    expect(paid).toMatchObject({
      id: 'WC-0101',
      lines: [
        { sku: 'woo-hoodie-blue-logo', name: 'Hoodie - Blue, Yes', quantity: 2, unitPrice: 40.5 },
        { name: 'Beanie', quantity: 1, unitPrice: 16.2 },
      ],
      shippingMethod: 'Express',
      paymentMethod: 'stripe',
      coupons: ['welcome10'],
    });
    // Categories are not in the order payload: never guessed.
    expect(paid!.lines!.every((line) => line.category === undefined)).toBe(true);
    expect(free).toMatchObject({ id: 'WC-0102', lines: [{ sku: 'ebook', name: 'E-book', quantity: 1, unitPrice: 0 }], coupons: [] });
    expect(free).not.toHaveProperty('shippingMethod');
    expect(free).not.toHaveProperty('paymentMethod');
  });

  it('names several shipping lines together, and the method id when a line has no title', async () => {
    fake.orders = [
      Object.assign(wooOrder({ id: 101, number: 'WC-0101', total: '30.00', email: stamp('RUN7-j1'), createdAt: '2026-11-26T04:00:00Z' }), {
        shipping_lines: [
          { id: 1, method_title: 'Standard', method_id: 'flat_rate' },
          { id: 2, method_title: '', method_id: 'local_pickup' },
        ],
      }),
    ];
    const [order] = await woocommerce.fetchOrders(query, settings(), context());
    expect(order!.shippingMethod).toBe('Standard + local_pickup');
    // The fake's order lists no line items nor coupons: unknown, not empty.
    expect(order).not.toHaveProperty('lines');
    expect(order).not.toHaveProperty('coupons');
  });

  it('reports the post id instead of the order number when orderNumber is id', async () => {
    const orders = await woocommerce.fetchOrders(query, settings({ orderNumber: 'id' }), context());
    expect(orders.map((order) => order.id)).toEqual(['101', '102', '103', '104', '114', '105']);
  });

  it('with stampIn meta, reads the stamp from meta_data, sends no search, keeps only meta-stamped orders', async () => {
    const orders = await woocommerce.fetchOrders(query, settings({ stampIn: 'meta', stampMetaKey: '_tagwatch_run' }), context());

    expect(orders.map((order) => [order.id, order.stamp])).toEqual([
      ['WC-0101', 'RUN7-j1'],
      ['WC-0102', 'RUN7-j2'],
      ['WC-0103', 'RUN7-j3'],
      ['WC-0104', 'RUN7-j4'],
      ['WC-0113', 'RUN7-phone'],
      ['WC-0105', 'RUN7-j5'],
    ]);
    expect(orders.find((order) => order.id === 'WC-0113')?.email).toBe('orders@b2b.example');
    expect(listRequests().every((request) => !request.query.has('search'))).toBe(true);
    // 9 orders in the window (the real customer's and run 6's included), 2 a page.
    expect(listRequests()).toHaveLength(5);
  });

  it('without X-WP-TotalPages, pages until an empty page', async () => {
    fake.sendTotalPages = false;
    const orders = await woocommerce.fetchOrders(query, settings(), context());
    expect(orders).toHaveLength(6);
    expect(listRequests().map((request) => request.query.get('page'))).toEqual(['1', '2', '3', '4']);
  });

  it('stops with a clear error when the window holds more pages than orders.maxPages', async () => {
    const message = await failureOf(woocommerce.fetchOrders(query, settings({ maxPages: 2 }), context()));
    expect(message).toMatch(/more than 2 pages of 2 orders .*\(3 pages\).*orders\.maxPages/);
    expect(listRequests()).toHaveLength(1);
  });

  it('loads from the order sources folder with id woocommerce', async () => {
    const { plugins, diagnostics } = await loadProjectPlugins('orderSources');
    expect(plugins.map((plugin) => plugin.id)).toContain('woocommerce');
    expect(diagnostics.filter((line) => line.startsWith('woocommerce'))).toEqual([]);
    expect(woocommerceDefault.cleanupOrders).toBeTypeOf('function');
  });
});

describe('woocommerce order source: failures are inconclusive and keep secrets out', () => {
  it('missing key or secret env variables name the variable and field', async () => {
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context({})))).toMatch(/^orders\.keyEnv: environment variable WC_CONSUMER_KEY is not set/);
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context({ WC_CONSUMER_KEY: KEY })))).toMatch(/^orders\.secretEnv: environment variable WC_CONSUMER_SECRET is not set/);
    const custom = settings({ keyEnv: 'SHOP_WC_KEY', secretEnv: 'SHOP_WC_SECRET' });
    expect(await failureOf(woocommerce.fetchOrders(query, custom, context()))).toMatch(/SHOP_WC_KEY/);
    await expect(woocommerce.fetchOrders(query, custom, context({ SHOP_WC_KEY: KEY, SHOP_WC_SECRET: SECRET }))).resolves.toHaveLength(6);
    expect(fake.requests).toHaveLength(3);
  });

  it('refused credentials give the WooCommerce error code and the env variable names, never the secret', async () => {
    const message = await failureOf(woocommerce.fetchOrders(query, settings(), context({ ...env, WC_CONSUMER_SECRET: 'cs_wrong_secret' })));
    expect(message).toMatch(/refused the API key \(HTTP 401, woocommerce_rest_authentication_error "Invalid signature/);
    expect(message).toMatch(/WC_CONSUMER_KEY and WC_CONSUMER_SECRET/);
    expect(message).not.toContain('cs_wrong_secret');
  });

  it('a secret echoed back by the shop is masked', async () => {
    fake.script.push({ status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'woocommerce_rest_cannot_view', message: `key ${KEY} secret ${SECRET}`, data: { status: 403 } }) });
    const message = await failureOf(woocommerce.fetchOrders(query, settings(), context()));
    expect(message).toMatch(/HTTP 403, woocommerce_rest_cannot_view "key \*\*\* secret \*\*\*"/);
  });

  it('a 500 is unreachable with the status', async () => {
    fake.script.push({ status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>There has been a critical error on this website.</h1>' });
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context()))).toMatch(/wp-json\/wc\/v3\/orders answered HTTP 500\.$/);
  });

  it('a 404 says whether WordPress or the WooCommerce route is missing', async () => {
    expect(await failureOf(woocommerce.fetchOrders(query, settings({ url: `${fake.url}/shop/` }), context()))).toMatch(
      /shop\/wp-json\/wc\/v3\/orders is not a WordPress REST API \(HTTP 404\).*orders\.url.*permalinks/,
    );
    fake.wooActive = false;
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context()))).toMatch(/no WooCommerce REST route there \(HTTP 404, rest_no_route .*WooCommerce is installed and active/);
  });

  it('a 200 that is not a JSON list (login page, cache) is unreachable, not "no orders"', async () => {
    fake.script.push({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in</html>' });
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context()))).toMatch(/did not answer a JSON list of orders \(HTTP 200, not JSON\)/);
  });

  it('a 429 is retried after its Retry-After, a bounded number of times', async () => {
    fake.script.push({ status: 429, headers: { 'retry-after': '2' }, body: '' });
    await expect(woocommerce.fetchOrders(query, settings(), context())).resolves.toHaveLength(6);
    expect(waits).toEqual([2000]);
    expect(listRequests().map((request) => request.query.get('page'))).toEqual(['1', '1', '2', '3']);

    waits.length = 0;
    fake.script.push(...Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '1' }, body: '' })));
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context()))).toMatch(/rate limiting .*HTTP 429, Retry-After 1\) after 2 retries/);
    expect(waits).toEqual([1000, 1000]);

    waits.length = 0;
    fake.script = [{ status: 429, headers: { 'retry-after': '3600' }, body: '' }];
    expect(await failureOf(woocommerce.fetchOrders(query, settings(), context()))).toMatch(/Retry-After 3600\) after 0 retries/);
    expect(waits).toEqual([]);
  });

  it('a stopped shop is unreachable with the system reason', async () => {
    const down = await startLocalServer(() => undefined);
    const url = down.url;
    await down.close();
    expect(await failureOf(woocommerce.fetchOrders(query, settings({ url }), context()))).toMatch(/unreachable \(ECONNREFUSED\)/);
  });
});

describe('woocommerce order source: before the journeys', () => {
  it('names each unset credential variable with its field and what to export, without a request', () => {
    expect(woocommerce.credentialProblems!(settings(), {})).toEqual([
      'orders.keyEnv: environment variable WC_CONSUMER_KEY is not set: export the WooCommerce REST API consumer key (ck_...) before the audit',
      'orders.secretEnv: environment variable WC_CONSUMER_SECRET is not set: export the WooCommerce REST API consumer secret (cs_...) before the audit',
    ]);
    expect(woocommerce.credentialProblems!(settings({ keyEnv: 'SHOP_WC_KEY', secretEnv: 'SHOP_WC_SECRET' }), { SHOP_WC_KEY: KEY })).toEqual([
      expect.stringMatching(/^orders\.secretEnv: environment variable SHOP_WC_SECRET is not set/),
    ]);
    expect(woocommerce.credentialProblems!(settings(), env)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('checkConnection sends one GET of one order with Basic auth', async () => {
    await expect(woocommerce.checkConnection!(settings(), context())).resolves.toBeUndefined();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/wp-json/wc/v3/orders', authorization: `Basic ${BASIC}` });
    expect(Object.fromEntries(fake.requests[0]!.query)).toEqual({ per_page: '1' });
  });

  it('checkConnection fails clearly when the key is refused, WooCommerce is not there, or the shop is down; never with the secret', async () => {
    expect(await failureOf(woocommerce.checkConnection!(settings(), context({ ...env, WC_CONSUMER_SECRET: 'cs_wrong_secret' })))).toMatch(
      /refused the API key \(HTTP 401, woocommerce_rest_authentication_error .*Check that WC_CONSUMER_KEY and WC_CONSUMER_SECRET hold a REST API key of this site/,
    );
    fake.wooActive = false;
    expect(await failureOf(woocommerce.checkConnection!(settings(), context()))).toMatch(/no WooCommerce REST route there/);
    fake.wooActive = true;
    fake.script.push({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in</html>' });
    expect(await failureOf(woocommerce.checkConnection!(settings(), context()))).toMatch(/did not answer a JSON list of orders \(HTTP 200, not JSON\)/);
    const down = await startLocalServer(() => undefined);
    await down.close();
    expect(await failureOf(woocommerce.checkConnection!(settings({ url: down.url }), context()))).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it('checkConnection with a credential unset fails before any request; a rate-limited shop passes (it answered)', async () => {
    expect(await failureOf(woocommerce.checkConnection!(settings(), context({ WC_CONSUMER_KEY: KEY })))).toMatch(/^orders\.secretEnv: environment variable WC_CONSUMER_SECRET is not set/);
    expect(fake.requests).toEqual([]);
    fake.script.push({ status: 429, headers: { 'retry-after': '3600' }, body: '' });
    await expect(woocommerce.checkConnection!(settings(), context())).resolves.toBeUndefined();
    expect(waits).toEqual([]);
  });
});

describe('woocommerce order source: cleanup', () => {
  it('cancels the run\'s orders by post id, found again by order number and stamp', async () => {
    const orders = await woocommerce.fetchOrders(query, settings(), context());
    fake.requests = [];

    expect(await woocommerce.cleanupOrders!(orders, settings({ cleanup: 'cancel' }), context())).toBe(6);

    const updates = fake.requests.filter((request) => request.method === 'PUT');
    expect(updates.map((request) => request.path)).toEqual([101, 102, 103, 104, 114, 105].map((id) => `/wp-json/wc/v3/orders/${id}`));
    expect(updates.every((request) => JSON.stringify(request.body) === '{"status":"cancelled"}' && request.authorization === `Basic ${BASIC}`)).toBe(true);
    const statuses = Object.fromEntries(fake.orders.map((order) => [order.id, order.status]));
    expect(statuses).toMatchObject({ 101: 'cancelled', 105: 'cancelled', 114: 'cancelled', 110: 'processing', 111: 'processing', 113: 'processing' });
  });

  it('cancels by default and when cleanup is true', async () => {
    const orders = await woocommerce.fetchOrders(query, settings({ orderNumber: 'id' }), context());
    expect(await woocommerce.cleanupOrders!(orders.slice(0, 1), settings({ orderNumber: 'id' }), context())).toBe(1);
    expect(await woocommerce.cleanupOrders!(orders.slice(1, 2), settings({ orderNumber: 'id', cleanup: true }), context())).toBe(1);
    expect(fake.orders.filter((order) => order.status === 'cancelled').map((order) => order.id)).toEqual([101, 102]);
  });

  it('deletes for good with cleanup delete', async () => {
    const orders = await woocommerce.fetchOrders(query, settings({ orderNumber: 'id' }), context());
    fake.requests = [];

    expect(await woocommerce.cleanupOrders!(orders, settings({ orderNumber: 'id', cleanup: 'delete' }), context())).toBe(6);

    expect(fake.requests.map((request) => `${request.method} ${request.path}?${request.query}`)).toEqual(
      [101, 102, 103, 104, 114, 105].map((id) => `DELETE /wp-json/wc/v3/orders/${id}?force=true`),
    );
    expect(fake.orders.map((order) => order.id)).toEqual([110, 111, 112, 113]);
  });

  it('never touches an order whose number matches but whose stamp does not', async () => {
    const forged = { id: 'WC-0110', total: 250, currency: 'EUR', createdAt: '2026-11-26T04:05:00.000Z', stamp: stamp('RUN7-j1') };
    expect(await woocommerce.cleanupOrders!([forged], settings(), context())).toBe(0);
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(fake.orders.find((order) => order.id === 110)?.status).toBe('processing');
  });

  it('cleanup false does nothing; a refused update is unreachable without the secret', async () => {
    const orders = await woocommerce.fetchOrders(query, settings({ orderNumber: 'id' }), context());
    fake.requests = [];
    expect(await woocommerce.cleanupOrders!(orders, settings({ cleanup: false }), context())).toBe(0);
    expect(fake.requests).toEqual([]);

    fake.script.push({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'woocommerce_rest_cannot_edit', message: 'Sorry, you are not allowed to edit this resource.', data: { status: 401 } }) });
    const message = await failureOf(woocommerce.cleanupOrders!(orders, settings({ orderNumber: 'id' }), context()));
    expect(message).toMatch(/orders\/101 refused the API key \(HTTP 401, woocommerce_rest_cannot_edit .*Read\/Write for cleanup/);
  });
});

describe('woocommerce order source: settings', () => {
  it('reports bad fields as orders.<field> lines before a run', () => {
    const validate = woocommerce.validateSettings!;
    expect(validate({ url: 'https://shop.example' })).toEqual([]);
    expect(validate({ url: 'http://localhost:8080', stampIn: 'meta', stampMetaKey: '_tagwatch_run', orderNumber: 'id', cleanup: 'delete', perPage: 50 })).toEqual([]);
    expect(validate({})).toEqual([expect.stringMatching(/^orders\.url: /)]);
    expect(validate({ url: 'http://shop.example' })).toEqual([expect.stringMatching(/^orders\.url: .*https.*localhost only/)]);
    expect(validate({ url: 'https://shop.example', stampIn: 'meta' })).toEqual([expect.stringMatching(/^orders\.stampMetaKey: required when stampIn is 'meta'/)]);
    expect(validate({ url: 'https://shop.example', perPage: 101, cleanup: 'archive', stampIn: 'note' })).toEqual([
      expect.stringMatching(/^orders\.stampIn: /),
      "orders.cleanup: 'cancel' (set the test orders cancelled, same as true), 'delete' (delete them for good) or false",
      expect.stringMatching(/^orders\.perPage: .*100/),
    ]);
  });

  it('accepts the block as the monitor hands it over (source, waitSeconds, cleanup) and every cleanup mode', () => {
    for (const cleanup of [false, true, 'cancel', 'delete']) {
      expect(woocommerce.validateSettings!({ source: 'woocommerce', waitSeconds: 5, cleanup, url: 'https://shop.example' })).toEqual([]);
    }
  });

  it('a field of another source (tokenEnv) is an unknown field, with the path, the known fields and the likely ones', () => {
    expect(woocommerce.validateSettings!({ source: 'woocommerce', waitSeconds: 5, cleanup: false, url: 'https://shop.example', tokenEnv: 'WC_TOKEN' })).toEqual([
      "orders.tokenEnv: unknown field for order source 'woocommerce' (its fields: url, keyEnv, secretEnv, stampIn, stampMetaKey, orderNumber, cleanup, perPage, maxPages, source, waitSeconds): did you mean keyEnv or secretEnv?",
    ]);
    expect(woocommerce.validateSettings!({ url: 'https://shop.example', perpage: 50 })).toEqual([expect.stringMatching(/^orders\.perpage: unknown field .*: did you mean perPage\?$/)]);
  });

  it('a consumer key pasted in place of the variable name is refused without being echoed', () => {
    const problems = woocommerce.validateSettings!({ url: 'https://shop.example', keyEnv: 'ck_4f2a9c0d4f2a9c0d4f2a9c0d' });
    expect(problems).toEqual([expect.stringMatching(/^orders\.keyEnv: the name of an environment variable holding the consumer key: this looks like the consumer key itself/)]);
    expect(problems.join('\n')).not.toContain('ck_4f2a');
  });

  it('fetching with bad settings is a user error, before any request', async () => {
    await expect(woocommerce.fetchOrders(query, { url: fake.url, perPage: 0 }, context())).rejects.toBeInstanceOf(UserError);
    expect(fake.requests).toEqual([]);
  });
});
