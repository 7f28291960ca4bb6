import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OrderItem {
  sku: string;
  name: string;
  /** The product's category; absent in orders stored before categories were recorded. */
  category?: string;
  /** Unit price in currency units. */
  price: number;
  quantity: number;
}

export type OrderStatus = 'paid' | 'cancelled';

export interface StoredOrder {
  id: string;
  status: OrderStatus;
  createdAt: string;
  cancelledAt?: string;
  email: string;
  name: string;
  shippingAddress: { address: string; city: string; postalCode: string };
  items: OrderItem[];
  subtotal: number;
  /** What coupons took off the items, in currency units (absent: none). */
  discount?: number;
  shipping: number;
  total: number;
  currency: string;
  /** 'standard' or 'express' (absent in older orders: standard). */
  shippingMethod?: string;
  /** 'card', 'paypal' or 'invoice' (absent in older orders: card). */
  paymentMethod?: string;
  /** Coupon codes applied, upper case (absent in older orders: none). */
  coupons?: string[];
  /** Last four digits only, card payments only: the demo never keeps a card number. */
  cardLast4?: string;
}

export interface OrderQuery {
  /** Inclusive lower bound on createdAt. */
  from?: Date;
  /** Inclusive upper bound on createdAt. */
  to?: Date;
  /** Case-insensitive substring of the e-mail. */
  q?: string;
}

interface OrdersFile {
  version: 1;
  /** The number the next order id gets; ids are never reused, even for orders never saved. */
  nextNumber: number;
  orders: StoredOrder[];
}

export const ORDERS_FILE = 'orders.json';
const FIRST_NUMBER = 100001;

export interface OrdersStoreHooks {
  /** Called after the temp file is written and before it replaces orders.json; tests throw here to simulate a crash. */
  beforeCommit?: (tempPath: string) => void;
}

/**
 * Orders persisted in `<dataDir>/orders.json`. Every operation reads the file afresh, so the
 * orders API always answers with what is on disk at request time, even if another process
 * edited it, and a shop restarted on the same dataDir continues the id sequence. Writes go to a
 * temp file that is fsynced then renamed over the old one: a crash leaves either the old file or
 * the new one, never half of one. The sync calls also make each read-modify-write atomic within
 * this process (no await in between); several processes writing one dataDir is not supported.
 */
export class OrdersStore {
  readonly file: string;

  constructor(
    readonly dataDir: string,
    private readonly hooks: OrdersStoreHooks = {},
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, ORDERS_FILE);
    // Fail at start, not at the first order, when the file is unreadable.
    this.read();
  }

  /** Takes the next order id and persists the counter, whether or not the order is saved later. */
  reserveId(): string {
    const data = this.read();
    const id = formatOrderId(data.nextNumber);
    data.nextNumber += 1;
    this.write(data);
    return id;
  }

  add(order: StoredOrder): void {
    const data = this.read();
    if (data.orders.some((existing) => existing.id === order.id)) throw new Error(`Order ${order.id} already exists`);
    data.orders.push(order);
    const number = parseOrderNumber(order.id);
    if (number !== undefined && number >= data.nextNumber) data.nextNumber = number + 1;
    this.write(data);
  }

  get(id: string): StoredOrder | undefined {
    return this.read().orders.find((order) => order.id === id);
  }

  list(query: OrderQuery = {}): StoredOrder[] {
    const from = query.from?.getTime();
    const to = query.to?.getTime();
    const needle = query.q?.toLowerCase();
    return this.read().orders.filter((order) => {
      const created = Date.parse(order.createdAt);
      if (from !== undefined && !(created >= from)) return false;
      if (to !== undefined && !(created <= to)) return false;
      if (needle !== undefined && !order.email.toLowerCase().includes(needle)) return false;
      return true;
    });
  }

  /** Marks the order cancelled (orders are never deleted, like a real backend). Undefined when absent. */
  cancel(id: string, now = new Date()): StoredOrder | undefined {
    const data = this.read();
    const order = data.orders.find((candidate) => candidate.id === id);
    if (!order) return undefined;
    if (order.status !== 'cancelled') {
      order.status = 'cancelled';
      order.cancelledAt = now.toISOString();
      this.write(data);
    }
    return order;
  }

  count(): number {
    return this.read().orders.length;
  }

  private read(): OrdersFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, nextNumber: FIRST_NUMBER, orders: [] };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${this.file} is not valid JSON; not touching it (move it away to start with an empty store)`);
    }
    if (!isOrdersFile(parsed)) throw new Error(`${this.file} does not look like a demo shop orders file`);
    return parsed;
  }

  private write(data: OrdersFile): void {
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      const fd = openSync(temp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.hooks.beforeCommit?.(temp);
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

export function formatOrderId(number: number): string {
  return `DS-${number}`;
}

function parseOrderNumber(id: string): number | undefined {
  const match = /^DS-(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

function isOrdersFile(value: unknown): value is OrdersFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<OrdersFile>;
  return Number.isInteger(candidate.nextNumber) && Array.isArray(candidate.orders);
}
