import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredOrder } from './orders-store.ts';

export const RECEIPT_COOKIE = 'ds_receipt';
const RECEIPT_TTL_MS = 60 * 60 * 1000;
const MAX_UNSAVED = 500;

/**
 * Who may see a confirmation page, and what it shows when the order never reached the backend.
 * The buyer's browser gets a signed, short-lived receipt cookie naming the order: other visitors
 * guessing /order/DS-100002 see nothing. Orders that were not saved (fault `order-not-saved`)
 * live here in memory only, for the receipt's lifetime, so the page still renders them.
 */
export class Receipts {
  private readonly secret = randomBytes(32);
  private readonly unsaved = new Map<string, { order: StoredOrder; expires: number }>();

  sign(orderId: string, now = Date.now()): string {
    const expires = now + RECEIPT_TTL_MS;
    const payload = `${orderId}.${expires}`;
    return `${payload}.${this.mac(payload)}`;
  }

  /** The order id the cookie vouches for, or undefined when missing, forged or expired. */
  verify(cookie: string | undefined, now = Date.now()): string | undefined {
    if (!cookie) return undefined;
    const match = /^(.+)\.(\d+)\.([0-9a-f]{64})$/.exec(cookie);
    if (!match) return undefined;
    const [, orderId, expires, mac] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.mac(`${orderId}.${expires}`), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return undefined;
    return Number(expires) >= now ? orderId : undefined;
  }

  rememberUnsaved(order: StoredOrder, now = Date.now()): void {
    for (const [id, entry] of this.unsaved) if (entry.expires < now) this.unsaved.delete(id);
    if (this.unsaved.size >= MAX_UNSAVED) {
      const oldest = this.unsaved.keys().next().value;
      if (oldest !== undefined) this.unsaved.delete(oldest);
    }
    this.unsaved.set(order.id, { order, expires: now + RECEIPT_TTL_MS });
  }

  unsavedOrder(id: string, now = Date.now()): StoredOrder | undefined {
    const entry = this.unsaved.get(id);
    return entry && entry.expires >= now ? entry.order : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('hex');
  }
}
