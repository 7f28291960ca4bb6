import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoShop } from '../../src/demo-shop/index.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A cookie jar good enough for the shop: name=value pairs from Set-Cookie, Max-Age=0 removes. */
export class Jar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(index + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export async function request(shop: DemoShop, path: string, jar: Jar, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${shop.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { cookie: jar.header(), ...(init.body ? FORM : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  jar.absorb(response);
  return response;
}

export interface CheckoutInput {
  email?: string;
  name?: string;
  address?: string;
  city?: string;
  postalCode?: string;
  card?: string;
  /** 'standard' (default when absent) or 'express'. */
  shipping?: string;
  /** 'card' (default when absent), 'paypal' or 'invoice'. */
  payment?: string;
  coupon?: string;
}

export function checkoutBody(input: CheckoutInput = {}): string {
  return new URLSearchParams({
    email: input.email ?? 'buyer@example.com',
    name: input.name ?? 'Ada Lovelace',
    address: input.address ?? '12 Analytical Row',
    city: input.city ?? 'London',
    postalCode: input.postalCode ?? 'N1 9GU',
    card: input.card ?? '4242 4242 4242 4242',
    ...(input.shipping !== undefined ? { shipping: input.shipping } : {}),
    ...(input.payment !== undefined ? { payment: input.payment } : {}),
    ...(input.coupon !== undefined ? { coupon: input.coupon } : {}),
  }).toString();
}

/**
 * Adds to cart (one line, or `lines` for several) then checks out over plain HTTP; returns the
 * checkout response and the jar.
 */
export async function placeOrder(
  shop: DemoShop,
  options: { sku?: string; quantity?: number; lines?: { sku: string; quantity: number }[]; checkout?: CheckoutInput; jar?: Jar } = {},
): Promise<{ response: Response; jar: Jar; orderId: string | undefined }> {
  const jar = options.jar ?? new Jar();
  for (const line of options.lines ?? [{ sku: options.sku ?? 'SKU1', quantity: options.quantity ?? 2 }]) {
    await request(shop, '/cart/add', jar, { method: 'POST', body: `sku=${line.sku}&quantity=${line.quantity}` });
  }
  const response = await request(shop, '/checkout', jar, { method: 'POST', body: checkoutBody(options.checkout) });
  const location = response.headers.get('location') ?? '';
  return { response, jar, orderId: /^\/order\/(DS-\d+)$/.exec(location)?.[1] };
}

/** Closes a shop and removes the temp dataDir it made for itself, so test runs leave no litter. */
export async function closeShop(shop: DemoShop | undefined): Promise<void> {
  if (!shop) return;
  await shop.close();
  if (shop.dataDir.startsWith(join(tmpdir(), 'tagwatch-demo-shop-'))) rmSync(shop.dataDir, { recursive: true, force: true });
}
