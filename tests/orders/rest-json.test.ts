import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import restJson from '../../src/orders/sources/rest-json.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { startLocalServer } from '../support/local-server.ts';

// A local back office speaking JSON: bearer token, nested orders array, its own field names.
const requests: IncomingMessage[] = [];
let backend: Awaited<ReturnType<typeof startLocalServer>>;
let mode: 'ok' | 'unauthorized' | 'error' | 'not-json' = 'ok';

beforeAll(async () => {
  backend = await startLocalServer((req, res) => {
    requests.push(req);
    if (mode === 'error') return void res.writeHead(500).end('boom');
    if (mode === 'not-json') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    if (mode === 'unauthorized' || req.headers.authorization !== 'Bearer s3cret') return void res.writeHead(401).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        data: {
          orders: [
            {
              number: 'A-1',
              amount: { total: '64.80', currency: 'EUR' },
              placed_at: '2026-11-26T04:00:00Z',
              customer: { email: 'tagwatch+RUN1-abc@example.com' },
              items: [
                { product: { ref: 'TEE-M', title: 'Organic tee', family: 'Apparel' }, qty: 2, unit_price: '24.00' },
                { product: { ref: 'TOTE', title: 'Canvas tote', family: 'Bags' }, qty: 1, unit_price: '16.80' },
              ],
              delivery: { carrier: 'colissimo', mode: 'express' },
              payment: { method: 'paypal' },
              discounts: [{ voucher: 'WELCOME10', amount: '4.80' }],
            },
            { number: 'A-2', amount: { total: '10.00', currency: 'EUR' }, placed_at: '2026-11-26T04:00:01Z', customer: { email: 'real.customer@example.com' } },
          ],
        },
      }),
    );
  });
});
afterAll(() => backend?.close());

const settings = () => ({
  url: `${backend.url}/api/orders`,
  tokenEnv: 'SHOP_TOKEN',
  params: { from: 'created_after', to: 'created_before', search: 'search' },
  ordersPath: 'data.orders',
  fields: { id: 'number', total: 'amount.total', currency: 'amount.currency', createdAt: 'placed_at', stamp: 'customer.email' },
});
const query = { from: new Date('2026-11-26T03:59:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN1' };
const context = (env: Record<string, string> = { SHOP_TOKEN: 's3cret' }) => ({ env, timeoutMs: 2000 });

describe('rest-json order source', () => {
  it('maps fields, sends the window and the token from env, keeps only the run\'s test orders', async () => {
    mode = 'ok';
    const orders = await restJson.fetchOrders(query, settings(), context());
    expect(orders).toEqual([{ id: 'A-1', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z', stamp: 'tagwatch+RUN1-abc@example.com' }]);
    const url = new URL(requests.at(-1)!.url!, backend.url);
    expect(url.searchParams.get('created_after')).toBe('2026-11-26T03:59:00.000Z');
    expect(url.searchParams.get('search')).toBe('RUN1');
  });

  it('reads line items, shipping and payment method and coupons only where the mapping names them', async () => {
    mode = 'ok';
    const fields = {
      ...settings().fields,
      lines: 'items',
      line: { sku: 'product.ref', name: 'product.title', category: 'product.family', quantity: 'qty', unitPrice: 'unit_price' },
      shippingMethod: 'delivery.mode',
      paymentMethod: 'payment.method',
      coupons: 'discounts',
      couponCode: 'voucher',
    };
    expect(restJson.validateSettings!({ ...settings(), fields })).toEqual([]);
    const [order] = await restJson.fetchOrders(query, { ...settings(), fields }, context());
    expect(order).toEqual({
      id: 'A-1',
      total: 64.8,
      currency: 'EUR',
      createdAt: '2026-11-26T04:00:00Z',
      stamp: 'tagwatch+RUN1-abc@example.com',
      lines: [
        { sku: 'TEE-M', name: 'Organic tee', category: 'Apparel', quantity: 2, unitPrice: 24 },
        { sku: 'TOTE', name: 'Canvas tote', category: 'Bags', quantity: 1, unitPrice: 16.8 },
      ],
      shippingMethod: 'express',
      paymentMethod: 'paypal',
      coupons: ['WELCOME10'],
    });
    // A path the order does not have leaves the attribute unset, never empty.
    const [missing] = await restJson.fetchOrders(query, { ...settings(), fields: { ...settings().fields, shippingMethod: 'shipping.method', coupons: 'coupon_codes' } }, context());
    expect(missing).not.toHaveProperty('shippingMethod');
    expect(missing).not.toHaveProperty('coupons');
  });

  it('a missing token env var, refused credentials, a 500 or a non-JSON answer are BackendUnreachableError, never "no orders"', async () => {
    mode = 'ok';
    await expect(restJson.fetchOrders(query, settings(), context({}))).rejects.toThrow(/SHOP_TOKEN .*not set/);
    await expect(restJson.fetchOrders(query, settings(), context({ SHOP_TOKEN: 'wrong' }))).rejects.toThrow(/refused the credentials \(HTTP 401\)/);
    mode = 'error';
    await expect(restJson.fetchOrders(query, settings(), context())).rejects.toBeInstanceOf(BackendUnreachableError);
    mode = 'not-json';
    await expect(restJson.fetchOrders(query, settings(), context())).rejects.toThrow(/did not answer JSON/);
  });

  it('error messages never carry the token or query-string secrets', async () => {
    mode = 'unauthorized';
    const error = await restJson.fetchOrders(query, { ...settings(), url: `${backend.url}/api/orders?consumer_secret=cs_123` }, context({ SHOP_TOKEN: 's3cret' })).catch((e: Error) => e);
    expect(String(error)).not.toMatch(/s3cret|cs_123/);
  });

  it('a stopped backend is unreachable with the system reason', async () => {
    const down = await startLocalServer(() => undefined);
    const url = `${down.url}/api/orders`;
    await down.close();
    await expect(restJson.fetchOrders(query, { ...settings(), url }, context())).rejects.toThrow(/unreachable \(ECONNREFUSED\)/);
  });

  it('bad settings are reported per field before a run', () => {
    expect(restJson.validateSettings!({ fields: { id: 3 } })).toEqual([
      expect.stringMatching(/^orders\.url: /),
      expect.stringMatching(/^orders\.fields\.id: .*string/),
    ]);
  });
});

describe('rest-json order source: before the journeys', () => {
  // The block as the monitor schema hands it over: the common fields are there, with their defaults.
  const block = (extra: Record<string, unknown> = {}) => ({ source: 'rest-json', waitSeconds: 5, cleanup: false, ...settings(), ...extra });

  it('accepts its own fields with the common source, waitSeconds and cleanup: false', () => {
    expect(restJson.validateSettings!(block())).toEqual([]);
  });

  it('an unknown field, at the top or inside a mapping, is reported with its path and the fields that exist there', () => {
    expect(restJson.validateSettings!(block({ keyEnv: 'SHOP_TOKEN' }))).toEqual([
      "orders.keyEnv: unknown field for order source 'rest-json' (its fields: url, tokenEnv, authHeader, authScheme, params, ordersPath, fields, pagination, cleanup, source, waitSeconds): did you mean tokenEnv?",
    ]);
    const problems = restJson.validateSettings!(block({ fields: { ...settings().fields, orderId: 'number' } }));
    expect(problems).toEqual([expect.stringMatching(/^orders\.fields\.orderId: unknown field for order source 'rest-json' \(the fields of orders\.fields: id, total, currency, createdAt, stamp, lines, shippingMethod, paymentMethod, coupons, couponCode, device, channel, lineCount, line\)/)]);
  });

  it('cleanup is refused: it only reads the endpoint', () => {
    expect(restJson.validateSettings!(block({ cleanup: true }))).toEqual([expect.stringMatching(/^orders\.cleanup: the rest-json source cannot clean up test orders .*; remove cleanup$/)]);
  });

  it('a token pasted in place of the variable name is refused without being echoed', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const problems = restJson.validateSettings!(block({ tokenEnv: token }));
    expect(problems).toEqual([expect.stringMatching(/^orders\.tokenEnv: the name of an environment variable holding the API token, not the API token itself/)]);
    expect(problems.join('\n')).not.toContain(token);
  });

  it('reports an unset token variable as orders.tokenEnv, without any request; no tokenEnv needs no credential', () => {
    const before = requests.length;
    expect(restJson.credentialProblems!(block(), {})).toEqual([
      'orders.tokenEnv: environment variable SHOP_TOKEN is not set: export the orders API token before the audit',
    ]);
    expect(restJson.credentialProblems!(block(), { SHOP_TOKEN: ' ' })).toEqual([expect.stringMatching(/^orders\.tokenEnv: environment variable SHOP_TOKEN is empty/)]);
    expect(restJson.credentialProblems!(block(), { SHOP_TOKEN: 's3cret' })).toEqual([]);
    expect(restJson.credentialProblems!(block({ tokenEnv: undefined }), {})).toEqual([]);
    expect(requests.length).toBe(before);
  });

  it('checkConnection sends one GET for an empty window with the token, and passes', async () => {
    mode = 'ok';
    const before = requests.length;
    await expect(restJson.checkConnection!(block(), context())).resolves.toBeUndefined();
    expect(requests.length).toBe(before + 1);
    const url = new URL(requests.at(-1)!.url!, backend.url);
    expect(url.searchParams.get('created_after')).toBe(url.searchParams.get('created_before'));
    expect(requests.at(-1)!.headers.authorization).toBe('Bearer s3cret');
  });

  it('checkConnection fails clearly when the token is refused, the answer has no orders array, or the backend is down', async () => {
    mode = 'ok';
    const refused = await restJson.checkConnection!(block(), context({ SHOP_TOKEN: 'wrong' })).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(BackendUnreachableError);
    expect((refused as Error).message).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(String(refused)).not.toContain('wrong');
    await expect(restJson.checkConnection!(block({ ordersPath: 'orders' }), context())).rejects.toThrow("orders endpoint answer has no array at 'orders' (orders.ordersPath).");
    const down = await startLocalServer(() => undefined);
    const url = `${down.url}/api/orders`;
    await down.close();
    await expect(restJson.checkConnection!(block({ url }), context())).rejects.toThrow(/unreachable \(ECONNREFUSED\)/);
  });
});
