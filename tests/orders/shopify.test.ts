import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import shopify, { shopifyAdminUrl, throttling } from '../../src/orders/sources/shopify.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { startLocalServer } from '../support/local-server.ts';
import { shopifyOrder, startFakeShopify } from './fake-shopify.ts';

const TOKEN = 'shpat_s3cret0000';
let shop: Awaited<ReturnType<typeof startFakeShopify>>;
const sleeps: number[] = [];
const realThrottling = { ...throttling };

beforeAll(async () => {
  shop = await startFakeShopify(TOKEN);
});
afterAll(() => shop?.close());

beforeEach(() => {
  Object.assign(shop.state, { orders: [], requests: [], detailRequests: [], cancels: [], mode: 'ok', throttleNext: 0, rateLimitNext: 0, graphqlErrorNext: undefined, cancelUserErrors: {} });
  sleeps.length = 0;
  // Waits are recorded, not slept: the tests check what tagwatch asked to wait.
  throttling.sleep = async (ms) => void sleeps.push(ms);
});
afterEach(() => Object.assign(throttling, realThrottling));

const settings = (extra: Record<string, unknown> = {}) => ({ source: 'shopify', waitSeconds: 5, shop: 'tagwatch-test.myshopify.com', adminUrl: shop.endpoint, pageSize: 2, ...extra });
const query = { from: new Date('2026-11-26T03:59:00.250Z'), to: new Date('2026-11-26T04:10:00.900Z'), runId: 'RUN1' };
const context = (env: Record<string, string> = { SHOPIFY_ADMIN_TOKEN: TOKEN }) => ({ env, timeoutMs: 2000 });
const runEmail = (n: number) => `tagwatch+RUN1-${n}@example.com`;

/** Five test orders of the run, two real customers, one earlier test order outside the window. */
function seedShop() {
  shop.state.orders.push(
    shopifyOrder(1001, '2026-11-26T04:00:00Z', { email: runEmail(1), amount: '64.80' }),
    shopifyOrder(1002, '2026-11-26T04:00:05Z', { email: 'real.customer@example.com' }),
    shopifyOrder(1003, '2026-11-26T04:01:00Z', { email: runEmail(2), amount: '12.50' }),
    shopifyOrder(1004, '2026-11-26T04:02:00Z', { email: runEmail(3), cancelledAt: '2026-11-26T04:02:30Z', displayFinancialStatus: 'REFUNDED' }),
    shopifyOrder(1005, '2026-11-26T04:03:00Z', { email: 'other.customer@example.com' }),
    shopifyOrder(1006, '2026-11-26T04:04:00Z', { email: runEmail(4), displayFinancialStatus: 'PENDING' }),
    shopifyOrder(1007, '2026-11-26T04:05:00Z', { email: runEmail(5) }),
    shopifyOrder(990, '2026-11-26T03:00:00Z', { email: 'tagwatch+RUN1-old@example.com' }),
  );
}

describe('shopify order source: reading orders', () => {
  it('pages through the window with the token header and keeps only the run\'s stamped orders', async () => {
    seedShop();
    const orders = await shopify.fetchOrders(query, settings(), context());

    expect(orders.map((o) => o.id)).toEqual(['1001', '1003', '1004', '1006', '1007']);
    expect(orders[0]).toEqual({ id: '1001', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z', stamp: runEmail(1), email: runEmail(1), status: 'paid' });
    expect(orders.map((o) => o.status)).toEqual(['paid', 'paid', 'cancelled', 'pending', 'paid']);

    // Seven orders in the window at two per page: four pages, each after the previous end cursor;
    // then one details query for the five test orders only.
    const requests = shop.state.requests.filter((r) => /\borders\(/.test(r.query));
    expect(requests).toHaveLength(4);
    expect(shop.state.requests).toHaveLength(5);
    expect(shop.state.detailRequests).toEqual([['1001', '1003', '1004', '1006', '1007'].map((n) => `gid://shopify/Order/${5_000_000 + Number(n)}`)]);
    expect(requests.every((r) => r.token === TOKEN && r.variables.first === 2)).toBe(true);
    expect(requests[0]!.variables.after).toBeNull();
    expect(new Set(requests.slice(1).map((r) => r.variables.after)).size).toBe(3);
    expect(requests[0]!.variables.query).toBe("created_at:>='2026-11-26T03:59:00Z' created_at:<='2026-11-26T04:10:00Z'");
    expect(requests[0]!.query).toMatch(/orders\(first: \$first, after: \$after, query: \$query/);
  });

  it('builds the Admin API URL from shop and apiVersion', () => {
    // The shop's own domain is unreachable from tests; the fake stands in through adminUrl.
    expect(shopifyAdminUrl('my-shop.myshopify.com', '2026-10')).toBe('https://my-shop.myshopify.com/admin/api/2026-10/graphql.json');
  });

  it('finds the stamp in a tag or the note, and reports the order number the shop shows', async () => {
    shop.state.orders.push(
      shopifyOrder(1001, '2026-11-26T04:00:00Z', { tags: ['wholesale', 'tw-RUN1-a'], note: 'gift' }),
      shopifyOrder(1002, '2026-11-26T04:00:01Z', { tags: ['tw-RUN0-z'], note: 'tagwatch RUN1-b' }),
    );
    const byTag = await shopify.fetchOrders(query, settings({ stampIn: 'tag', orderNumber: 'legacyResourceId' }), context());
    expect(byTag).toEqual([expect.objectContaining({ id: '5001001', stamp: 'tw-RUN1-a' })]);
    const byNote = await shopify.fetchOrders(query, settings({ stampIn: 'note', orderNumber: 'id' }), context());
    expect(byNote).toEqual([expect.objectContaining({ id: 'gid://shopify/Order/5001002', stamp: 'tagwatch RUN1-b' })]);
  });

  it('adds the configured search terms, with the run id, to the window', async () => {
    await shopify.fetchOrders(query, settings({ search: 'tag:tagwatch-{runId}' }), context());
    expect(shop.state.requests[0]!.variables.query).toMatch(/created_at:<='2026-11-26T04:10:00Z' tag:tagwatch-RUN1$/);
  });
});

describe('shopify order source: what the test orders have in common', () => {
  // Shaped as the GraphQL Admin API answers Order.lineItems, shippingLine, paymentGatewayNames, discountCodes.
  const details = {
    lineItems: {
      nodes: [
        { name: 'Organic cotton tee - M', sku: 'TEE-ORG-M', quantity: 2, originalUnitPriceSet: { shopMoney: { amount: '24.0' } } },
        { name: 'Canvas tote', sku: null, quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '18.0' } } },
        { name: 'Gift card', sku: '', quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '25.0' } } },
      ],
      pageInfo: { hasNextPage: false },
    },
    shippingLine: { title: 'Express', code: 'EXPRESS' },
    paymentGatewayNames: ['shopify_payments'],
    discountCodes: ['WELCOME10'],
  };

  it('reads line items, shipping rate, payment gateways and discount codes of the run\'s orders', async () => {
    shop.state.orders.push(
      shopifyOrder(1001, '2026-11-26T04:00:00Z', { email: runEmail(1), amount: '99.10', details }),
      shopifyOrder(1002, '2026-11-26T04:00:05Z', { email: 'real.customer@example.com', details }),
    );
    const [order] = await shopify.fetchOrders(query, settings(), context());
    expect(order).toEqual({
      id: '1001',
      total: 99.1,
      currency: 'EUR',
      createdAt: '2026-11-26T04:00:00Z',
      stamp: runEmail(1),
      email: runEmail(1),
      status: 'paid',
      lines: [
        { sku: 'TEE-ORG-M', name: 'Organic cotton tee - M', quantity: 2, unitPrice: 24 },
        { name: 'Canvas tote', quantity: 1, unitPrice: 18 },
        { name: 'Gift card', quantity: 1, unitPrice: 25 },
      ],
      shippingMethod: 'Express',
      paymentMethod: 'shopify_payments',
      coupons: ['WELCOME10'],
    });
    // Only the test order's details were asked, never the real customer's.
    expect(shop.state.detailRequests).toEqual([['gid://shopify/Order/5001001']]);
  });

  it('leaves unset what the order does not say: more line items than read, no shipping line, no gateway', async () => {
    shop.state.orders.push(
      shopifyOrder(1001, '2026-11-26T04:00:00Z', {
        email: runEmail(1),
        details: { ...details, lineItems: { ...details.lineItems, pageInfo: { hasNextPage: true } }, shippingLine: null, paymentGatewayNames: [], discountCodes: [] },
      }),
    );
    const [order] = await shopify.fetchOrders(query, settings(), context());
    expect(order).not.toHaveProperty('lines');
    expect(order).not.toHaveProperty('shippingMethod');
    expect(order).not.toHaveProperty('paymentMethod');
    expect(order!.coupons).toEqual([]);
  });

  it('asks the details ten orders per query, under Shopify\'s query cost limit', async () => {
    for (let n = 1; n <= 23; n++) shop.state.orders.push(shopifyOrder(2000 + n, `2026-11-26T04:0${Math.floor(n / 10)}:${String(n % 60).padStart(2, '0')}Z`, { email: runEmail(n), details }));
    const orders = await shopify.fetchOrders(query, settings({ pageSize: 100 }), context());
    expect(orders).toHaveLength(23);
    expect(orders.every((order) => order.lines?.length === 3)).toBe(true);
    expect(shop.state.detailRequests.map((ids) => ids.length)).toEqual([10, 10, 3]);
  });
});

describe('shopify order source: throttling', () => {
  it('waits as long as the bucket needs to refill the requested cost, then retries', async () => {
    seedShop();
    shop.state.throttleNext = 1;
    const orders = await shopify.fetchOrders(query, settings(), context());
    expect(orders).toHaveLength(5);
    // requested 752, available 552, restore 100/s: 2 s.
    expect(sleeps).toEqual([2000]);
  });

  it('honours HTTP 429 Retry-After', async () => {
    shop.state.rateLimitNext = 1;
    shop.state.retryAfterSeconds = 3;
    await expect(shopify.fetchOrders(query, settings(), context())).resolves.toEqual([]);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up after the retry limit with a throttling BackendUnreachableError', async () => {
    shop.state.throttleNext = 100;
    const error = await shopify.fetchOrders(query, settings(), context()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect(String(error)).toMatch(/kept throttling the requests \(5 retries, 10 s waited\)/);
    expect(sleeps).toHaveLength(5);
  });

  it('does not start a wait that would pass the total wait budget', async () => {
    throttling.maxWaitMs = 5000;
    shop.state.throttleNext = 100;
    await expect(shopify.fetchOrders(query, settings(), context())).rejects.toThrow(/kept throttling .*2 retries, 4 s waited/);
    expect(sleeps).toEqual([2000, 2000]);
  });
});

describe('shopify order source: unreadable backend', () => {
  it('a missing token env var names the variable and the setting', async () => {
    await expect(shopify.fetchOrders(query, settings(), context({}))).rejects.toThrow(/^orders\.tokenEnv: environment variable SHOPIFY_ADMIN_TOKEN is not set/);
    await expect(shopify.fetchOrders(query, settings({ tokenEnv: 'SHOP_B_TOKEN' }), context())).rejects.toThrow(/^orders\.tokenEnv: environment variable SHOP_B_TOKEN is not set/);
    expect(shop.state.requests).toHaveLength(0);
  });

  it('a refused token, a 500, a non-JSON answer or a GraphQL error is BackendUnreachableError, never "no orders", and never shows the token', async () => {
    const wrong = 'shpat_wrong1111';
    const failures: unknown[] = [];
    failures.push(await shopify.fetchOrders(query, settings(), context({ SHOPIFY_ADMIN_TOKEN: wrong })).catch((e) => e));
    shop.state.mode = 'server-error';
    failures.push(await shopify.fetchOrders(query, settings(), context()).catch((e) => e));
    shop.state.mode = 'not-json';
    failures.push(await shopify.fetchOrders(query, settings(), context()).catch((e) => e));
    shop.state.mode = 'ok';
    shop.state.graphqlErrorNext = { message: 'Access denied for orders field. Required access: `read_orders` access scope.', code: 'ACCESS_DENIED' };
    failures.push(await shopify.fetchOrders(query, settings(), context()).catch((e) => e));

    expect(failures.every((f) => f instanceof BackendUnreachableError)).toBe(true);
    const [refused, serverError, notJson, graphqlError] = failures.map(String);
    expect(refused).toMatch(/refused the access token \(HTTP 401\).*SHOPIFY_ADMIN_TOKEN \(orders\.tokenEnv\)/);
    expect(serverError).toMatch(/answered HTTP 500 \(a Shopify-side error/);
    expect(notJson).toMatch(/did not answer JSON/);
    expect(graphqlError).toMatch(/Access denied for orders field.*\(ACCESS_DENIED\)/);
    for (const message of failures.map(String)) expect(message).not.toMatch(/shpat_/);
  });

  it('a stopped backend is unreachable with the system reason', async () => {
    const down = await startLocalServer(() => undefined);
    const adminUrl = `${down.url}/admin/api/2026-07/graphql.json`;
    await down.close();
    await expect(shopify.fetchOrders(query, settings({ adminUrl }), context())).rejects.toThrow(/unreachable \(ECONNREFUSED\)/);
  });
});

describe('shopify order source: cleanup', () => {
  it('cancels each test order without refund or notification, restocking, and counts them', async () => {
    seedShop();
    const orders = await shopify.fetchOrders(query, settings(), context());
    const cleaned = await shopify.cleanupOrders!(orders, settings(), context());

    // 1004 was already cancelled: nothing to do, not counted.
    expect(cleaned).toBe(4);
    expect(shop.state.cancels.map((c) => c.orderId)).toEqual(['gid://shopify/Order/5001001', 'gid://shopify/Order/5001003', 'gid://shopify/Order/5001006', 'gid://shopify/Order/5001007']);
    expect(shop.state.cancels[0]).toMatchObject({ notifyCustomer: false, restock: true, refundMethod: { originalPaymentMethodsRefund: false }, reason: 'OTHER' });
    expect(shop.state.orders.filter((o) => o.email?.includes('RUN1-') && o.cancelledAt).map((o) => o.name)).toEqual(['#1001', '#1003', '#1004', '#1006', '#1007']);
    expect(shop.state.orders.find((o) => o.name === '#1002')!.cancelledAt).toBeNull();
  });

  it('never cancels an order whose stamp does not match what the shop has', async () => {
    seedShop();
    const forged = { id: '1002', total: 10, currency: 'EUR', createdAt: '2026-11-26T04:00:05Z', stamp: runEmail(9) };
    expect(await shopify.cleanupOrders!([forged], settings(), context())).toBe(0);
    expect(shop.state.cancels).toHaveLength(0);
  });

  it('lists the orders Shopify refused to cancel', async () => {
    seedShop();
    shop.state.cancelUserErrors['gid://shopify/Order/5001003'] = [{ field: ['orderId'], message: 'Cannot cancel an order with an open return', code: 'INVALID' }];
    const orders = await shopify.fetchOrders(query, settings(), context());
    const error = await shopify.cleanupOrders!(orders, settings(), context()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect(String(error)).toMatch(/cancelled 3 of 5 test orders and refused 1: order 1003: Cannot cancel an order with an open return \(INVALID\)/);
  });
});

describe('shopify order source: settings', () => {
  it('reports bad settings per field before a run', () => {
    expect(shopify.validateSettings!({ source: 'shopify', shop: 'tagwatch-test.myshopify.com' })).toEqual([]);
    expect(shopify.validateSettings!({ source: 'shopify', adminUrl: 'http://127.0.0.1:9/admin/api/2026-07/graphql.json' })).toEqual([]);
    expect(shopify.validateSettings!({ source: 'shopify' })).toEqual([expect.stringMatching(/^orders\.shop: required: the shop's myshopify\.com domain/)]);
    expect(
      shopify.validateSettings!({ shop: 'www.my-shop.com', apiVersion: '2025-01', stampIn: 'phone', orderNumber: 'number', pageSize: 500, tokenEnv: 'not a name' }),
    ).toEqual([
      expect.stringMatching(/^orders\.shop: the shop's myshopify\.com domain/),
      expect.stringMatching(/^orders\.apiVersion: 2025-07 or newer/),
      expect.stringMatching(/^orders\.tokenEnv: the name of an environment variable holding the Admin API access token/),
      expect.stringMatching(/^orders\.stampIn: /),
      expect.stringMatching(/^orders\.orderNumber: /),
      expect.stringMatching(/^orders\.pageSize: /),
    ]);
  });

  it('an unknown field is reported with its path and the fields that exist', () => {
    expect(shopify.validateSettings!(settings({ keyEnv: 'SHOPIFY_ADMIN_TOKEN' }))).toEqual([
      "orders.keyEnv: unknown field for order source 'shopify' (its fields: shop, adminUrl, apiVersion, tokenEnv, stampIn, orderNumber, pageSize, search, cleanup, source, waitSeconds): did you mean tokenEnv?",
    ]);
  });

  it('cleanup is true or false: a mode of another source is refused', () => {
    expect(shopify.validateSettings!(settings({ cleanup: true }))).toEqual([]);
    expect(shopify.validateSettings!(settings({ cleanup: 'delete' }))).toEqual([
      "orders.cleanup: true (cancel the run's test orders: no refund, restocked, customer not notified) or false: the shopify source has no other cleanup modes",
    ]);
  });

  it('an access token pasted in place of the variable name is refused without being echoed', () => {
    const problems = shopify.validateSettings!(settings({ tokenEnv: TOKEN }));
    expect(problems).toEqual([expect.stringMatching(/^orders\.tokenEnv: .*this looks like the Admin API access token itself/)]);
    expect(problems.join('\n')).not.toContain(TOKEN);
  });
});

describe('shopify order source: before the journeys', () => {
  it('an unset token variable is reported as orders.tokenEnv, without a request', () => {
    expect(shopify.credentialProblems!(settings(), {})).toEqual([
      "orders.tokenEnv: environment variable SHOPIFY_ADMIN_TOKEN is not set: export the shop's Admin API access token (scopes read_orders, and write_orders for cleanup) before the audit",
    ]);
    expect(shopify.credentialProblems!(settings(), { SHOPIFY_ADMIN_TOKEN: TOKEN })).toEqual([]);
    expect(shop.state.requests).toHaveLength(0);
  });

  it('checkConnection asks the shop its name, once, with the token', async () => {
    await expect(shopify.checkConnection!(settings(), context())).resolves.toBeUndefined();
    expect(shop.state.requests).toHaveLength(1);
    expect(shop.state.requests[0]).toMatchObject({ token: TOKEN, query: '{ shop { name } }' });
  });

  it('checkConnection fails clearly on a refused token, a 500, a login page or a stopped endpoint, never showing the token', async () => {
    const failures: unknown[] = [];
    failures.push(await shopify.checkConnection!(settings(), context({ SHOPIFY_ADMIN_TOKEN: 'shpat_wrong1111' })).catch((e) => e));
    shop.state.mode = 'server-error';
    failures.push(await shopify.checkConnection!(settings(), context()).catch((e) => e));
    shop.state.mode = 'not-json';
    failures.push(await shopify.checkConnection!(settings(), context()).catch((e) => e));
    const down = await startLocalServer(() => undefined);
    await down.close();
    failures.push(await shopify.checkConnection!(settings({ adminUrl: `${down.url}/admin/api/2026-07/graphql.json` }), context()).catch((e) => e));

    expect(failures.every((f) => f instanceof BackendUnreachableError)).toBe(true);
    const [refused, serverError, notJson, stopped] = failures.map(String);
    expect(refused).toMatch(/refused the access token \(HTTP 401\)\. Check that SHOPIFY_ADMIN_TOKEN \(orders\.tokenEnv\) holds a valid Admin API access token/);
    expect(serverError).toMatch(/answered HTTP 500/);
    expect(notJson).toMatch(/did not answer JSON/);
    expect(stopped).toMatch(/unreachable \(ECONNREFUSED\)/);
    for (const message of failures.map(String)) expect(message).not.toMatch(/shpat_/);
  });

  it('a throttled shop passes the check without waiting (it answered)', async () => {
    shop.state.throttleNext = 1;
    await expect(shopify.checkConnection!(settings(), context())).resolves.toBeUndefined();
    expect(sleeps).toEqual([]);
    expect(shop.state.requests).toHaveLength(1);
  });
});
