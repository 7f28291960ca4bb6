import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ObservedFigure } from '../model/gap.ts';
import { UserError } from '../user-error.ts';

/**
 * A ratio as people write it: 0.78 or 78%. Above 10 it is almost surely a percentage without its
 * sign; a platform reporting ten times the real orders is not a figure to explain.
 */
function parseRatio(text: string): number | string {
  const trimmed = text.trim();
  const isPercent = trimmed.endsWith('%');
  const digits = isPercent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(digits)) return `'${text.trim()}' is not a number (write 0.78 or 78%)`;
  const value = Number(digits) / (isPercent ? 100 : 1);
  if (!(value > 0)) return `the ratio must be above 0 (got ${trimmed}): a platform that reports nothing is a broken tag, see the loss table`;
  if (value > 10) return `${trimmed} would mean ${value} platform conversions per real order: for 78% write 0.78 or 78%`;
  return value;
}

/** `ga4=0.78,meta=71%`: platform conversions / backend orders per vendor. */
export function parseObservedList(text: string): ObservedFigure[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  // ga4=0,78: a decimal comma split the ratio in two; say so before "0 is not above 0".
  const decimalComma = items.find((item) => /^\d+%?$/.test(item));
  if (decimalComma) throw new Error(`'${decimalComma}': expected vendor=ratio; write decimals with a point (0.78): commas separate vendors`);
  const figures: ObservedFigure[] = [];
  for (const item of items) {
    const at = item.indexOf('=');
    const vendor = at < 0 ? '' : item.slice(0, at).trim();
    if (!vendor) throw new Error(`'${item}': expected vendor=ratio, e.g. ga4=0.78 (platform conversions / backend orders)`);
    const ratio = parseRatio(item.slice(at + 1));
    if (typeof ratio === 'string') throw new Error(`${vendor}: ${ratio}`);
    figures.push({ vendor, ratio, source: `--observed ${vendor}=${item.slice(at + 1).trim()}` });
  }
  if (!figures.length) throw new Error('expected vendor=ratio pairs, e.g. ga4=0.78,meta=0.71');
  return figures;
}

const COUNT_COLUMNS = ['vendor', 'backend_orders', 'platform_conversions'];
const RATIO_COLUMNS = ['vendor', 'ratio'];

/** One CSV field, with its quotes taken off. */
function field(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"').trim() : trimmed;
}

/**
 * A figures file: `vendor,backend_orders,platform_conversions` (counts over the same period) or
 * `vendor,ratio`. Blank lines and lines starting with # are skipped. Errors name file:line.
 */
export function parseObservedCsv(text: string, file: string): ObservedFigure[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows = lines.map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.trim() && !line.trim().startsWith('#'));
  const fail = (number: number, message: string): never => {
    throw new UserError(`${file}:${number}: ${message}`);
  };
  const head = rows.shift();
  if (!head) fail(1, `the file is empty; write a header (${COUNT_COLUMNS.join(',')} or ${RATIO_COLUMNS.join(',')}) and one line per vendor`);
  const header = head!.line.split(',').map((c) => field(c).toLowerCase());
  const sameColumns = (expected: string[]) => header.length === expected.length && expected.every((c) => header.includes(c));
  const counts = sameColumns(COUNT_COLUMNS);
  if (!counts && !sameColumns(RATIO_COLUMNS)) {
    const hint = head!.line.includes(';') ? ' (separate columns with commas, not semicolons)' : '';
    fail(head!.number, `unexpected header '${head!.line.trim()}'${hint}: expected ${COUNT_COLUMNS.join(',')} or ${RATIO_COLUMNS.join(',')}`);
  }
  const column = (name: string) => header.indexOf(name);

  const figures: ObservedFigure[] = [];
  for (const { line, number } of rows) {
    const cells = line.split(',').map(field);
    if (cells.length !== header.length) fail(number, `${cells.length} columns, the header has ${header.length} (${header.join(',')})`);
    const vendor = cells[column('vendor')]!;
    if (!vendor) fail(number, 'the vendor is empty');
    const source = `${file}:${number}`;
    if (!counts) {
      const ratio = parseRatio(cells[column('ratio')]!);
      if (typeof ratio === 'string') fail(number, `ratio: ${ratio}`);
      figures.push({ vendor, ratio: ratio as number, source });
      continue;
    }
    const number_ = (name: string): number => {
      const text = cells[column(name)]!;
      if (!/^\d+(\.\d+)?$/.test(text)) fail(number, `${name}: '${text}' is not a number (digits and a decimal point, no thousands separator)`);
      return Number(text);
    };
    const backendOrders = number_('backend_orders');
    const platformConversions = number_('platform_conversions');
    if (!(backendOrders > 0)) fail(number, 'backend_orders must be above 0: the ratio is platform_conversions / backend_orders');
    if (!(platformConversions > 0)) fail(number, `platform_conversions must be above 0 for ${vendor}: a platform that reports nothing is a broken tag, see the loss table`);
    figures.push({ vendor, ratio: platformConversions / backendOrders, backendOrders, platformConversions, source });
  }
  if (!figures.length) fail(head!.number + 1, 'no vendor lines after the header');
  return figures;
}

/** Reads and parses a figures file. */
export function readObservedFile(file: string): ObservedFigure[] {
  const path = resolve(file);
  if (!existsSync(path)) throw new UserError(`--observed-file: no file ${path}\nWrite a CSV with ${COUNT_COLUMNS.join(',')} (or ${RATIO_COLUMNS.join(',')}) and pass its path.`);
  return parseObservedCsv(readFileSync(path, 'utf8'), file);
}

/** --observed and --observed-file together; a vendor given twice is an error, not a silent override. */
export function observedFigures(inline: ObservedFigure[] = [], file?: string): ObservedFigure[] | undefined {
  const all = [...(file ? readObservedFile(file) : []), ...inline];
  const seen = new Map<string, ObservedFigure>();
  for (const figure of all) {
    const earlier = seen.get(figure.vendor);
    if (earlier) throw new UserError(`observed figures: ${figure.vendor} is given twice (${earlier.source} and ${figure.source}); keep one.`);
    seen.set(figure.vendor, figure);
  }
  return all.length ? all : undefined;
}

/** Observed figures only for vendors the monitor reconciles: anything else is a typo or the wrong monitor. */
export function checkObservedVendors(observed: ObservedFigure[] | undefined, expected: string[]): void {
  const unknown = (observed ?? []).filter((o) => !expected.includes(o.vendor));
  if (!unknown.length) return;
  const list = unknown.map((o) => `'${o.vendor}' (${o.source})`).join(', ');
  throw new UserError(`observed figures: unknown vendor ${list}; this monitor reconciles: ${expected.join(', ')}.\nUse those ids, or add the vendor to the monitor's expect.`);
}
