import type { Catalog } from '../catalog/catalog.ts';
import type { RunEvent } from '../model/run-event.ts';

/** A vendor's purchase for an order, sent to an endpoint no vendor of the run claimed. */
export interface UndeclaredPurchase {
  vendor: string;
  /** The request as sent (its URL: the endpoint to declare). */
  url: string;
}

/**
 * The purchases among the run's unclaimed requests (run log `unclaimed-request`): each decoded
 * as each expected vendor's protocol, kept when it decodes as that vendor's purchase of an order
 * the run placed (its transaction id, or the order number in the request). A server-side
 * container on the shop's own domain (`/sgtm/data`) that the monitor does not declare in
 * `endpoints` looks, without this, like a tag that never fired. By order id.
 */
export function undeclaredPurchases(events: readonly RunEvent[], catalog: Catalog, vendors: readonly string[]): Map<string, UndeclaredPurchase[]> {
  const placed = new Set(events.flatMap((e) => (e.type === 'order-placed' ? [e.orderId] : [])));
  const found = new Map<string, UndeclaredPurchase[]>();
  for (const event of events) {
    if (event.type !== 'unclaimed-request') continue;
    const request = { url: event.url, method: event.method, body: event.body };
    for (const vendor of vendors) {
      const purchases = catalog.decode(request, vendor).filter((e) => e.kind === 'purchase' && !e.companion);
      for (const purchase of purchases) {
        const orderId =
          purchase.transactionId !== undefined && placed.has(purchase.transactionId)
            ? purchase.transactionId
            : [...placed].find((id) => event.url.includes(id) || (event.body ?? '').includes(id));
        if (orderId === undefined) continue;
        const list = found.get(orderId) ?? [];
        if (!list.some((p) => p.vendor === vendor)) list.push({ vendor, url: event.url });
        found.set(orderId, list);
      }
    }
  }
  return found;
}

/** The loss cause for a purchase that went to an undeclared endpoint, with what to write in the monitor. */
export function undeclaredEndpointCause(purchase: UndeclaredPurchase, baseUrl: string | undefined): string {
  let where = purchase.url;
  let declare = purchase.url;
  try {
    const url = new URL(purchase.url);
    const sameSite = baseUrl !== undefined && new URL(baseUrl).host === url.host;
    declare = sameSite ? url.pathname : `${url.origin}${url.pathname}`;
    where = sameSite ? `${url.pathname} on the shop's own domain` : `${url.origin}${url.pathname}`;
  } catch {
    // Not a URL: named as recorded.
  }
  return `the purchase went to ${where}, an endpoint the monitor does not declare for ${purchase.vendor} (a server-side container or first-party collector?): declare it, endpoints: { ${/^[A-Za-z_$][\w$]*$/.test(purchase.vendor) ? purchase.vendor : `'${purchase.vendor}'`}: ['${declare}'] }`;
}
