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
  /** Orders API of the embedded demo shop, when the audit started one. */
  demoOrdersUrl?: string;
  env: NodeJS.ProcessEnv;
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
}

export interface OrderSourceDefinition {
  /** Equal to the file name in src/orders/sources/. */
  id: string;
  description: string;
  /**
   * Returns the orders of the window that carry the run id. Throws BackendUnreachableError when
   * the backend cannot be read, so the verdict becomes inconclusive instead of "100% loss".
   */
  fetchOrders(query: OrderQuery, settings: Record<string, unknown>, context: OrderSourceContext): Promise<Order[]>;
  /** Problems of the monitor's `orders` block, as `field: what is expected` lines; checked before any browser starts. */
  validateSettings?(settings: Record<string, unknown>): string[];
  /**
   * Cancels or deletes the run's test orders (monitor `orders.cleanup: true`), so they leave the
   * business KPIs. Gets only orders fetchOrders returned for this run (they carry the run stamp).
   * Returns how many were cleaned; throws BackendUnreachableError when the backend refuses.
   * Absent: the source cannot clean up (read-only SQL, CSV export).
   */
  cleanupOrders?(orders: Order[], settings: Record<string, unknown>, context: OrderSourceContext): Promise<number>;
}

export function defineOrderSource(source: OrderSourceDefinition): OrderSourceDefinition {
  return source;
}

/** What an order source file must export besides its id. */
export function orderSourceProblems(source: Record<string, unknown>): string[] {
  return typeof source.fetchOrders === 'function' ? [] : ['needs a `fetchOrders(query, settings, context)` function'];
}

/** The backend could not be read (down, refused credentials, bad answer): inconclusive, not loss. */
export class BackendUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnreachableError';
  }
}
