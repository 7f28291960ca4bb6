import type { Client, CustomTypesConfig } from 'pg';
import { z } from 'zod';
import type { Order } from '../../model/order.ts';
import { codesOf, inPeriod, isTestOrderIn, knownAttributes, linesOf, realOrder, textOf, type OrderAttributes } from '../order-attributes.ts';
import type { RealOrder } from '../../compare/model.ts';
import { UserError } from '../../user-error.ts';
import { BackendUnreachableError, defineOrderSource, type OrderSourceContext } from '../define-order-source.ts';
import { cleanupSwitch, envProblem, envVariableName, orderSettingsSchema, parseSettings, settingsProblems, validSettings } from '../source-settings.ts';

/** Columns orders.query must return, under these names. */
const REQUIRED_COLUMNS = ['id', 'total', 'currency', 'created_at', 'stamp'] as const;

/** $n placeholders the SQL uses, ignoring string literals, quoted names and comments. */
function placeholders(sql: string): number[] {
  const code = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return [...new Set([...code.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);
}

const PERIOD_EXAMPLE = 'SELECT id, total, currency, created_at, email AS stamp, payment_method FROM orders WHERE created_at >= $1 AND created_at < $2';

const CLEANUP_EXAMPLE = "UPDATE orders SET status = 'cancelled' WHERE id::text = ANY($1)";

const settingsSchema = orderSettingsSchema({
  /** Name of the env variable holding the connection string (it carries the password, so never the string itself). */
  urlEnv: envVariableName('the connection string').default('TAGWATCH_ORDERS_DATABASE_URL'),
  /** SELECT returning id, total, currency, created_at, stamp; $1 = window start, $2 = window end, $3 = run id (optional). */
  query: z
    .string({ error: 'a SQL SELECT returning id, total, currency, created_at, stamp, with $1 = window start and $2 = window end' })
    .trim()
    .min(1, 'a SQL SELECT returning id, total, currency, created_at, stamp')
    .superRefine((sql, ctx) => {
      const used = placeholders(sql);
      if (!used.includes(1) || !used.includes(2)) {
        ctx.addIssue({ code: 'custom', message: 'must filter the audit window with $1 (start) and $2 (end), e.g. WHERE created_at BETWEEN $1 AND $2' });
      }
      const unknown = used.filter((n) => n > 3);
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `uses $${unknown.join(', $')}: only $1 (window start), $2 (window end) and $3 (run id) exist` });
    }),
  /**
   * Optional SELECT listing every order of a period for `tagwatch compare`, $1 = period start
   * (included), $2 = period end (excluded), no run id: same columns as query (stamp only to leave
   * the test orders out) plus the optional device, channel, line_items, payment_method,
   * shipping_method, coupons. Needed when query filters by the run id ($3); else query is reused.
   */
  periodQuery: z
    .string({ error: `a SQL SELECT returning id, total, currency, created_at, stamp for a period, e.g. ${PERIOD_EXAMPLE}` })
    .trim()
    .min(1, `a SQL SELECT returning id, total, currency, created_at, stamp for a period, e.g. ${PERIOD_EXAMPLE}`)
    .refine((sql) => placeholders(sql).join() === '1,2', `must use $1 (period start) and $2 (period end) and nothing else (there is no run id in a period read), e.g. ${PERIOD_EXAMPLE}`)
    .optional(),
  /** Optional UPDATE/DELETE for `orders.cleanup`, $1 = text[] of the run's order ids. */
  cleanupQuery: z
    .string()
    .trim()
    .min(1)
    .refine((sql) => placeholders(sql).join() === '1', 'must use $1 (text[] of the run\'s order ids) and nothing else, e.g. UPDATE orders SET status = \'cancelled\' WHERE id = ANY($1)')
    .optional(),
  /** true: run cleanupQuery on the run's test orders once the verdict is reckoned. */
  cleanup: cleanupSwitch('postgres', "run orders.cleanupQuery on the run's order ids"),
}).refine((settings) => !settings.cleanup || settings.cleanupQuery !== undefined, {
  path: ['cleanupQuery'],
  message: `required when cleanup is true: an UPDATE or DELETE taking $1 (text[] of the run's order ids), e.g. ${CLEANUP_EXAMPLE}`,
});
type Settings = z.infer<typeof settingsSchema>;

/** Where the orders live, printable: never the password. */
interface Target {
  url: string;
  password: string;
  user: string;
  host: string;
  database: string;
  /** host:port/database */
  where: string;
}

const URL_SHAPE = 'postgres://USER:PASSWORD@HOST:5432/DATABASE';

/** The connection string of the variable orders.urlEnv names, or the problem with it (never its value). */
function connectionUrl(settings: Settings, env: NodeJS.ProcessEnv): { url: string; parsed: URL } | { problem: string } {
  const unset = envProblem('urlEnv', settings.urlEnv, env, `the orders database connection string (${URL_SHAPE})`);
  if (unset) return { problem: unset };
  const url = env[settings.urlEnv]!.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `orders.urlEnv: environment variable ${settings.urlEnv} does not hold a connection string: expected ${URL_SHAPE}` };
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    // The scheme is not named: whatever the variable holds stays out of messages.
    return { problem: `orders.urlEnv: environment variable ${settings.urlEnv} holds a URL that is not postgres:// or postgresql://: expected ${URL_SHAPE}` };
  }
  return { url, parsed };
}

function targetOf(settings: Settings, env: NodeJS.ProcessEnv): Target {
  const found = connectionUrl(settings, env);
  if ('problem' in found) throw new BackendUnreachableError(found.problem);
  const { url, parsed } = found;
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || '(default)';
  return {
    url,
    password: decodeURIComponent(parsed.password),
    user: decodeURIComponent(parsed.username),
    host,
    database,
    where: `${host}:${parsed.port || '5432'}/${database}`,
  };
}

/** Belt and braces: whatever pg or the server put in a message, the password and the URL do not leave. */
function redacted(message: string, target: Target): string {
  let safe = message.split(target.url).join('***');
  for (const secret of [target.password, encodeURIComponent(target.password)]) {
    if (secret) safe = safe.split(secret).join('***');
  }
  return safe;
}

function connectProblem(error: unknown, target: Target, envName: string, timeoutMs: number): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ECONNREFUSED':
      return `orders database ${target.where} refused the connection (ECONNREFUSED): check that PostgreSQL is running there and that host and port in ${envName} are right.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `orders database host ${target.host} was not found (${code}): check the host in ${envName}.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `orders database ${target.where} is unreachable (${code}): check host and port in ${envName} and the network between this machine and the database.`;
    case '28P01':
      return `orders database ${target.where} refused the password of user "${target.user}" (28P01): check the password in ${envName}.`;
    case '28000':
      return `orders database ${target.where} rejected user "${target.user}" (28000: ${message}): check the user in ${envName} and the server's pg_hba.conf.`;
    case '3D000':
      return `orders database "${target.database}" does not exist on ${target.where.replace(/\/.*$/, '')} (3D000): check the database name in ${envName}.`;
  }
  if (/timeout/i.test(message ?? '')) {
    return `orders database ${target.where} did not answer within ${timeoutMs} ms (connect timeout): check host and port in ${envName} and that the server is up.`;
  }
  return `orders database ${target.where} could not be reached (${code ? `${code}: ` : ''}${message}): check ${envName}.`;
}

function queryProblem(error: unknown, field: string, target: Target, timeoutMs: number, DatabaseError: typeof import('pg').DatabaseError): string {
  if (!(error instanceof DatabaseError)) {
    return `orders database ${target.where}: the connection failed while running ${field} (${(error as Error).message}).`;
  }
  if (error.code === '57014') {
    return `${field} ran longer than ${timeoutMs} ms on ${target.where} and was cancelled (statement timeout): narrow it, or index the columns it filters the window on.`;
  }
  if (error.code === '25006') {
    return field === 'orders.query' || field === 'orders.periodQuery'
      ? `${field} tried to write, but it runs in a READ ONLY transaction: it must only read (cancelling test orders belongs in orders.cleanupQuery).`
      : `${field} cannot write on ${target.where}: the server is read-only (a replica?). Point ${field}'s connection at the primary.`;
  }
  const at = error.position ? ` (at character ${error.position})` : '';
  const hint = error.hint ? ` Hint: ${error.hint}` : '';
  return `${field} failed on ${target.where}: ERROR ${error.code}: ${error.message}${at}.${hint} Fix the monitor's ${field}.`;
}

// Timestamps without time zone come back as text and are read as UTC (the session runs in UTC), not in this machine's zone.
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
const typeParsers = ({ types }: typeof import('pg')): CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID || oid === DATE_OID ? (text: string) => text : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
});

/**
 * Runs `work` in one transaction on a fresh connection with statement and connect timeouts;
 * the connection is always closed. Every failure becomes a BackendUnreachableError.
 */
async function inTransaction<T>(
  settings: Settings,
  context: OrderSourceContext,
  access: 'READ ONLY' | 'READ WRITE',
  field: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const target = targetOf(settings, context.env);
  const timeoutMs = Math.max(1, Math.round(context.timeoutMs));
  // Loaded here, when a monitor reads a PostgreSQL backend: other audits never pay for pg's import.
  const pg = await import('pg');
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: timeoutMs,
    // Client-side backstop for a server that stops answering; the server's statement timeout fires first.
    query_timeout: timeoutMs + 5000,
    application_name: 'tagwatch',
    types: typeParsers(pg),
  });
  // An idle connection error would otherwise crash the process as an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      throw new BackendUnreachableError(redacted(connectProblem(error, target, settings.urlEnv, timeoutMs), target));
    }
    try {
      await client.query(`BEGIN ${access}`);
      await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
      await client.query(`SET LOCAL TimeZone = 'UTC'`);
      const result = await work(client);
      await client.query(access === 'READ ONLY' ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof BackendUnreachableError) throw new BackendUnreachableError(redacted(error.message, target));
      throw new BackendUnreachableError(redacted(queryProblem(error, field, target, timeoutMs, pg.DatabaseError), target));
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // Zone-less text (timestamp, date, or a text column) is UTC, like the session.
  const zoneless = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(text);
  const iso = zoneless ? `${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z` : text.replace(' ', 'T');
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The optional columns a SELECT may add (what the differential diagnosis compares lost and
 * tracked orders on): shipping_method, payment_method, coupons (text[], or text with codes
 * separated by , ; or |) and line_items (json/jsonb array of {sku, name, category, quantity,
 * unit_price}, e.g. from json_agg). A column not selected, or NULL, stays unknown.
 */
function attributesOf(row: Record<string, unknown>): OrderAttributes {
  const coupons = typeof row.coupons === 'string' ? row.coupons.split(/[,;|]/).map((code) => code.trim()).filter(Boolean) : codesOf(row.coupons);
  let items = row.line_items;
  if (typeof items === 'string') {
    try {
      items = JSON.parse(items) as unknown;
    } catch {
      items = undefined;
    }
  }
  return knownAttributes({
    lines: linesOf(items, (item) => ({ sku: item.sku, name: item.name, category: item.category, quantity: item.quantity, unitPrice: item.unit_price })),
    shippingMethod: textOf(row.shipping_method),
    paymentMethod: textOf(row.payment_method),
    coupons,
  });
}

/** id, total, currency and created_at of a row, checked; `field` names the query to fix. */
function coreOf(row: Record<string, unknown>, field: string): { id: string; total: number; currency: string; createdAt: string } {
  const id = row.id === null || row.id === undefined ? '' : String(row.id);
  const problem = (what: string) => new BackendUnreachableError(`${field} returned ${what} for order ${id || '(no id)'}; fix the monitor's ${field}.`);
  if (!id) throw problem('no id');
  // numeric and bigint arrive as strings, money as locale text: only plain numbers are accepted.
  const total = typeof row.total === 'number' ? row.total : typeof row.total === 'string' && row.total.trim() !== '' ? Number(row.total) : Number.NaN;
  if (!Number.isFinite(total)) throw problem(`total ${JSON.stringify(row.total)}, not a number (cast it, e.g. amount::numeric AS total)`);
  const currency = typeof row.currency === 'string' ? row.currency.trim() : '';
  if (!currency) throw problem(`no currency (select a column, or a constant such as 'EUR' AS currency)`);
  const createdAt = isoTime(row.created_at);
  if (!createdAt) throw problem(`created_at ${JSON.stringify(row.created_at)}, not a timestamp`);
  return { id, total, currency, createdAt };
}

function toOrder(row: Record<string, unknown>): Order {
  const order: Order = { ...coreOf(row, 'orders.query'), stamp: String(row.stamp) };
  if (typeof row.email === 'string') order.email = row.email;
  if (typeof row.status === 'string') order.status = row.status;
  return { ...order, ...attributesOf(row) };
}

/**
 * A real order of a period: the optional columns as fetchOrders reads them, line_items either a
 * count (integer) or the json array, plus device and channel. stamp and email are read only to
 * recognise test orders (by the caller) and never copied.
 */
function toRealOrder(row: Record<string, unknown>, field: string): RealOrder {
  const { lines, shippingMethod, paymentMethod, coupons } = attributesOf(row);
  return realOrder({
    ...coreOf(row, field),
    lineItems: lines ?? row.line_items,
    shippingMethod,
    paymentMethod,
    coupons,
    device: row.device,
    channel: row.channel,
  });
}

/** The columns a SELECT must return, or the error saying which to alias. */
function checkColumns(fields: { name: string }[], field: string): void {
  const columns = fields.map((column) => column.name);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length) {
    throw new BackendUnreachableError(
      `${field} returned the columns ${columns.join(', ') || '(none)'} but not ${missing.join(', ')}: alias them in its SELECT, e.g. ${missing.map((column) => `<your column> AS ${column}`).join(', ')}.`,
    );
  }
}

/**
 * The shop's own PostgreSQL database (WooCommerce on Postgres, a custom back office, a reporting
 * replica): the user's SELECT, read-only, with the connection string from an env variable.
 */
export default defineOrderSource({
  id: 'postgres',
  description: 'a SQL query on the shop\'s PostgreSQL database (read-only, connection string from an env variable)',
  validateSettings(rawSettings) {
    return settingsProblems(settingsSchema, rawSettings, 'postgres');
  },
  credentialProblems(rawSettings, env) {
    const settings = validSettings(settingsSchema, rawSettings);
    const found = settings && connectionUrl(settings, env);
    return found && 'problem' in found ? [found.problem] : [];
  },
  /** Connects the way fetchOrders does (read-only transaction, same timeouts) and runs SELECT 1. */
  async checkConnection(rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'postgres');
    await inTransaction(settings, context, 'READ ONLY', 'the connection check (SELECT 1)', (client) => client.query('SELECT 1'));
  },
  async fetchOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'postgres');
    // Postgres refuses values for placeholders a statement does not use: send $3 only when the query takes it.
    const values = [query.from.toISOString(), query.to.toISOString(), query.runId].slice(0, Math.max(...placeholders(settings.query)));
    return inTransaction(settings, context, 'READ ONLY', 'orders.query', async (client) => {
      const result = await client.query<Record<string, unknown>>(settings.query, values);
      checkColumns(result.fields, 'orders.query');
      // Other customers' rows are not ours to judge: only the run's test orders are converted.
      return result.rows.filter((row) => row.stamp !== null && row.stamp !== undefined && String(row.stamp).includes(query.runId)).map(toOrder);
    });
  },
  /**
   * Every order of the period: orders.periodQuery with $1 = start and $2 = end, or else
   * orders.query when it takes no run id ($3). Rows whose stamp (or email column) carries a run
   * stamp are test orders and left out; stamp and email are never copied. The end is excluded
   * here too, whatever the SELECT's comparison (BETWEEN includes it).
   */
  async fetchPeriodOrders(query, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'postgres');
    if (settings.periodQuery === undefined && placeholders(settings.query).includes(3)) {
      throw new UserError(
        `orders.query filters by the run id ($3), so it cannot list every order of a period: add orders.periodQuery, a SELECT of the same columns taking only $1 (period start, included) and $2 (period end, excluded), e.g. ${PERIOD_EXAMPLE} (docs/order-sources.md).`,
      );
    }
    const sql = settings.periodQuery ?? settings.query;
    const field = settings.periodQuery === undefined ? 'orders.query' : 'orders.periodQuery';
    const values = [query.from.toISOString(), query.to.toISOString()].slice(0, Math.max(...placeholders(sql)));
    return inTransaction(settings, context, 'READ ONLY', field, async (client) => {
      const result = await client.query<Record<string, unknown>>(sql, values);
      checkColumns(result.fields, field);
      const orders: RealOrder[] = [];
      for (const row of result.rows) {
        if (isTestOrderIn([row.stamp, row.email], query.isTestOrder)) continue;
        const order = toRealOrder(row, field);
        if (inPeriod(order.createdAt, query)) orders.push(order);
      }
      return orders;
    });
  },
  async cleanupOrders(orders, rawSettings, context) {
    const settings = parseSettings(settingsSchema, rawSettings, 'postgres');
    if (!settings.cleanupQuery) {
      throw new BackendUnreachableError(
        `orders.cleanupQuery is not set, so the postgres source cannot cancel the test orders: add an UPDATE or DELETE taking $1 (text[] of order ids), e.g. cleanupQuery: "${CLEANUP_EXAMPLE}", or drop orders.cleanup.`,
      );
    }
    if (orders.length === 0) return 0;
    const cleanupQuery = settings.cleanupQuery;
    return inTransaction(settings, context, 'READ WRITE', 'orders.cleanupQuery', async (client) => {
      const result = await client.query(cleanupQuery, [orders.map((order) => order.id)]);
      return result.rowCount ?? 0;
    });
  },
});
