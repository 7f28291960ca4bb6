import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import postgres from '../../src/orders/sources/postgres.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { startLocalServer } from '../support/local-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

// A real PostgreSQL server (npm test: bin/with-postgres.sh; locally: a throwaway cluster) with a shop's
// orders table: other customers, this run's test orders, another run's, and orders outside the window.
let db: TestDatabase;

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
  db = await createTestDatabase('orders_postgres');
  await sql(`
    CREATE TABLE shop_orders (
      order_no bigint PRIMARY KEY,
      grand_total numeric(12, 2) NOT NULL,
      currency char(3) NOT NULL,
      placed_at timestamptz NOT NULL,
      billing_email text NOT NULL,
      status text NOT NULL DEFAULT 'processing'
    );
    INSERT INTO shop_orders (order_no, grand_total, currency, placed_at, billing_email) VALUES
      (100231, 49.90, 'EUR', '2026-11-26 04:01:12+00', 'marie.dupont@example.fr'),
      (100232, 1234.50, 'EUR', '2026-11-26 05:00:00.123456+01', 'tagwatch+RUN-7f3a-1@example.com'),
      (100233, 64.80, 'EUR', '2026-11-26 04:02:30+00', 'tagwatch+RUN-7f3a-2@example.com'),
      (100234, 19.00, 'EUR', '2026-11-26 04:03:00+00', 'tagwatch+RUN-0001-1@example.com'),
      (100228, 64.80, 'EUR', '2026-11-26 03:40:00+00', 'tagwatch+RUN-7f3a-0@example.com'),
      (100240, 64.80, 'EUR', '2026-11-26 04:30:00+00', 'tagwatch+RUN-7f3a-9@example.com'),
      (100235, 310.00, 'GBP', '2026-11-26 04:04:00+00', 'j.smith@example.co.uk');
    -- Line items, shipping and payment of the shop's orders (what a lost order may have in common).
    CREATE TABLE shop_order_items (order_no bigint, sku text, title text, family text, qty integer, unit_price numeric(12, 2));
    INSERT INTO shop_order_items VALUES
      (100232, 'TEE-M', 'Organic tee', 'Apparel', 2, 24.00),
      (100232, 'TOTE', 'Canvas tote', 'Bags', 1, 18.00),
      (100233, 'MUG', 'Mug', 'Home', 1, 14.00);
    CREATE TABLE shop_order_checkout (order_no bigint, carrier text, gateway text, voucher_codes text[]);
    INSERT INTO shop_order_checkout VALUES
      (100232, 'express', 'paypal', ARRAY['WELCOME10']),
      (100233, 'standard', 'card', ARRAY[]::text[]);
    -- A legacy table: local-less timestamps, text ids, amounts in cents.
    CREATE TABLE legacy_orders (ref text, cents integer, created timestamp, note text);
    INSERT INTO legacy_orders VALUES
      ('L-1', 6480, '2026-11-26 04:05:06.5', 'test order tagwatch RUN-7f3a'),
      ('L-2', 999, '2026-11-26 04:05:07', NULL);
  `);
});
afterAll(async () => {
  await db?.drop();
});

const query = { from: new Date('2026-11-26T03:59:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN-7f3a' };
const context = (url = db.url, timeoutMs = 5000) => ({ env: { TAGWATCH_ORDERS_DATABASE_URL: url }, timeoutMs });
const select = `
  SELECT order_no AS id, grand_total AS total, currency, placed_at AS created_at, billing_email AS stamp, status
  FROM shop_orders
  WHERE placed_at BETWEEN $1 AND $2
  ORDER BY order_no`;
const withPassword = (password: string, url = db.url) => Object.assign(new URL(url), { password }).toString();

describe('postgres order source', () => {
  it('runs the user\'s query on the window and keeps only this run\'s stamped orders, numeric and timestamps converted', async () => {
    const orders = await postgres.fetchOrders(query, { query: select }, context());
    expect(orders).toEqual([
      { id: '100232', total: 1234.5, currency: 'EUR', createdAt: '2026-11-26T04:00:00.123Z', stamp: 'tagwatch+RUN-7f3a-1@example.com', status: 'processing' },
      { id: '100233', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:02:30.000Z', stamp: 'tagwatch+RUN-7f3a-2@example.com', status: 'processing' },
    ]);
  });

  it('reads line items (json_agg), shipping and payment method and coupons (text[]) when the SELECT returns them', async () => {
    const withAttributes = `
      SELECT o.order_no AS id, o.grand_total AS total, o.currency, o.placed_at AS created_at, o.billing_email AS stamp,
             c.carrier AS shipping_method, c.gateway AS payment_method, c.voucher_codes AS coupons,
             (SELECT json_agg(json_build_object('sku', i.sku, 'name', i.title, 'category', i.family, 'quantity', i.qty, 'unit_price', i.unit_price) ORDER BY i.sku)
                FROM shop_order_items i WHERE i.order_no = o.order_no) AS line_items
      FROM shop_orders o LEFT JOIN shop_order_checkout c ON c.order_no = o.order_no
      WHERE o.placed_at BETWEEN $1 AND $2
      ORDER BY o.order_no`;
    const [big, small] = await postgres.fetchOrders(query, { query: withAttributes }, context());
    expect(big).toMatchObject({
      id: '100232',
      lines: [
        { sku: 'TEE-M', name: 'Organic tee', category: 'Apparel', quantity: 2, unitPrice: 24 },
        { sku: 'TOTE', name: 'Canvas tote', category: 'Bags', quantity: 1, unitPrice: 18 },
      ],
      shippingMethod: 'express',
      paymentMethod: 'paypal',
      coupons: ['WELCOME10'],
    });
    expect(small).toMatchObject({ id: '100233', lines: [{ sku: 'MUG', name: 'Mug', category: 'Home', quantity: 1, unitPrice: 14 }], shippingMethod: 'standard', coupons: [] });
    // Without those columns (the first test's SELECT) nothing is guessed.
    const [plain] = await postgres.fetchOrders(query, { query: select }, context());
    expect(Object.keys(plain!).sort()).toEqual(['createdAt', 'currency', 'id', 'stamp', 'status', 'total']);
  });

  it('passes the run id as $3, reads zone-less timestamps as UTC, takes the env variable orders.urlEnv names', async () => {
    const orders = await postgres.fetchOrders(
      query,
      {
        urlEnv: 'SHOP_DB_URL',
        query: `SELECT ref AS id, cents / 100.0 AS total, 'EUR' AS currency, created AS created_at, note AS stamp
                FROM legacy_orders WHERE created >= $1 AND created < $2 AND note LIKE '%' || $3 || '%'`,
      },
      { env: { SHOP_DB_URL: db.url }, timeoutMs: 5000 },
    );
    expect(orders).toEqual([{ id: 'L-1', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:05:06.500Z', stamp: 'test order tagwatch RUN-7f3a' }]);
  });

  it('names the missing columns and how to alias them', async () => {
    const missing = `SELECT order_no, grand_total AS total, currency, placed_at AS created_at, billing_email FROM shop_orders WHERE placed_at BETWEEN $1 AND $2`;
    await expect(postgres.fetchOrders(query, { query: missing }, context())).rejects.toThrow(
      'orders.query returned the columns order_no, total, currency, created_at, billing_email but not id, stamp: alias them in its SELECT, e.g. <your column> AS id, <your column> AS stamp.',
    );
  });

  it('a SQL error quotes the server and points at orders.query', async () => {
    const error = await postgres.fetchOrders(query, { query: select.replace('FROM shop_orders', 'FROM shop_order') }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toMatch(/^orders\.query failed on 127\.0\.0\.1:\d+\/tagwatch_orders_postgres_\w+: ERROR 42P01: relation "shop_order" does not exist \(at character \d+\)\. Fix the monitor's orders\.query\.$/);
  });

  it('runs the query read-only: a write is refused and nothing changes', async () => {
    const writing = `WITH touched AS (UPDATE shop_orders SET status = 'hacked' RETURNING *)
      SELECT order_no AS id, grand_total AS total, currency, placed_at AS created_at, billing_email AS stamp FROM touched WHERE placed_at BETWEEN $1 AND $2`;
    await expect(postgres.fetchOrders(query, { query: writing }, context())).rejects.toThrow(/tried to write, but it runs in a READ ONLY transaction/);
    const { rows } = await sql(`SELECT count(*)::int AS n FROM shop_orders WHERE status = 'hacked'`);
    expect(rows[0].n).toBe(0);
  });

  it('a query slower than the audit\'s time limit is cancelled by the server', async () => {
    const slow = select.replace('FROM shop_orders', 'FROM shop_orders, pg_sleep(5)');
    await expect(postgres.fetchOrders(query, { query: slow }, context(db.url, 1000))).rejects.toThrow(/ran longer than 1000 ms .*statement timeout/);
  });

  it('wrong password, unknown database, refused port, unset env variable are BackendUnreachableError with what to check, never the password', async () => {
    const password = new URL(db.url).password;
    expect(password.length).toBeGreaterThan(3);
    const down = await startLocalServer(() => undefined);
    const closedPort = new URL(down.url).port;
    await down.close();
    const unknownDb = Object.assign(new URL(db.url), { pathname: '/no_such_shop' }).toString();
    const closed = Object.assign(new URL(db.url), { port: closedPort }).toString();

    const errors = await Promise.all([
      postgres.fetchOrders(query, { query: select }, context(withPassword('wrong-password'))).catch((e: Error) => e),
      postgres.fetchOrders(query, { query: select }, context(unknownDb)).catch((e: Error) => e),
      postgres.fetchOrders(query, { query: select }, context(closed)).catch((e: Error) => e),
      postgres.fetchOrders(query, { query: select }, { env: {}, timeoutMs: 5000 }).catch((e: Error) => e),
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(BackendUnreachableError);
    const [wrongPassword, noDatabase, refused, unset] = errors.map((error) => (error as Error).message);
    expect(wrongPassword).toMatch(/^orders database 127\.0\.0\.1:\d+\/\w+ refused the password of user "\w+" \(28P01\): check the password in TAGWATCH_ORDERS_DATABASE_URL\.$/);
    expect(noDatabase).toMatch(/^orders database "no_such_shop" does not exist on 127\.0\.0\.1:\d+ \(3D000\): check the database name/);
    expect(refused).toBe(`orders database 127.0.0.1:${closedPort}/${new URL(db.url).pathname.slice(1)} refused the connection (ECONNREFUSED): check that PostgreSQL is running there and that host and port in TAGWATCH_ORDERS_DATABASE_URL are right.`);
    expect(unset).toMatch(/^orders\.urlEnv: environment variable TAGWATCH_ORDERS_DATABASE_URL is not set/);
    for (const error of errors) {
      expect(String((error as Error).stack)).not.toContain(password);
      expect(String((error as Error).stack)).not.toContain('wrong-password');
    }
  });

  it('cleanupQuery cancels exactly the run\'s orders and returns the affected row count', async () => {
    const cleanupQuery = `UPDATE shop_orders SET status = 'cancelled' WHERE order_no::text = ANY($1) AND status <> 'cancelled'`;
    const orders = await postgres.fetchOrders(query, { query: select }, context());
    expect(await postgres.cleanupOrders!(orders, { query: select, cleanupQuery }, context())).toBe(2);
    expect(await postgres.cleanupOrders!(orders, { query: select, cleanupQuery }, context())).toBe(0);
    const { rows } = await sql(`SELECT order_no::text AS id FROM shop_orders WHERE status = 'cancelled' ORDER BY 1`);
    expect(rows.map((row) => row.id)).toEqual(['100232', '100233']);
    await expect(postgres.cleanupOrders!(orders, { query: select }, context())).rejects.toThrow(/^orders\.cleanupQuery is not set/);
  });

  it('bad settings are reported per field before a run, never echoing a connection string', () => {
    expect(postgres.validateSettings!({ query: select })).toEqual([]);
    expect(postgres.validateSettings!({})).toEqual([expect.stringMatching(/^orders\.query: a SQL SELECT returning id, total/)]);
    expect(postgres.validateSettings!({ query: 'SELECT * FROM shop_orders' })).toEqual([expect.stringMatching(/^orders\.query: must filter the audit window with \$1 \(start\) and \$2 \(end\)/)]);
    expect(postgres.validateSettings!({ query: `${select} AND billing_email = $4` })).toEqual([expect.stringMatching(/^orders\.query: uses \$4: only \$1/)]);
    const problems = postgres.validateSettings!({ query: select, urlEnv: 'postgres://shop:hunter22@db/shop', cleanupQuery: 'DELETE FROM shop_orders' });
    expect(problems).toEqual([
      expect.stringMatching(/^orders\.urlEnv: the name of an environment variable/),
      expect.stringMatching(/^orders\.cleanupQuery: must use \$1/),
    ]);
    expect(problems.join('\n')).not.toContain('hunter22');
  });

  it('the whole block is checked: common fields pass, unknown ones are named, cleanup needs cleanupQuery', () => {
    const block = { source: 'postgres', waitSeconds: 5, cleanup: false, query: select };
    expect(postgres.validateSettings!(block)).toEqual([]);
    const problems = postgres.validateSettings!({ ...block, url: 'postgres://shop:hunter22@db/shop' });
    expect(problems).toEqual([
      "orders.url: unknown field for order source 'postgres' (its fields: urlEnv, query, periodQuery, cleanupQuery, cleanup, source, waitSeconds): did you mean urlEnv?",
    ]);
    expect(postgres.validateSettings!({ ...block, cleanup: true })).toEqual([expect.stringMatching(/^orders\.cleanupQuery: required when cleanup is true: an UPDATE or DELETE taking \$1/)]);
    expect(postgres.validateSettings!({ ...block, cleanup: 'delete' })).toEqual([expect.stringMatching(/^orders\.cleanup: true \(run orders\.cleanupQuery on the run's order ids\) or false/)]);
    expect(postgres.validateSettings!({ ...block, cleanup: true, cleanupQuery: `DELETE FROM shop_orders WHERE order_no::text = ANY($1)` })).toEqual([]);
  });
});

describe('postgres order source: before the journeys', () => {
  const settings = { source: 'postgres', waitSeconds: 5, cleanup: false, query: select };

  it('credentials: an unset variable, or one that is not a postgres:// URL, is reported without its value', () => {
    expect(postgres.credentialProblems!(settings, {})).toEqual([
      'orders.urlEnv: environment variable TAGWATCH_ORDERS_DATABASE_URL is not set: export the orders database connection string (postgres://USER:PASSWORD@HOST:5432/DATABASE) before the audit',
    ]);
    const mysql = 'mysql://shop:hunter22@db/shop';
    const lines = [
      ...postgres.credentialProblems!(settings, { TAGWATCH_ORDERS_DATABASE_URL: mysql }),
      ...postgres.credentialProblems!({ ...settings, urlEnv: 'SHOP_DB' }, { SHOP_DB: 'hunter22 at db' }),
    ];
    expect(lines).toEqual([
      'orders.urlEnv: environment variable TAGWATCH_ORDERS_DATABASE_URL holds a URL that is not postgres:// or postgresql://: expected postgres://USER:PASSWORD@HOST:5432/DATABASE',
      'orders.urlEnv: environment variable SHOP_DB does not hold a connection string: expected postgres://USER:PASSWORD@HOST:5432/DATABASE',
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter22|mysql/);
    expect(postgres.credentialProblems!(settings, { TAGWATCH_ORDERS_DATABASE_URL: db.url })).toEqual([]);
  });

  it('checkConnection connects and runs SELECT 1 on the real server', async () => {
    await expect(postgres.checkConnection!(settings, context())).resolves.toBeUndefined();
  });

  it('checkConnection fails clearly on a wrong password or a closed port, never with the password', async () => {
    const down = await startLocalServer(() => undefined);
    const closedPort = new URL(down.url).port;
    await down.close();
    const closed = Object.assign(new URL(db.url), { port: closedPort }).toString();
    const [wrongPassword, refused] = await Promise.all([
      postgres.checkConnection!(settings, context(withPassword('wrong-password'))).catch((e: Error) => e),
      postgres.checkConnection!(settings, context(closed)).catch((e: Error) => e),
    ]);
    expect(wrongPassword).toBeInstanceOf(BackendUnreachableError);
    expect((wrongPassword as Error).message).toMatch(/refused the password of user "\w+" \(28P01\): check the password in TAGWATCH_ORDERS_DATABASE_URL\.$/);
    expect((refused as Error).message).toMatch(new RegExp(`^orders database 127\\.0\\.0\\.1:${closedPort}/\\w+ refused the connection \\(ECONNREFUSED\\)`));
    for (const error of [wrongPassword, refused]) expect(String((error as Error).stack)).not.toMatch(new RegExp(`${new URL(db.url).password}|wrong-password`));
  });
});
