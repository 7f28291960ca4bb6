import { randomBytes } from 'node:crypto';

export const RESTORE_PATH_PREFIX = '/cart/restore/';
export const RESTORE_TTL_MS = 60 * 60 * 1000;
const MAX_LINKS = 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * "Continue on another device" links: a random token naming a snapshot of the cart lines, kept
 * in memory for an hour. The link carries nothing else, on purpose: a journey that moves from
 * the phone that clicked an ad to a desktop loses the click ids, which is the cross-device
 * attribution gap an audit should measure.
 */
export class CartRestoreLinks {
  private readonly links = new Map<string, { cart: string; expires: number }>();

  /** A fresh token for these serialized lines (`SKU1:2|SKU3:1`). */
  create(cart: string, now = Date.now()): string {
    for (const [token, entry] of this.links) if (entry.expires < now) this.links.delete(token);
    if (this.links.size >= MAX_LINKS) {
      const oldest = this.links.keys().next().value;
      if (oldest !== undefined) this.links.delete(oldest);
    }
    const token = randomBytes(16).toString('base64url');
    this.links.set(token, { cart, expires: now + RESTORE_TTL_MS });
    return token;
  }

  /** The serialized lines behind a token, or undefined when unknown, malformed or expired. Reusable until it expires. */
  resolve(token: string, now = Date.now()): string | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const entry = this.links.get(token);
    return entry && entry.expires >= now ? entry.cart : undefined;
  }
}
