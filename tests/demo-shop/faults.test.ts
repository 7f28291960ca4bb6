import { describe, expect, it } from 'vitest';
import { DEMO_FAULT_DESCRIPTIONS, DEMO_FAULTS, parseFaults, startDemoShop } from '../../src/demo-shop/index.ts';
import { closeShop, placeOrder, request } from './http-helpers.ts';

describe('parseFaults', () => {
  it('reads comma-separated names, arrays of them, blanks and duplicates', () => {
    expect(parseFaults(undefined)).toEqual([]);
    expect(parseFaults('')).toEqual([]);
    expect(parseFaults('ga4-purchase-missing')).toEqual(['ga4-purchase-missing']);
    expect(parseFaults(' order-not-saved , meta-purchase-double,order-not-saved ')).toEqual(['order-not-saved', 'meta-purchase-double']);
    expect(parseFaults(['orders-api-down', 'ga4-value-mismatch,purchase-beacon-on-unload'])).toEqual([
      'orders-api-down',
      'ga4-value-mismatch',
      'purchase-beacon-on-unload',
    ]);
  });

  it('rejects an unknown name, naming it and listing the valid ones', () => {
    expect(() => parseFaults('ga4-purchase-missing,gaa4-typo')).toThrowError(/"gaa4-typo"/);
    try {
      parseFaults(['nope']);
      expect.unreachable();
    } catch (error) {
      for (const fault of DEMO_FAULTS) expect((error as Error).message).toContain(fault);
    }
  });

  it('describes every fault in one line', () => {
    expect(Object.keys(DEMO_FAULT_DESCRIPTIONS).sort()).toEqual([...DEMO_FAULTS].sort());
    for (const text of Object.values(DEMO_FAULT_DESCRIPTIONS)) expect(text).toMatch(/^[^\n]{10,120}$/);
  });
});

describe('datalayer-purchase-missing', () => {
  it('is a known fault', () => {
    expect(parseFaults('datalayer-purchase-missing,ga4-purchase-missing')).toEqual(['datalayer-purchase-missing', 'ga4-purchase-missing']);
  });

  it('the confirmation page pushes its page_view but no purchase; the order still reaches the backend', async () => {
    const [faulty, clean] = await Promise.all([startDemoShop({ faults: ['datalayer-purchase-missing'] }), startDemoShop()]);
    try {
      const pages = await Promise.all(
        [faulty, clean].map(async (shop) => {
          const { jar, orderId } = await placeOrder(shop);
          const page = await (await request(shop, `/order/${orderId}`, jar)).text();
          return { shop, orderId, page };
        }),
      );
      const [broken, normal] = pages;
      expect(broken!.page).toContain(`data-testid="order-number">${broken!.orderId}<`);
      expect(broken!.page).toContain('dataLayer.push({"event":"page_view","page_type":"purchase"})');
      expect(broken!.page).not.toContain('"event":"purchase"');
      expect(broken!.page).not.toContain('"transaction_id"');
      expect((await fetch(`${faulty.ordersUrl}/api/orders/${broken!.orderId}`)).status).toBe(200);
      expect(normal!.page).toContain(`"event":"purchase","ecommerce":{"currency":"EUR","transaction_id":"${normal!.orderId}"`);
    } finally {
      await Promise.all([closeShop(faulty), closeShop(clean)]);
    }
  });
});
