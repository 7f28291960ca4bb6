import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import restJson from '../../src/orders/sources/rest-json.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { startLocalServer } from '../support/local-server.ts';
import { expectWholePeriod, periodQuery, PERIOD, shopMonth, type ShopOrder } from '../support/period-orders.ts';

// A back office's JSON orders endpoint holding a month: bearer token, its own field names, the
// customer's e-mail, name and address in every order, and the two paging styles such APIs use:
// a `links.next` URL (JSON:API, DRF) and page numbers. A second server stands for another host.
const month: ShopOrder[] = shopMonth();
const TOKEN = 's3cret-period';
const seen: { path: string; query: URLSearchParams; authorization?: string }[] = [];

function asJson(o: ShopOrder) {
  return {
    ref: o.id,
    placed_at: o.createdAt,
    amount: { total: o.total.toFixed(2), currency: o.currency },
    customer: { email: o.email, name: o.customerName, address: o.address },
    item_count: o.lineItems,
    items: Array.from({ length: o.lineItems }, (_, i) => ({ sku: `SKU-${i}`, name: `Product ${i}`, quantity: 1 })),
    delivery: { mode: o.shippingMethod },
    payment: { method: o.paymentMethod },
    vouchers: o.coupons.map((code) => ({ code })),
    context: { device: o.device, channel: o.channel },
  };
}

let backend: Awaited<ReturnType<typeof startLocalServer>>;
let elsewhere: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  elsewhere = await startLocalServer((req, res) => {
    seen.push({ path: `elsewhere${req.url}`, query: new URL(req.url ?? '/', 'http://x').searchParams, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ orders: [], links: { next: null } }));
  });
  backend = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://backoffice');
    seen.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    // The endpoint's window includes both ends, as many do.
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const to = Date.parse(url.searchParams.get('to') ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to)) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"from and to are required"}');
    const inWindow = month.filter((o) => Date.parse(o.createdAt) >= from && Date.parse(o.createdAt) <= to);
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/api/linked-orders') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = inWindow.slice(offset, offset + 100);
      const next = offset + 100 < inWindow.length ? `/api/linked-orders?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), offset: String(offset + 100) })}` : null;
      return json({ orders: page.map(asJson), links: { next } });
    }
    if (url.pathname === '/api/paged-orders') {
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('limit') ?? 25);
      return json({ data: { items: inWindow.slice((page - 1) * size, page * size).map(asJson) } });
    }
    if (url.pathname === '/api/leaky-orders') return json({ orders: [], links: { next: `${elsewhere.url}/steal` } });
    res.writeHead(404).end();
  });
});
afterAll(async () => {
  await backend?.close();
  await elsewhere?.close();
});

const fields = {
  id: 'ref',
  total: 'amount.total',
  currency: 'amount.currency',
  createdAt: 'placed_at',
  stamp: 'customer.email',
  lines: 'items',
  shippingMethod: 'delivery.mode',
  paymentMethod: 'payment.method',
  coupons: 'vouchers',
  device: 'context.device',
  channel: 'context.channel',
};
const context = { env: { ORDERS_TOKEN: TOKEN }, timeoutMs: 5000 };

describe('rest-json order source: the real orders of a period', () => {
  it('follows links.next to the last page, leaves out test orders (fields.stamp), copies no e-mail, name or address', async () => {
    seen.length = 0;
    const orders = await restJson.fetchPeriodOrders!(
      periodQuery(),
      { url: `${backend.url}/api/linked-orders`, tokenEnv: 'ORDERS_TOKEN', fields, pagination: { nextPath: 'links.next' } },
      context,
    );

    expectWholePeriod(orders, month);
    // 424 orders in the endpoint's inclusive window (the one at the end too), 100 a page: five pages, the token on each.
    expect(seen.map((r) => r.query.get('offset'))).toEqual([null, '100', '200', '300', '400']);
    expect(seen.every((r) => r.authorization === `Bearer ${TOKEN}` && r.query.get('from') === PERIOD.from.toISOString())).toBe(true);
    const shop = month.find((o) => o.coupons.length > 0 && Date.parse(o.createdAt) >= PERIOD.from.getTime())!;
    expect(orders.find((o) => o.id === shop.id)).toEqual({
      id: shop.id,
      createdAt: shop.createdAt,
      total: shop.total,
      currency: 'EUR',
      lineItems: shop.lineItems,
      shippingMethod: shop.shippingMethod,
      paymentMethod: shop.paymentMethod,
      coupons: ['WELCOME10'],
      device: shop.device,
      channel: shop.channel,
    });
  });

  it('pages by number until a short page, a line count field read as is', async () => {
    seen.length = 0;
    const orders = await restJson.fetchPeriodOrders!(
      periodQuery(),
      {
        url: `${backend.url}/api/paged-orders`,
        tokenEnv: 'ORDERS_TOKEN',
        ordersPath: 'data.items',
        fields: { id: 'ref', total: 'amount.total', currency: 'amount.currency', createdAt: 'placed_at', stamp: 'customer.email', lineCount: 'item_count' },
        pagination: { pageParam: 'page', perPageParam: 'limit', perPage: 100 },
      },
      context,
    );

    expectWholePeriod(orders, month);
    expect(seen.map((r) => `${r.query.get('page')}/${r.query.get('limit')}`)).toEqual(['1/100', '2/100', '3/100', '4/100', '5/100']);
    for (const order of orders.slice(0, 20)) expect(order.lineItems).toBe(month.find((o) => o.id === order.id)!.lineItems);
  });

  it('more pages than orders.pagination.maxPages: an error, never part of the period', async () => {
    const settings = { url: `${backend.url}/api/linked-orders`, tokenEnv: 'ORDERS_TOKEN', fields, pagination: { nextPath: 'links.next', maxPages: 3 } };
    const error = await restJson.fetchPeriodOrders!(periodQuery(), settings, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toMatch(/has more than 3 pages for 2026-10-01T00:00:00\.000Z to 2026-10-31T00:00:00\.000Z: raise orders\.pagination\.maxPages\.$/);
  });

  it('a next link to another host gets no token', async () => {
    seen.length = 0;
    await restJson.fetchPeriodOrders!(periodQuery(), { url: `${backend.url}/api/leaky-orders`, tokenEnv: 'ORDERS_TOKEN', fields, pagination: { nextPath: 'links.next' } }, context);
    expect(seen.map((r) => [r.path, r.authorization])).toEqual([
      ['/api/leaky-orders', `Bearer ${TOKEN}`],
      ['elsewhere/steal', undefined],
    ]);
  });

  it('validates orders.pagination with the field paths', () => {
    const base = { url: 'https://backoffice.example/api/orders' };
    expect(restJson.validateSettings!({ ...base, pagination: { nextPath: 'links.next', pageParam: 'page' } })).toEqual([
      "orders.pagination: either nextPath (the answer's field holding the next page's URL or cursor, e.g. 'links.next') or pageParam (the page number parameter, e.g. 'page'), not both",
    ]);
    expect(restJson.validateSettings!({ ...base, pagination: { pageParam: 'page', perPageParam: 'limit' } })).toEqual([
      'orders.pagination.perPage: perPageParam and perPage go together: the parameter name and the page size, e.g. per_page and 100',
    ]);
    expect(restJson.validateSettings!({ ...base, pagination: { pageParam: 'page', size: 10 } })[0]).toMatch(/^orders\.pagination\.size: unknown field/);
  });
});
