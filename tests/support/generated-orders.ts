import type { RealOrder } from '../../src/compare/model.ts';

/** A small deterministic generator (mulberry32): the same orders on every run and machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedShop {
  orders: RealOrder[];
  /** Order ids GA4 received. */
  ga4Received: Set<string>;
}

const PAYMENTS = ['card', 'card', 'card', 'paypal', 'klarna', 'apple_pay'];
const SHIPPING = ['standard', 'standard', 'express', 'pickup'];

/**
 * `days` days of orders from `firstDay` (UTC), 30-50 a day, with payment, shipping, line items and
 * device. GA4 loses a steady share at random (ad blockers, consent; default 3%), and on `brokenDay` every order
 * paid with `brokenPayment` as well: a checkout path whose purchase tag broke that day.
 */
export function generateShop(options: { firstDay: string; days: number; brokenDay: string; brokenPayment: string; seed?: number; steadyLoss?: number }): GeneratedShop {
  const steadyLoss = options.steadyLoss ?? 0.03;
  const random = seeded(options.seed ?? 42);
  const orders: RealOrder[] = [];
  const ga4Received = new Set<string>();
  let number = 10_000;
  for (let d = 0; d < options.days; d++) {
    const dayStart = Date.parse(`${options.firstDay}T00:00:00Z`) + d * 86_400_000;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    const count = 30 + Math.floor(random() * 21);
    for (let i = 0; i < count; i++) {
      const paymentMethod = PAYMENTS[Math.floor(random() * PAYMENTS.length)]!;
      const lineItems = 1 + Math.floor(random() * 4);
      const order: RealOrder = {
        id: `SO-${++number}`,
        createdAt: new Date(dayStart + Math.floor(random() * 86_400_000)).toISOString(),
        total: Math.round((15 + random() * 60 * lineItems) * 100) / 100,
        currency: 'EUR',
        lineItems,
        shippingMethod: SHIPPING[Math.floor(random() * SHIPPING.length)]!,
        paymentMethod,
        coupons: random() < 0.2 ? ['WELCOME10'] : [],
        device: random() < 0.6 ? 'mobile' : 'desktop',
      };
      orders.push(order);
      const broken = day === options.brokenDay && paymentMethod === options.brokenPayment;
      if (!broken && random() >= steadyLoss) ga4Received.add(order.id);
    }
  }
  return { orders, ga4Received };
}
