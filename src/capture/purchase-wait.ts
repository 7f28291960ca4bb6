import type { Monitor } from '../monitor/schema.ts';

/**
 * The vendors whose purchase ends a confirmation page's wait early (200 ms after the last of them
 * arrived, rather than 2 s of quiet), with the event name expected from each. An order-free
 * monitor has none: its `expect` entries are page events, and they must not cut a page's wait
 * short (a GA4 consent-mode ping is a page_view: a tag leaking a second after a refusal would go unseen).
 */
export function purchaseWaitVendors(monitor: Pick<Monitor, 'orders' | 'expect'>): Map<string, string | undefined> {
  if (!monitor.orders) return new Map();
  return new Map(Object.entries(monitor.expect).map(([vendor, expectation]) => [vendor, expectation.eventName]));
}
