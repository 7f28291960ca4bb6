/**
 * Fault switches: each one reproduces a tracking or backend defect seen on real shops, so an
 * audit of the demo shop has something to find and tagwatch's own findings can be checked.
 */
export const DEMO_FAULTS = [
  'ga4-purchase-missing',
  'meta-purchase-double',
  'ga4-value-mismatch',
  'order-not-saved',
  'purchase-beacon-on-unload',
  'orders-api-down',
  'meta-before-consent',
  // Every demo tag reads its purchase from the dataLayer (runtime.js plays GTM), so all four lose it;
  // a direct pixel call, like the meta-purchase-double theme snippet, does not depend on it and still fires.
  'datalayer-purchase-missing',
  'ga4-server-side',
  'ga4-purchase-intermittent',
  'unplanned-tracker',
  // Issue 13: defects seen on a real WooCommerce shop, each one a way tagwatch misled a tag owner.
  'ga4-drops-large-orders',
  'tiktok-purchase-late',
  'meta-eid-only',
  'first-party-collector',
  'consent-buttons-late',
  'ga4-pii-in-batch',
] as const;

export type DemoFault = (typeof DEMO_FAULTS)[number];

/** One line each, for `--help` and for reports that say which faults a run had switched on. */
export const DEMO_FAULT_DESCRIPTIONS: Record<DemoFault, string> = {
  'ga4-purchase-missing': 'GA4 never sends the purchase event (other events and vendors are normal)',
  'meta-purchase-double': 'the Meta Purchase fires twice with the same event id, like a pixel installed twice',
  'ga4-value-mismatch': 'GA4 purchase value is the item subtotal, shipping left out, so it differs from the order total',
  'order-not-saved': 'the confirmation page shows an order number; odd-numbered orders never reach the backend',
  'purchase-beacon-on-unload': 'the GA4 purchase is only sent by a pagehide beacon, when the visitor leaves the confirmation page',
  'orders-api-down': 'the orders API stops listening as soon as the first order is placed',
  'meta-before-consent': 'the Meta pixel sends its PageView before any consent decision, like a pixel pasted outside the CMP',
  'datalayer-purchase-missing': 'the confirmation page pushes no purchase into the dataLayer; every demo tag reads it there, GTM-style',
  'ga4-purchase-intermittent': 'GA4 drops the purchase of every even-numbered order, like a tag racing the page unload: some repeats lose it, others not',
  'ga4-server-side': 'GA4 sends to a server-side GTM path on the shop origin (/sgtm/data), not to Google: declare it in `endpoints`',
  'unplanned-tracker': 'a Microsoft Clarity snippet pasted into every page header outside the tag plan and the CMP (loads before consent)',
  'ga4-drops-large-orders': 'GA4 sends no purchase for orders with 3 or more line items; smaller orders are tracked normally',
  'tiktok-purchase-late': "TikTok's CompletePayment leaves 1.5 s after the confirmation page's load event: quick leavers lose it",
  'meta-eid-only': 'the Meta Purchase names its order only as the event id (eid=<order number>), no order_id in its custom data',
  'first-party-collector': "the shop's own collector POSTs JSON events to /collect/evt on its origin (purchase: order, value, currency)",
  'consent-buttons-late': 'the consent banner shows at once but its buttons do nothing for ~0.5 s, like tarteaucitron',
  'ga4-pii-in-batch': "GA4's batched confirmation-page hit carries ep.customer_email=<buyer's e-mail> on its purchase line only",
};

export function isDemoFault(value: string): value is DemoFault {
  return (DEMO_FAULTS as readonly string[]).includes(value);
}

/**
 * Accepts "a,b", ["a", "b"] or ["a,b", "c"] (repeated CLI options), trims blanks and drops
 * duplicates. Throws on the first unknown name, listing the valid ones.
 */
export function parseFaults(input: string | string[] | undefined): DemoFault[] {
  if (input === undefined) return [];
  const parts = (Array.isArray(input) ? input : [input])
    .flatMap((chunk) => chunk.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const faults: DemoFault[] = [];
  for (const part of parts) {
    if (!isDemoFault(part)) {
      throw new Error(`Unknown demo shop fault "${part}". Valid faults: ${DEMO_FAULTS.join(', ')}`);
    }
    if (!faults.includes(part)) faults.push(part);
  }
  return faults;
}
