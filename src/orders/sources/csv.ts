import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { BackendUnreachableError, defineOrderSource } from '../define-order-source.ts';
import { noCleanup, orderSettingsSchema, parseSettings, settingsProblems } from '../source-settings.ts';
import { inPeriod, isTestOrderIn, knownAttributes, realOrder, textOf } from '../order-attributes.ts';
import type { PeriodQuery, RealOrder } from '../../compare/model.ts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DATE_FORMATS = ['iso', 'dd/mm/yyyy hh:mm', 'mm/dd/yyyy hh:mm'] as const;

const settingsSchema = orderSettingsSchema({
  /** The export file; a relative path resolves against the current directory. */
  file: z.string({ error: 'the path of the order export (CSV file)' }).trim().min(1, 'the path of the order export (CSV file)'),
  /** Header names of the columns holding id, total, currency, creation time and the run stamp. */
  columns: z
    .strictObject({
      id: z.string().min(1).default('id'),
      total: z.string().min(1).default('total'),
      currency: z.string().min(1).default('currency'),
      createdAt: z.string().min(1).default('created_at'),
      stamp: z.string().min(1).default('email'),
      /**
       * Optional, read only when named: the shipping method, the payment method and the coupon
       * codes (several in one cell separated by , ; or |; an empty cell is no coupon). What the
       * differential diagnosis compares lost and tracked orders on. Line items are not read: an
       * export has one row per order.
       */
      shippingMethod: z.string().min(1).optional(),
      paymentMethod: z.string().min(1).optional(),
      coupons: z.string().min(1).optional(),
      /**
       * Optional, read only by a period read (`tagwatch compare`): the device ('mobile',
       * 'desktop'...), the sales channel, and the number of line items of the order.
       */
      device: z.string().min(1).optional(),
      channel: z.string().min(1).optional(),
      lineItems: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Field separator; 'auto' picks the most frequent of , ; and tab in the header line. */
  delimiter: z
    .string()
    .refine((c) => c === 'auto' || (c.length === 1 && !'"\r\n'.includes(c)), "'auto', or one character such as ',', ';' or '\\t' (not a quote)")
    .default('auto'),
  /** Decimal separator of totals; 'auto' reads both "1 234,50" and "1,234.50". */
  decimal: z.enum(['auto', '.', ',']).default('auto'),
  /** Currency of every order when the export has no currency column (or an empty cell). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code such as EUR').optional(),
  /** How creation times are written: ISO 8601, or day/month/year with an optional hh:mm[:ss]. */
  dateFormat: z.enum(DATE_FORMATS).default('iso'),
  /** Zone of times written without an offset (every dd/mm/yyyy time): the back office's, e.g. Europe/Paris. */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as UTC or Europe/Paris').default('UTC'),
  /** Text encoding of the file; a UTF-8 byte order mark is dropped. */
  encoding: z.enum(['utf8', 'windows-1252']).default('utf8'),
  /** Only false: there is nothing to cancel in a file. */
  cleanup: noCleanup('csv', 'a read-only export; cancel them in the back office that writes it'),
});
type Settings = z.infer<typeof settingsSchema>;

interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR line ends.
 * Blank lines are skipped. Returns the line of a quoted field left open (a half-written export).
 */
function parseCsv(text: string, delimiter: string): { records: CsvRecord[]; openQuoteLine?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let fieldStarted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '' || fieldStarted) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) return { records, openQuoteLine: quoteLine };
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { records };
}

/** The most frequent of , ; and tab outside quotes in the header line; ',' when none. */
function detectDelimiter(text: string): string {
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const unquoted = headerLine.replace(/"(?:[^"]|"")*"/g, '');
  const counts = [',', ';', '\t'].map((c) => ({ c, n: unquoted.split(c).length - 1 }));
  const best = counts.sort((a, b) => b.n - a.n)[0]!;
  return best.n > 0 ? best.c : ',';
}

type Amount = { value: number } | { ambiguous: true } | undefined;

/**
 * A total as back offices write it: "64.80", "64,80", "1 234,50", "1.234,50", "1,234.50", "1'234.50".
 * With decimal 'auto' the last separator is the decimal one, unless it is the only one and has
 * exactly three digits after it ("1,234"): that one is ambiguous.
 */
function parseAmount(raw: string, decimal: '.' | ',' | undefined): Amount {
  const compact = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^([+-]?)([\d.,]*\d[\d.,]*)$/.exec(compact);
  if (!match) return undefined;
  const [, sign, digits] = match as unknown as [string, string, string];
  let separator = decimal;
  if (!separator) {
    const lastDot = digits.lastIndexOf('.');
    const lastComma = digits.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) separator = lastDot > lastComma ? '.' : ',';
    else if (lastDot < 0 && lastComma < 0) separator = '.';
    else {
      const only = lastDot >= 0 ? '.' : ',';
      const repeated = digits.indexOf(only) !== digits.lastIndexOf(only);
      if (repeated) separator = only === '.' ? ',' : '.';
      else if (digits.length - digits.lastIndexOf(only) - 1 !== 3) separator = only;
      else return { ambiguous: true };
    }
  }
  const group = separator === '.' ? ',' : '.';
  const parts = digits.split(separator);
  if (parts.length > 2) return undefined;
  const [whole, fraction] = parts as [string, string | undefined];
  if (whole.includes(group) && !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return undefined;
  if (!/^\d*$/.test(whole.split(group).join('')) || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  const value = Number(`${sign}${whole.split(group).join('') || '0'}${fraction !== undefined ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? { value } : undefined;
}

/** The file's decimal separator as its unambiguous totals show it, for the ambiguous ones. */
function decimalOfFile(totals: string[]): '.' | ',' | undefined {
  const seen = new Set<'.' | ','>();
  for (const total of totals) {
    // "64,80" reads only with ',', "1,234.50" only with '.'; "120" and "1,234" read either way.
    const withDot = parseAmount(total, '.') !== undefined;
    const withComma = parseAmount(total, ',') !== undefined;
    if (withDot !== withComma) seen.add(withDot ? '.' : ',');
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at that instant. */
function zoneOffset(utcMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(new Date(utcMs)).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in a zone, as an instant (DST-aware). */
function wallTimeToUtc(fields: number[], timeZone: string): number | undefined {
  const [year, month, day, hour = 0, minute = 0, second = 0, ms = 0] = fields as [number, number, number, number?, number?, number?, number?];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // The offset at the guessed instant can differ from the one at the answer around a DST change: look twice.
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

/** ISO 8601 (offset optional) or day/month/year [hh:mm[:ss]] as an ISO instant; undefined when it is not one. */
function parseTime(raw: string, settings: Settings): string | undefined {
  const text = raw.trim();
  let instant: number | undefined;
  if (settings.dateFormat === 'iso') {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
    if (!match) return undefined;
    const [, y, mo, d, h, mi, s, frac, zone] = match;
    const fields = [y, mo, d, h, mi, s].map((v) => Number(v ?? 0));
    fields.push(Number((frac ?? '0').slice(0, 3).padEnd(3, '0')));
    instant = wallTimeToUtc(fields, zone ? 'UTC' : settings.timeZone);
    if (instant !== undefined && zone && zone.toUpperCase() !== 'Z') {
      const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
      instant -= (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0)) * 60_000;
    }
  } else {
    const match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    if (!match) return undefined;
    const [, a, b, y, h, mi, s] = match;
    const [day, month] = settings.dateFormat === 'dd/mm/yyyy hh:mm' ? [a, b] : [b, a];
    instant = wallTimeToUtc([y, month, day, h, mi, s].map((v) => Number(v ?? 0)), settings.timeZone);
  }
  return instant === undefined ? undefined : new Date(instant).toISOString();
}

async function readExport(path: string, encoding: Settings['encoding']): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BackendUnreachableError(`order export ${path} (orders.file) does not exist (yet): check the path, and that the back office writes the export before the audit's wait runs out (orders.waitSeconds).`);
    }
    throw new BackendUnreachableError(`order export ${path} (orders.file) cannot be read (${code ?? (error as Error).message}): check that it is a file this user may read.`);
  }
  try {
    // TextDecoder drops a UTF-8 byte order mark itself.
    return new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'windows-1252', { fatal: true }).decode(bytes);
  } catch {
    throw new BackendUnreachableError(`order export ${path} is not valid UTF-8: if the back office writes Windows/Latin-1 files, set orders.encoding to 'windows-1252'.`);
  }
}

/** The export's delimiter: the configured one, or the most frequent in the header line. */
function delimiterOf(text: string, settings: Settings): string {
  return settings.delimiter === 'auto' ? detectDelimiter(text) : settings.delimiter;
}

/** What the header line lacks of the mapped columns, as the error to show; undefined when every column is there. */
function missingColumnsProblem(path: string, headers: string[], delimiter: string, settings: Settings): string | undefined {
  const missing = (Object.entries(settings.columns) as [keyof Settings['columns'], string | undefined][]).filter(
    ([key, name]) => name !== undefined && !headers.includes(name.trim()) && !(key === 'currency' && settings.currency),
  );
  if (!missing.length) return undefined;
  const shown = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
  const lines = missing.map(([key, name]) => `no column "${name}" (orders.columns.${key}${key === 'currency' ? ', or set orders.currency for a single-currency export' : ''})`);
  return `order export ${path} has ${lines.join(' and ')}. Its header line has ${headers.map((h) => `"${h}"`).join(', ')} (split on ${shown}): map orders.columns to these names${settings.delimiter === 'auto' ? ', or set orders.delimiter' : ''}.`;
}

/** Codes of a coupons cell: several separated by , ; or |, an empty cell is no coupon. */
function couponCodes(cell: string): string[] {
  return cell.split(/[,;|]/).map((code) => code.trim()).filter(Boolean);
}

/** The export read and checked, with what each row says: its mapped cells, its time, its id, total and currency (checked). */
async function readRows(settings: Settings) {
  const path = resolve(settings.file);
  const text = await readExport(path, settings.encoding);
  const delimiter = delimiterOf(text, settings);
  const { records, openQuoteLine } = parseCsv(text, delimiter);
  if (openQuoteLine !== undefined) {
    throw new BackendUnreachableError(`${path}:${openQuoteLine}: a quoted field opened on this line is never closed: the export may still be being written, or a quote is missing.`);
  }
  const [header, ...rows] = records;
  if (!header) throw new BackendUnreachableError(`order export ${path} is empty: the back office may still be writing it.`);

  const headers = header.fields.map((name) => name.trim());
  const missing = missingColumnsProblem(path, headers, delimiter, settings);
  if (missing) throw new BackendUnreachableError(missing);

  const column = (key: keyof Settings['columns']) => {
    const name = settings.columns[key];
    return name === undefined ? -1 : headers.indexOf(name.trim());
  };
  const cell = (row: CsvRecord, key: keyof Settings['columns']) => {
    const at = column(key);
    return at >= 0 ? (row.fields[at] ?? '') : undefined;
  };
  const [idAt, totalAt, currencyAt, createdAt] = [column('id'), column('total'), column('currency'), column('createdAt')];
  const fileDecimal = settings.decimal === 'auto' ? decimalOfFile(rows.map((row) => row.fields[totalAt] ?? '')) : settings.decimal;
  const where = (row: CsvRecord, key: keyof Settings['columns'], value: string) => `${path}:${row.line}: ${key} ${JSON.stringify(value)} (column "${settings.columns[key]}")`;

  /** The row's creation time as an ISO instant; an unreadable time is an error naming the line. */
  const time = (row: CsvRecord): string => {
    const rawTime = row.fields[createdAt] ?? '';
    const parsed = parseTime(rawTime, settings);
    if (!parsed) {
      const example = settings.dateFormat === 'iso' ? '2026-11-26T14:05:00Z' : settings.dateFormat === 'dd/mm/yyyy hh:mm' ? '26/11/2026 14:05' : '11/26/2026 14:05';
      throw new BackendUnreachableError(`${where(row, 'createdAt', rawTime)} is not a time in orders.dateFormat '${settings.dateFormat}' (e.g. ${example}): set orders.dateFormat to one of ${DATE_FORMATS.map((f) => `'${f}'`).join(', ')}.`);
    }
    return parsed;
  };

  const core = (row: CsvRecord): { id: string; total: number; currency: string; createdAt: string } => {
    const id = (row.fields[idAt] ?? '').trim();
    if (!id) throw new BackendUnreachableError(`${where(row, 'id', '')} is empty: every order needs its id.`);
    const rawTotal = row.fields[totalAt] ?? '';
    const amount = parseAmount(rawTotal, settings.decimal === 'auto' ? undefined : settings.decimal);
    let total: number;
    if (amount && 'ambiguous' in amount) {
      const resolved = fileDecimal && parseAmount(rawTotal, fileDecimal);
      if (!resolved || !('value' in resolved)) {
        throw new BackendUnreachableError(`${where(row, 'total', rawTotal)} could be read with '.' or ',' as the decimal separator: set orders.decimal to '.' or ','.`);
      }
      total = resolved.value;
    } else if (amount) total = amount.value;
    else {
      throw new BackendUnreachableError(`${where(row, 'total', rawTotal)} is not a number${settings.decimal === 'auto' ? '' : ` with decimal separator '${settings.decimal}' (orders.decimal)`} (expected digits such as 1 234,50 or 1,234.50, without a currency sign): check that orders.columns.total names the amount column.`);
    }
    const currency = ((currencyAt >= 0 ? row.fields[currencyAt] : undefined) ?? '').trim() || settings.currency;
    if (!currency) throw new BackendUnreachableError(`${where(row, 'currency', '')} is empty: set orders.currency for orders without one.`);
    return { id, total, currency, createdAt: time(row) };
  };

  return { rows, column, cell, time, core };
}

/**
 * An order export file written by an ERP or back office (CSV/TSV): reads it, maps the columns,
 * keeps the run's stamped orders of the window. Read-only: there is nothing to clean up in a file.
 */
export default defineOrderSource({
  id: 'csv',
  description: 'an order export file (CSV/TSV) written by an ERP or back office',
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings, 'csv');
  },
  /**
   * When the export is already there: it is a readable file in orders.encoding whose header
   * line has the mapped columns. A missing (or still empty) file passes: back offices often
   * write the export after the journeys, and fetchOrders waits for it up to orders.waitSeconds.
   */
  async checkConnection(rawSettings) {
    const settings = parseSettings(settingsSchema, rawSettings, 'csv');
    const path = resolve(settings.file);
    const absent = await stat(path).then(
      () => false,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
    );
    if (absent) return;
    const text = await readExport(path, settings.encoding);
    const delimiter = delimiterOf(text, settings);
    const { records, openQuoteLine } = parseCsv(text, delimiter);
    const header = records[0];
    // No complete header line yet (empty, or being written): nothing to check against.
    if (!header || openQuoteLine === header.line) return;
    const problem = missingColumnsProblem(path, header.fields.map((name) => name.trim()), delimiter, settings);
    if (problem) throw new BackendUnreachableError(problem);
  },
  async fetchOrders(query, rawSettings) {
    const settings = parseSettings(settingsSchema, rawSettings, 'csv');
    const file = await readRows(settings);
    const stampAt = file.column('stamp');
    const orders: Order[] = [];
    // Other customers' rows are not ours to judge: only the run's test orders are parsed.
    for (const row of file.rows.filter((candidate) => (candidate.fields[stampAt] ?? '').includes(query.runId))) {
      const core = file.core(row);
      const at = Date.parse(core.createdAt);
      if (at < query.from.getTime() || at > query.to.getTime()) continue;
      const coupons = file.cell(row, 'coupons');
      orders.push({
        ...core,
        stamp: (row.fields[stampAt] ?? '').trim(),
        ...knownAttributes({
          shippingMethod: textOf(file.cell(row, 'shippingMethod')),
          paymentMethod: textOf(file.cell(row, 'paymentMethod')),
          coupons: coupons === undefined ? undefined : couponCodes(coupons),
        }),
      });
    }
    return orders;
  },
  /**
   * Every row of the period (creation time from included, to excluded), whatever its stamp
   * column says, except test orders: the stamp column (e-mail by default) is handed to
   * query.isTestOrder and never copied. A row outside the period is not judged beyond its time.
   */
  async fetchPeriodOrders(query: PeriodQuery, rawSettings) {
    const settings = parseSettings(settingsSchema, rawSettings, 'csv');
    const file = await readRows(settings);
    const orders: RealOrder[] = [];
    for (const row of file.rows) {
      if (!inPeriod(file.time(row), query)) continue;
      if (isTestOrderIn([file.cell(row, 'stamp')], query.isTestOrder)) continue;
      const coupons = file.cell(row, 'coupons');
      orders.push(
        realOrder({
          ...file.core(row),
          shippingMethod: file.cell(row, 'shippingMethod'),
          paymentMethod: file.cell(row, 'paymentMethod'),
          coupons: coupons === undefined ? undefined : couponCodes(coupons),
          device: file.cell(row, 'device'),
          channel: file.cell(row, 'channel'),
          lineItems: file.cell(row, 'lineItems')?.trim(),
        }),
      );
    }
    return orders;
  },
});
