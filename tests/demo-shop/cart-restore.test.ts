import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartRestoreLinks, hashEmail, RESTORE_TTL_MS, startDemoShop } from '../../src/demo-shop/index.ts';
import type { DemoShop } from '../../src/demo-shop/index.ts';
import { closeShop, Jar, placeOrder, request } from './http-helpers.ts';

let shop: DemoShop;

beforeAll(async () => {
  shop = await startDemoShop();
});

afterAll(async () => {
  await closeShop(shop);
});

const LINK = /<a href="([^"]+)"[^>]*>Continue on another device<\/a>/;

describe('CartRestoreLinks', () => {
  it('resolves a token to its cart for one hour, reusable, and nothing for unknown or malformed tokens', () => {
    const links = new CartRestoreLinks();
    const now = Date.parse('2026-01-01T10:00:00Z');
    const token = links.create('SKU1:2|SKU3:1', now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(links.create('SKU1:2|SKU3:1', now)).not.toBe(token);
    expect(links.resolve(token, now + 1000)).toBe('SKU1:2|SKU3:1');
    expect(links.resolve(token, now + RESTORE_TTL_MS)).toBe('SKU1:2|SKU3:1');
    expect(links.resolve(token, now + RESTORE_TTL_MS + 1)).toBeUndefined();
    expect(links.resolve('A'.repeat(22), now)).toBeUndefined();
    expect(links.resolve('../etc', now)).toBeUndefined();
  });
});

describe('cart restore over HTTP', () => {
  it('links an absolute /cart/restore/<token> that fills a cookie-less browser with the same lines', async () => {
    const phone = new Jar();
    expect(await (await request(shop, '/cart', phone)).text()).not.toContain('Continue on another device');
    await request(shop, '/cart/add', phone, { method: 'POST', body: 'sku=SKU3&quantity=3' });
    await request(shop, '/cart/add', phone, { method: 'POST', body: 'sku=SKU1&quantity=1' });
    const cart = await (await request(shop, '/cart', phone)).text();
    const href = LINK.exec(cart)?.[1] ?? '';
    expect(href).toMatch(new RegExp(`^${shop.url.replace(/\./g, '\\.')}/cart/restore/[A-Za-z0-9_-]{22}$`));

    const desktop = new Jar();
    const restored = await request(shop, new URL(href).pathname, desktop);
    expect(restored.status).toBe(303);
    expect(restored.headers.get('location')).toBe('/cart');
    // The cart and nothing else: no click id or other cookie of the first device comes along.
    expect(restored.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual(['ds_cart']);
    const desktopCart = await (await request(shop, '/cart', desktop)).text();
    expect(desktopCart).toContain('data-testid="total">€206.80');
    expect(desktopCart).toContain('"event":"view_cart"');
    expect(desktopCart).not.toContain('"event":"add_to_cart"');

    // The link stays valid for its hour: opening it again restores the same snapshot.
    expect((await request(shop, new URL(href).pathname, new Jar())).status).toBe(303);
  });

  it('404s for an unknown or malformed token and refuses a POST', async () => {
    const unknown = await request(shop, `/cart/restore/${'x'.repeat(22)}`, new Jar());
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Link expired');
    expect((await request(shop, '/cart/restore/nope', new Jar())).status).toBe(404);
    expect((await request(shop, `/cart/restore/${'x'.repeat(22)}`, new Jar(), { method: 'POST', body: 'a=1' })).status).toBe(405);
  });
});

describe('hashed e-mail for enhanced conversions', () => {
  it('pushes the SHA-256 hex of the trimmed lower-cased e-mail as user_data on the purchase, never the address', async () => {
    const expected = createHash('sha256').update('ada.buyer+x@example.com').digest('hex');
    expect(hashEmail('  Ada.Buyer+X@Example.COM ')).toBe(expected);
    const { jar, orderId } = await placeOrder(shop, { checkout: { email: 'Ada.Buyer+X@Example.COM' } });
    const page = await (await request(shop, `/order/${orderId}`, jar)).text();
    expect(page).toContain(`"user_data":{"sha256_email_address":"${expected}"}`);
    expect(page).not.toMatch(/dataLayer\.push\([^)]*Example\.COM/i);
  });

  it('meta-before-consent lives in the served Meta config only', async () => {
    const faulty = await startDemoShop({ faults: ['meta-before-consent'] });
    try {
      expect(await (await fetch(`${faulty.url}/assets/tags/meta.js`)).text()).toContain('"pageViewBeforeConsent":true');
      expect(await (await fetch(`${shop.url}/assets/tags/meta.js`)).text()).toContain('"pageViewBeforeConsent":false');
    } finally {
      await closeShop(faulty);
    }
  });
});
