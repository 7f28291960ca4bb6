import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import postgres from '../../src/orders/sources/postgres.ts';
import { UserError } from '../../src/user-error.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { expectNoPersonalData, expectWholePeriod, periodQuery, shopMonth, type ShopOrder } from '../support/period-orders.ts';

// The real PostgreSQL server of the order source tests (bin/with-postgres.sh, or a throwaway
// cluster), holding a shop's month: customers' e-mails, names and addresses, tagwatch's test
// orders, orders on both sides of the period.
let db: TestDatabase;
const month: ShopOrder[] = shopMonth();

async function sql(text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('orders_period');
  await sql(`
    CREATE TABLE shop_orders (
      order_no bigint PRIMARY KEY,
      grand_total numeric(12, 2) NOT NULL,
      currency char(3) NOT NULL,
      placed_at timestamptz NOT NULL,
      billing_email text NOT NULL,
      billing_name text NOT NULL,
      billing_address text NOT NULL,
      carrier text,
      gateway text,
      voucher_codes text[],
      device_type text,
      sales_channel text
    );
    CREATE TABLE shop_order_items (order_no bigint, sku text, qty integer);
  `);
  const rows = month.map((o) => ({
    order_no: Number(o.id),
    grand_total: o.total,
    currency: o.currency,
    placed_at: o.createdAt,
    billing_email: o.email,
    billing_name: o.customerName,
    billing_address: o.address,
    carrier: o.shippingMethod,
    gateway: o.paymentMethod,
    voucher_codes: o.coupons,
    device_type: o.device,
    sales_channel: o.channel,
  }));
  await sql(`INSERT INTO shop_orders SELECT * FROM json_populate_recordset(NULL::shop_orders, $1)`, [JSON.stringify(rows)]);
  const items = month.flatMap((o) => Array.from({ length: o.lineItems }, (_, i) => ({ order_no: Number(o.id), sku: `SKU-${i}`, qty: 1 + (i % 2) })));
  await sql(`INSERT INTO shop_order_items SELECT * FROM json_populate_recordset(NULL::shop_order_items, $1)`, [JSON.stringify(items)]);
});
afterAll(async () => {
  await db?.drop();
});

const context = () => ({ env: { TAGWATCH_ORDERS_DATABASE_URL: db.url }, timeoutMs: 10_000 });
// The audit's SELECT: other customers' rows come back too, the source keeps the run's stamped ones.
const auditQuery = `
  SELECT order_no AS id, grand_total AS total, currency, placed_at AS created_at, billing_email AS stamp
  FROM shop_orders WHERE placed_at BETWEEN $1 AND $2`;
const periodSelect = `
  SELECT o.order_no AS id, o.grand_total AS total, o.currency, o.placed_at AS created_at, o.billing_email AS stamp,
         o.carrier AS shipping_method, o.gateway AS payment_method, o.voucher_codes AS coupons,
         o.device_type AS device, o.sales_channel AS channel,
         (SELECT count(*) FROM shop_order_items i WHERE i.order_no = o.order_no)::int AS line_items
  FROM shop_orders o WHERE o.placed_at >= $1 AND o.placed_at < $2`;

describe('postgres order source: the real orders of a period', () => {
  it('orders.periodQuery: every real order of 30 days with its attributes, test orders left out, no e-mail in the result', async () => {
    const orders = await postgres.fetchPeriodOrders!(periodQuery(), { query: `${auditQuery} AND billing_email LIKE '%' || $3 || '%'`, periodQuery: periodSelect }, context());

    expectWholePeriod(orders, month);
    const source = month.find((o) => o.id === orders[0]!.id)!;
    const read = orders.find((o) => o.id === source.id)!;
    expect(read).toEqual({
      id: source.id,
      createdAt: source.createdAt,
      total: source.total,
      currency: 'EUR',
      lineItems: source.lineItems,
      shippingMethod: source.shippingMethod,
      paymentMethod: source.paymentMethod,
      coupons: source.coupons,
      device: source.device,
      channel: source.channel,
    });
  });

  it('reuses orders.query when it takes no run id: its BETWEEN includes the period end, the read does not', async () => {
    const orders = await postgres.fetchPeriodOrders!(periodQuery(), { query: auditQuery }, context());

    expectWholePeriod(orders, month);
    // The audit query selects no optional column: nothing is guessed.
    expect(Object.keys(orders[0]!).sort()).toEqual(['createdAt', 'currency', 'id', 'total']);
  });

  it('counts line items from a json_agg list, and reads no e-mail even when the SELECT returns one', async () => {
    const withList = `
      SELECT o.order_no AS id, o.grand_total AS total, o.currency, o.placed_at AS created_at, o.billing_email AS email,
             o.billing_email AS stamp, o.billing_name AS name, o.billing_address AS address, o.gateway AS payment_method,
             (SELECT json_agg(json_build_object('sku', i.sku, 'quantity', i.qty)) FROM shop_order_items i WHERE i.order_no = o.order_no) AS line_items
      FROM shop_orders o WHERE o.placed_at >= $1 AND o.placed_at < $2`;
    const orders = await postgres.fetchPeriodOrders!(periodQuery(), { query: auditQuery, periodQuery: withList }, context());

    expectWholePeriod(orders, month);
    for (const order of orders) expect(order.lineItems).toBe(month.find((o) => o.id === order.id)!.lineItems);
    expectNoPersonalData(orders);
  });

  it('an audit query that filters by the run id ($3) and no periodQuery: a clear error naming orders.periodQuery', async () => {
    const error = await postgres.fetchPeriodOrders!(periodQuery(), { query: `${auditQuery} AND billing_email LIKE '%' || $3 || '%'` }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^orders\.query filters by the run id \(\$3\), so it cannot list every order of a period: add orders\.periodQuery, a SELECT .* taking only \$1 \(period start, included\) and \$2 \(period end, excluded\)/);
  });

  it('validates orders.periodQuery like the other settings', () => {
    expect(postgres.validateSettings!({ query: auditQuery, periodQuery: `${periodSelect} AND o.billing_email NOT LIKE $3` })).toEqual([
      expect.stringMatching(/^orders\.periodQuery: must use \$1 \(period start\) and \$2 \(period end\) and nothing else \(there is no run id in a period read\), e\.g\. SELECT /),
    ]);
    expect(postgres.validateSettings!({ query: auditQuery, periodQuery: '  ' })[0]).toMatch(/^orders\.periodQuery: a SQL SELECT returning id, total, currency, created_at, stamp for a period/);
    expect(postgres.validateSettings!({ query: auditQuery, periodQuery: periodSelect })).toEqual([]);
  });

  it('a periodQuery missing the stamp column is refused: test orders could not be told apart', async () => {
    const noStamp = periodSelect.replace('o.billing_email AS stamp,', '');
    await expect(postgres.fetchPeriodOrders!(periodQuery(), { query: auditQuery, periodQuery: noStamp }, context())).rejects.toThrow(
      /^orders\.periodQuery returned the columns .* but not stamp: alias them in its SELECT, e\.g\. <your column> AS stamp\.$/,
    );
  });
});
