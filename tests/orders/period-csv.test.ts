import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import csv from '../../src/orders/sources/csv.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';
import { expectWholePeriod, periodQuery, shopMonth, type ShopOrder } from '../support/period-orders.ts';

// A back office's month export: one row per order with the customer's e-mail, name and address,
// semicolons and decimal commas as a French ERP writes them.
let dir: string;
const month: ShopOrder[] = shopMonth();
const header = ['Order', 'Created', 'Amount', 'Currency', 'E-mail', 'Customer', 'Address', 'Items', 'Carrier', 'Payment', 'Vouchers', 'Device', 'Channel'];
const quote = (text: string) => (/[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const row = (o: ShopOrder) =>
  [o.id, o.createdAt, o.total.toFixed(2).replace('.', ','), o.currency, o.email, o.customerName, o.address, String(o.lineItems), o.shippingMethod, o.paymentMethod, o.coupons.join('|'), o.device, o.channel]
    .map(quote)
    .join(';');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tagwatch-period-csv-'));
  writeFileSync(join(dir, 'orders.csv'), [header.join(';'), ...month.map(row)].join('\r\n') + '\r\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = { id: 'Order', createdAt: 'Created', total: 'Amount', currency: 'Currency', stamp: 'E-mail', shippingMethod: 'Carrier', paymentMethod: 'Payment', coupons: 'Vouchers', device: 'Device', channel: 'Channel', lineItems: 'Items' };

describe('csv order source: the real orders of a period', () => {
  it('every row of the 30 days with its mapped attributes, test orders (stamp column) left out, no e-mail, name or address copied', async () => {
    const orders = await csv.fetchPeriodOrders!(periodQuery(), { file: join(dir, 'orders.csv'), columns }, { env: {}, timeoutMs: 5000 });

    expectWholePeriod(orders, month);
    const source = month.find((o) => !o.test && o.coupons.length > 0 && Date.parse(o.createdAt) >= periodQuery().from.getTime())!;
    expect(orders.find((o) => o.id === source.id)).toEqual({
      id: source.id,
      createdAt: source.createdAt,
      total: source.total,
      currency: 'EUR',
      lineItems: source.lineItems,
      shippingMethod: source.shippingMethod,
      paymentMethod: source.paymentMethod,
      coupons: ['WELCOME10'],
      device: source.device,
      channel: source.channel,
    });
  });

  it('without the optional columns mapped, only id, time, total and currency are read', async () => {
    const orders = await csv.fetchPeriodOrders!(periodQuery(), { file: join(dir, 'orders.csv'), columns: { id: 'Order', createdAt: 'Created', total: 'Amount', currency: 'Currency', stamp: 'E-mail' } }, { env: {}, timeoutMs: 5000 });
    expectWholePeriod(orders, month);
    expect(Object.keys(orders[0]!).sort()).toEqual(['createdAt', 'currency', 'id', 'total']);
  });

  it('a row of the period whose total cannot be read is an error naming its line; rows outside the period are not judged', async () => {
    const file = join(dir, 'broken.csv');
    const inside = month.find((o) => o.createdAt.startsWith('2026-10-15'))!;
    const outside = month.find((o) => o.createdAt.startsWith('2026-11-'))!;
    const lines = month.map((o) => (o === outside ? row({ ...o, total: 0 }).replace(';0,00;', ';n/a;') : row(o)));
    writeFileSync(file, [header.join(';'), ...lines].join('\n'));
    await expect(csv.fetchPeriodOrders!(periodQuery(), { file, columns }, { env: {}, timeoutMs: 5000 })).resolves.toHaveLength(420);

    const at = month.indexOf(inside);
    lines[at] = row({ ...inside, total: 0 }).replace(';0,00;', ';n/a;');
    writeFileSync(file, [header.join(';'), ...lines].join('\n'));
    const error = await csv.fetchPeriodOrders!(periodQuery(), { file, columns }, { env: {}, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toContain(`broken.csv:${at + 2}: total "n/a" (column "Amount") is not a number`);
  });
});
