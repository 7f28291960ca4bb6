import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import type { Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { startDemoShop } from '../../src/demo-shop/index.ts';
import type { ApiOrder, DemoShop } from '../../src/demo-shop/index.ts';
import type { Journey } from '../../src/index.ts';
import { fillCart } from '../../scenarios/steps/add-to-cart.ts';
import { checkOut } from '../../scenarios/steps/checkout.ts';
import { purchaseChoices } from '../../scenarios/steps/purchase-choices.ts';
import { captureContext } from './browser-helpers.ts';
import { closeShop } from './http-helpers.ts';

/**
 * The demo scenario's steps, driven with a variant as the purchase scenario does, on the real
 * shop in real Chromium: the order the backend records is the one the variant asked for. The
 * journey fixture is stood in for by what the steps use of it (the e-mail, orderPlaced).
 */
let browser: Browser;
let shop: DemoShop;

beforeAll(async () => {
  [browser, shop] = await Promise.all([chromium.launch(chromiumLaunchOptions()), startDemoShop()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), closeShop(shop)]);
});

describe('purchase variant -> scenario steps -> the order (real Chromium)', () => {
  it('reads items, shipping, payment and coupon, defaulting to one product, standard, card', () => {
    expect(purchaseChoices({})).toEqual({ lineItems: 1, shipping: 'standard', payment: 'card' });
    expect(purchaseChoices({ items: 3, shipping: 'express', payment: 'invoice', coupon: 'WELCOME10' })).toEqual({
      lineItems: 3,
      shipping: 'express',
      payment: 'invoice',
      coupon: 'WELCOME10',
    });
    expect(purchaseChoices({ items: '2' })).toMatchObject({ lineItems: 2 });
    expect(() => purchaseChoices({ items: 0 })).toThrow('variant items=0: give a whole number of line items, 1 or more');
    expect(() => purchaseChoices({ shipping: 'drone' })).toThrow('variant shipping=drone: the demo shop offers standard, express');
    expect(() => purchaseChoices({ payment: 'cash' })).toThrow('variant payment=cash: the demo shop offers card, paypal, invoice');
  });

  it('items=3, express, invoice, WELCOME10: three line items, the chosen methods and the coupon in the orders API', async () => {
    const capture = await captureContext(browser, { baseURL: shop.url });
    const placed: string[] = [];
    const journey = { email: 'tagwatch+steps1@example.com', orderPlaced: (id: string) => placed.push(id), dwellOnConfirmation: async () => {} } as unknown as Journey;
    try {
      const choices = purchaseChoices({ items: 3, shipping: 'express', payment: 'invoice', coupon: 'WELCOME10' });
      await capture.page.goto('/');
      await capture.page.getByRole('button', { name: 'Accept all' }).click();
      await fillCart(capture.page, choices.lineItems);
      const orderId = await checkOut(capture.page, journey, choices);
      expect(placed).toEqual([orderId]);
      const order = ((await (await fetch(`${shop.ordersUrl}/api/orders/${orderId}`)).json()) as { order: ApiOrder }).order;
      expect(order.items.map((item) => item.name)).toEqual(['Organic cotton T-shirt', 'Merino wool beanie', 'Waxed canvas backpack']);
      expect(order).toMatchObject({ shippingMethod: 'express', paymentMethod: 'invoice', coupons: ['WELCOME10'] });
      // (24.90 + 39.00 + 59.00) - 10% + 9.90 express
      expect(order.total).toBe(120.51);
    } finally {
      await capture.context.close();
    }
  });
});
