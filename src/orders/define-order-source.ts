import type { PeriodQuery, RealOrder } from '../compare/model.ts';
import type { Order } from '../model/order.ts';

/** Which orders to fetch: the audit's time window, and the run stamp the test orders carry. */
export interface OrderQuery {
  from: Date;
  to: Date;
  /** Run id: every test order of the run carries it in its stamp (e-mail alias, note, meta field). */
  runId: string;
}

/** What a source gets besides its own settings from the monitor's `orders` block. */
export interface OrderSourceContext {
  env: NodeJS.ProcessEnv;
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
}

/**
 * An order source: one file src/orders/sources/<id>.ts exporting `defineOrderSource({...})`.
 * `settings` is always the monitor's whole `orders` block: the source's own fields plus the
 * common `source`, `waitSeconds` and `cleanup`.
 */
export interface OrderSourceDefinition {
  /** Equal to the file name in src/orders/sources/. */
  id: string;
  description: string;
  /**
   * Returns the orders of the window that carry the run id. Throws BackendUnreachableError when
   * the backend cannot be read, so the verdict becomes inconclusive instead of "100% loss".
   */
  fetchOrders(query: OrderQuery, settings: Record<string, unknown>, context: OrderSourceContext): Promise<Order[]>;
  /**
   * Problems of the monitor's `orders` block, as `orders.<field>: what is expected` lines; checked
   * before any browser starts. Unknown fields are problems too.
   */
  validateSettings?(settings: Record<string, unknown>): string[];
  /**
   * Credentials the settings name but the environment lacks, as `orders.<field>: environment
   * variable X is not set: what to export` lines. Called only with valid settings, before any
   * browser starts; no network. Never puts a secret's value in a line.
   */
  credentialProblems?(settings: Record<string, unknown>, env: NodeJS.ProcessEnv): string[];
  /**
   * One cheap request before the journeys, bounded by context.timeoutMs: resolves when the
   * backend answers and accepts the credentials, else throws BackendUnreachableError saying what
   * to check. Reads nothing the audit depends on and writes nothing.
   */
  checkConnection?(settings: Record<string, unknown>, context: OrderSourceContext): Promise<void>;
  /**
   * Cancels or deletes the run's test orders (monitor `orders.cleanup: true`), so they leave the
   * business KPIs. Gets only orders fetchOrders returned for this run (they carry the run stamp).
   * Returns how many were cleaned; throws BackendUnreachableError when the backend refuses.
   * Absent: the source cannot clean up (a CSV export, a generic JSON endpoint).
   */
  cleanupOrders?(orders: Order[], settings: Record<string, unknown>, context: OrderSourceContext): Promise<number>;
  /**
   * Every real order of a period (`tagwatch compare`): all the backend took between query.from
   * and query.to, test orders left out (query.isTestOrder on whatever holds a run stamp), with
   * only RealOrder's fields: no e-mail, name or address leaves the source. Reads every page of
   * the backend's answer. Throws BackendUnreachableError when the backend cannot be read.
   * Absent: the source cannot list a period (the comparison says so).
   */
  fetchPeriodOrders?(query: PeriodQuery, settings: Record<string, unknown>, context: OrderSourceContext): Promise<RealOrder[]>;
}

export function defineOrderSource(source: OrderSourceDefinition): OrderSourceDefinition {
  return source;
}

const OPTIONAL_HOOKS = ['validateSettings', 'credentialProblems', 'checkConnection', 'cleanupOrders', 'fetchPeriodOrders'] as const;

/** What an order source file must export besides its id: fetchOrders, and functions for the hooks it sets. */
export function sourceDefinitionProblems(source: Record<string, unknown>): string[] {
  const problems = typeof source.fetchOrders === 'function' ? [] : ['needs a `fetchOrders(query, settings, context)` function'];
  for (const hook of OPTIONAL_HOOKS) {
    if (source[hook] !== undefined && typeof source[hook] !== 'function') problems.push(`\`${hook}\` must be a function (or left out)`);
  }
  return problems;
}

/** The backend could not be read (down, refused credentials, bad answer): inconclusive, not loss. */
export class BackendUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnreachableError';
  }
}
