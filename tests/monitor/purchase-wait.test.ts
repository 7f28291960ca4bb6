import { describe, expect, it } from 'vitest';
import { purchaseWaitVendors } from '../../src/capture/purchase-wait.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';

describe('which expected events end a page wait early', () => {
  it("a monitor with orders: each vendor's purchase; an order-free one: none, its page events never shorten a wait", () => {
    const site = { baseUrl: 'https://shop.example' };
    const withOrders = validateMonitor({ name: 'shop', site, orders: { source: 'demo' }, expect: { ga4: { eventName: 'purchase' }, meta: {} } }, 'shop.monitor.ts');
    expect([...purchaseWaitVendors(withOrders)]).toEqual([['ga4', 'purchase'], ['meta', undefined]]);
    const orderFree = validateMonitor({ name: 'pages', site, expect: { ga4: { eventName: 'page_view' } } }, 'pages.monitor.ts');
    expect([...purchaseWaitVendors(orderFree)]).toEqual([]);
  });
});
