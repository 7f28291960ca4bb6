import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import csv from '../../src/orders/sources/csv.ts';
import { BackendUnreachableError } from '../../src/orders/define-order-source.ts';

// Real export files in a temp dir, written the way back offices write them.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tagwatch-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Paris is UTC+1 in November: 05:00 local = 04:00Z.
const query = { from: new Date('2026-11-26T03:59:00Z'), to: new Date('2026-11-26T04:10:00Z'), runId: 'RUN-7f3a' };
const context = { env: {}, timeoutMs: 2000 };

/** A French ERP export: BOM, CRLF, ';', decimal comma with space grouping, local dd/mm/yyyy times, multi-line quoted notes. */
const frenchExport = [
  'N° commande;Date;E-mail client;Montant TTC;Devise;Remarques',
  'FA-2026-0412;26/11/2026 05:01;marie.dupont@example.fr;49,90;EUR;',
  'FA-2026-0413;26/11/2026 05:02;tagwatch+RUN-7f3a-1@example.com;1 234,50;EUR;"Livraison ""express""',
  'porte B; 2e étage"',
  'FA-2026-0414;26/11/2026 05:03;"tagwatch+RUN-7f3a-2@example.com";64,80;EUR;"ligne 1\r\nligne 2"',
  'FA-2026-0415;26/11/2026 05:04;tagwatch+RUN-0001-1@example.com;19,00;EUR;autre run',
  'FA-2026-0398;26/11/2026 04:40;tagwatch+RUN-7f3a-0@example.com;64,80;EUR;avant la fenêtre',
  'FA-2026-0420;26/11/2026 05:30;tagwatch+RUN-7f3a-9@example.com;64,80;EUR;après la fenêtre',
  '',
].join('\r\n');
const frenchSettings = {
  columns: { id: 'N° commande', total: 'Montant TTC', currency: 'Devise', createdAt: 'Date', stamp: 'E-mail client' },
  dateFormat: 'dd/mm/yyyy hh:mm',
  timeZone: 'Europe/Paris',
};

describe('csv order source', () => {
  it('reads a ; separated, decimal-comma, BOM + CRLF export with multi-line quoted notes, keeping the run\'s orders of the window', async () => {
    const file = exportFile('commandes.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(frenchExport, 'utf8')]));
    const orders = await csv.fetchOrders(query, { ...frenchSettings, file }, context);
    expect(orders).toEqual([
      { id: 'FA-2026-0413', total: 1234.5, currency: 'EUR', createdAt: '2026-11-26T04:02:00.000Z', stamp: 'tagwatch+RUN-7f3a-1@example.com' },
      { id: 'FA-2026-0414', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:03:00.000Z', stamp: 'tagwatch+RUN-7f3a-2@example.com' },
    ]);
  });

  it('reads a tab separated export with the default columns, ISO times, "1,234.50", and a relative path', async () => {
    const file = exportFile(
      'orders.tsv',
      [
        'id\tcreated_at\temail\ttotal\tcurrency\tnote',
        '5001\t2026-11-26T04:01:00Z\tj.smith@example.co.uk\t310.00\tGBP\t',
        '5002\t2026-11-26T05:02:03.250+01:00\ttagwatch+RUN-7f3a-1@example.com\t1,234.50\tGBP\t"gift, wrapped"',
        '5003\t2026-11-26 04:05:00\ttagwatch+RUN-7f3a-2@example.com\t64.80\tGBP\tno offset: UTC',
        '5004\t2026-11-26T04:20:00Z\ttagwatch+RUN-7f3a-3@example.com\t64.80\tGBP\tafter the window',
      ].join('\n'),
    );
    const orders = await csv.fetchOrders(query, { file: relative(process.cwd(), file) }, context);
    expect(orders).toEqual([
      { id: '5002', total: 1234.5, currency: 'GBP', createdAt: '2026-11-26T04:02:03.250Z', stamp: 'tagwatch+RUN-7f3a-1@example.com' },
      { id: '5003', total: 64.8, currency: 'GBP', createdAt: '2026-11-26T04:05:00.000Z', stamp: 'tagwatch+RUN-7f3a-2@example.com' },
    ]);
  });

  it('reads shipping method, payment method and coupon codes from the columns the mapping names', async () => {
    const file = exportFile(
      'with-methods.csv',
      [
        'N° commande;Date;E-mail client;Montant TTC;Devise;Transporteur;Paiement;Codes promo',
        'FA-2026-0413;26/11/2026 05:02;tagwatch+RUN-7f3a-1@example.com;64,80;EUR;Colissimo Express;PayPal;BIENVENUE10, NOEL',
        'FA-2026-0414;26/11/2026 05:03;tagwatch+RUN-7f3a-2@example.com;19,90;EUR;;Carte bancaire;',
      ].join('\n'),
    );
    const columns = { ...frenchSettings.columns, shippingMethod: 'Transporteur', paymentMethod: 'Paiement', coupons: 'Codes promo' };
    const [express, card] = await csv.fetchOrders(query, { ...frenchSettings, columns, file }, context);
    expect(express).toMatchObject({ id: 'FA-2026-0413', shippingMethod: 'Colissimo Express', paymentMethod: 'PayPal', coupons: ['BIENVENUE10', 'NOEL'] });
    // An empty coupon cell is no coupon; an empty carrier cell is unknown, never guessed.
    expect(card).toMatchObject({ id: 'FA-2026-0414', paymentMethod: 'Carte bancaire', coupons: [] });
    expect(card).not.toHaveProperty('shippingMethod');
    // Line items are not in a one-row-per-order export: never read.
    expect(express).not.toHaveProperty('lines');

    // A named column the header lacks is a mapping mistake, reported like the required ones.
    const error = await csv.fetchOrders(query, { ...frenchSettings, columns: { ...columns, coupons: 'Coupons' }, file }, context).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/has no column "Coupons" \(orders\.columns\.coupons\)/);
  });

  it('uses orders.currency when the export has no currency column', async () => {
    const file = exportFile('no-currency.csv', 'id,total,created_at,email\n7,"12,00",2026-11-26T04:00:00Z,tagwatch+RUN-7f3a@example.com\n');
    await expect(csv.fetchOrders(query, { file, currency: 'EUR' }, context)).resolves.toEqual([
      { id: '7', total: 12, currency: 'EUR', createdAt: '2026-11-26T04:00:00.000Z', stamp: 'tagwatch+RUN-7f3a@example.com' },
    ]);
  });

  it('a missing column names the file, the header it looked for and the headers found', async () => {
    const file = exportFile('missing-column.csv', 'id;total;currency;created_at;customer\n1;2,00;EUR;2026-11-26T04:00:00Z;x@example.com\n');
    const error = await csv.fetchOrders(query, { file }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toBe(
      `order export ${file} has no column "email" (orders.columns.stamp). Its header line has "id", "total", "currency", "created_at", "customer" (split on ';'): map orders.columns to these names, or set orders.delimiter.`,
    );
  });

  it('a total that is not a number is reported with file:line (counting line breaks inside quotes) and the column', async () => {
    const file = exportFile('bad-total.csv', frenchExport.replace('64,80;EUR;"ligne 1', 'soixante;EUR;"ligne 1'));
    await expect(csv.fetchOrders(query, { ...frenchSettings, file }, context)).rejects.toThrow(
      `${file}:5: total "soixante" (column "Montant TTC") is not a number (expected digits such as 1 234,50 or 1,234.50, without a currency sign): check that orders.columns.total names the amount column.`,
    );
  });

  it('"1,234" alone is ambiguous unless the file\'s other totals show the decimal separator', async () => {
    const rows = (extra: string) => `id,total,currency,created_at,email\n1,"1,234",EUR,2026-11-26T04:00:00Z,tagwatch+RUN-7f3a@example.com\n${extra}`;
    const ambiguous = exportFile('ambiguous.csv', rows(''));
    await expect(csv.fetchOrders(query, { file: ambiguous }, context)).rejects.toThrow(`${ambiguous}:2: total "1,234" (column "total") could be read with '.' or ',' as the decimal separator: set orders.decimal to '.' or ','.`);
    await expect(csv.fetchOrders(query, { file: ambiguous, decimal: ',' }, context)).resolves.toMatchObject([{ total: 1.234 }]);
    const resolved = exportFile('resolved.csv', rows('2,"10,50",EUR,2026-11-26T04:00:00Z,someone@example.com\n'));
    await expect(csv.fetchOrders(query, { file: resolved }, context)).resolves.toMatchObject([{ total: 1.234 }]);
  });

  it('a missing file is BackendUnreachableError naming the path: the export may not be written yet', async () => {
    const file = join(dir, 'not-yet.csv');
    const error = await csv.fetchOrders(query, { file }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toMatch(new RegExp(`^order export ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(orders\\.file\\) does not exist \\(yet\\)`));
  });

  it('a half-written export (quote never closed) and a Latin-1 file read as UTF-8 are unreadable, with what to do', async () => {
    const half = exportFile('half.csv', 'id,total,currency,created_at,email,note\n1,2.00,EUR,2026-11-26T04:00:00Z,tagwatch+RUN-7f3a@example.com,"started\n');
    await expect(csv.fetchOrders(query, { file: half }, context)).rejects.toThrow(`${half}:2: a quoted field opened on this line is never closed`);
    const latin1 = exportFile('latin1.csv', Buffer.from('id;total;currency;created_at;email;client\n1;2,00;EUR;2026-11-26T04:00:00Z;tagwatch+RUN-7f3a@example.com;Müller\n', 'latin1'));
    await expect(csv.fetchOrders(query, { file: latin1 }, context)).rejects.toThrow(/is not valid UTF-8: .*orders\.encoding to 'windows-1252'/);
    await expect(csv.fetchOrders(query, { file: latin1, encoding: 'windows-1252' }, context)).resolves.toMatchObject([{ id: '1', total: 2 }]);
  });

  it('an unreadable time names file:line and the expected format', async () => {
    const file = exportFile('bad-date.csv', 'id,total,currency,created_at,email\n1,2.00,EUR,26/11/2026 05:00,tagwatch+RUN-7f3a@example.com\n');
    await expect(csv.fetchOrders(query, { file }, context)).rejects.toThrow(`${file}:2: createdAt "26/11/2026 05:00" (column "created_at") is not a time in orders.dateFormat 'iso'`);
  });

  it('bad settings are reported per field before a run', () => {
    expect(csv.validateSettings!({ file: 'exports/orders.csv' })).toEqual([]);
    expect(csv.validateSettings!({ delimiter: '||', decimal: ' ', dateFormat: 'yyyy/mm/dd', timeZone: 'Mars/Olympus' })).toEqual([
      expect.stringMatching(/^orders\.file: the path of the order export/),
      expect.stringMatching(/^orders\.delimiter: 'auto', or one character/),
      expect.stringMatching(/^orders\.decimal: /),
      expect.stringMatching(/^orders\.dateFormat: /),
      expect.stringMatching(/^orders\.timeZone: an IANA time zone/),
    ]);
  });

  it('the whole block is checked: common fields pass, an unknown field or column mapping is named with its path', () => {
    const block = { source: 'csv', waitSeconds: 30, cleanup: false, file: 'exports/orders.csv' };
    expect(csv.validateSettings!(block)).toEqual([]);
    expect(csv.validateSettings!({ ...block, path: 'exports/orders.csv' })).toEqual([
      "orders.path: unknown field for order source 'csv' (its fields: file, columns, delimiter, decimal, currency, dateFormat, timeZone, encoding, cleanup, source, waitSeconds): remove it, or use one of these",
    ]);
    expect(csv.validateSettings!({ ...block, columns: { email: 'E-mail' } })).toEqual([
      "orders.columns.email: unknown field for order source 'csv' (the fields of orders.columns: id, total, currency, createdAt, stamp, shippingMethod, paymentMethod, coupons, device, channel, lineItems): remove it, or use one of these",
    ]);
  });

  it('cleanup is refused: an export file has nothing to cancel', () => {
    expect(csv.validateSettings!({ file: 'exports/orders.csv', cleanup: true })).toEqual([
      'orders.cleanup: the csv source cannot clean up test orders (a read-only export; cancel them in the back office that writes it); remove cleanup',
    ]);
    expect(csv.cleanupOrders).toBeUndefined();
  });
});

describe('csv order source: before the journeys', () => {
  it('needs no credentials', () => {
    expect(csv.credentialProblems).toBeUndefined();
  });

  it('a missing export passes the check: the back office may write it after the journeys', async () => {
    await expect(csv.checkConnection!({ file: join(dir, 'written-later.csv') }, context)).resolves.toBeUndefined();
    const empty = exportFile('empty-for-now.csv', '');
    await expect(csv.checkConnection!({ file: empty }, context)).resolves.toBeUndefined();
  });

  it('an existing export must be readable and have the mapped columns in its header line', async () => {
    const good = exportFile('check-good.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(frenchExport, 'utf8')]));
    await expect(csv.checkConnection!({ ...frenchSettings, file: good }, context)).resolves.toBeUndefined();

    const error = await csv.checkConnection!({ file: good }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnreachableError);
    expect((error as Error).message).toMatch(new RegExp(`^order export .*check-good\\.csv has no column "id" \\(orders\\.columns\\.id\\) and no column "total"`));
    expect((error as Error).message).toContain('Its header line has "N° commande", "Date", "E-mail client", "Montant TTC", "Devise", "Remarques" (split on \';\')');

    const latin1 = exportFile('check-latin1.csv', Buffer.from('id;total;currency;created_at;email;client\n1;2,00;EUR;2026-11-26T04:00:00Z;x@example.com;Müller\n', 'latin1'));
    await expect(csv.checkConnection!({ file: latin1 }, context)).rejects.toThrow(/is not valid UTF-8: .*orders\.encoding to 'windows-1252'/);
    await expect(csv.checkConnection!({ file: latin1, encoding: 'windows-1252' }, context)).resolves.toBeUndefined();

    await expect(csv.checkConnection!({ file: dir }, context)).rejects.toThrow(/\(orders\.file\) cannot be read \(EISDIR\): check that it is a file this user may read/);
  });
});
