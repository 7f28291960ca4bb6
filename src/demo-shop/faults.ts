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
] as const;

export type DemoFault = (typeof DEMO_FAULTS)[number];

/** One line each, for `--help` and for reports that say which faults a run had switched on. */
export const DEMO_FAULT_DESCRIPTIONS: Record<DemoFault, string> = {
  'ga4-purchase-missing': 'GA4 never sends the purchase event (other events and vendors are normal)',
  'meta-purchase-double': 'the Meta Purchase fires twice with the same event id, like a pixel installed twice',
  'ga4-value-mismatch': 'GA4 purchase value is the item subtotal, shipping left out, so it differs from the order total',
  'order-not-saved': 'the confirmation page shows an order number but the order never reaches the backend',
  'purchase-beacon-on-unload': 'the GA4 purchase is only sent by a pagehide beacon, when the visitor leaves the confirmation page',
  'orders-api-down': 'the orders API stops listening as soon as the first order is placed',
  'meta-before-consent': 'the Meta pixel sends its PageView before any consent decision, like a pixel pasted outside the CMP',
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
