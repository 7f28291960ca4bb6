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
            { number: 'A-1', amount: { total: '64.80', currency: 'EUR' }, placed_at: '2026-11-26T04:00:00Z', customer: { email: 'tagwatch+RUN1-abc@example.com' } },
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
