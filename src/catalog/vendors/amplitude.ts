import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson, parseJsonBody } from '../parse/json.ts';
import { toNumber } from '../parse/number.ts';
import { parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['api_key', 'client'],
  eventName: ['event_type'],
  transactionId: ['event_properties.order_id', 'event_properties.orderId', 'event_properties.transaction_id'],
  // Top-level revenue (HTTP API v2), then the revenue event's $revenue, then shop properties.
  value: ['revenue', 'event_properties.$revenue', 'event_properties.revenue', 'event_properties.value'],
  currency: ['currency', 'event_properties.$currency', 'event_properties.currency'],
  eventId: ['insert_id'],
  userIds: { userId: ['user_id'] },
  kinds: {
    purchase: ['revenue_amount', 'Order Completed', 'purchase', 'Purchase'],
    pageview: ['[Amplitude] Page Viewed', 'Page Viewed', 'page_view'],
  },
};

/**
 * The events of a request with the shared key: HTTP API v2 (`{"api_key", "events": [...]}`), or
 * the legacy SDK's form body (`client=<key>&e=<JSON array>`).
 */
function eventsOf(body: string | undefined): { key: Record<string, string>; events: unknown[] } {
  const trimmed = (body ?? '').trim();
  if (trimmed.startsWith('{')) {
    const json = parseJsonBody(trimmed) as Record<string, unknown>;
    const events = Array.isArray(json.events) ? json.events : json.event !== undefined ? [json.event] : [];
    return { key: flattenJson({ api_key: json.api_key }), events };
  }
  const form = parseFormBody(body);
  if (form.e === undefined) throw new Error('expected a JSON body with `events` or a form body with `e`');
  const parsed = parseJsonBody(form.e);
  return { key: form.client === undefined ? {} : { client: form.client }, events: Array.isArray(parsed) ? parsed : [parsed] };
}

/**
 * The revenue event the SDKs send beside the order's own event (`revenue()` in Browser SDK 2,
 * SpecialEventType.REVENUE; `logRevenueV2` before it): the same sale counted by Amplitude's revenue charts. It stands for
 * the purchase only when the site sent no order event.
 */
const REVENUE_EVENT = 'revenue_amount';

function decode(request: TagRequest): VendorEvent[] {
  const { key, events } = eventsOf(request.body);
  return events.map((entry) => {
    const params = { ...key, ...flattenJson(entry) };
    const event = toVendorEvent('amplitude', params, mapping);
    // price x quantity when revenue itself is not sent (Amplitude computes it the same way).
    const price = toNumber(params.price ?? params['event_properties.$price']);
    const quantity = toNumber(params.quantity ?? params['event_properties.$quantity']) ?? 1;
    const value = event.value ?? (price === undefined ? undefined : price * quantity);
    // Any event that carries revenue is a revenue event.
    const kind = event.kind === 'other' && value !== undefined ? 'purchase' : event.kind;
    const decoded = value === undefined ? { ...event, kind } : { ...event, value, kind };
    if (event.eventName === REVENUE_EVENT) decoded.companion = true;
    return decoded;
  });
}

export default defineVendor({
  id: 'amplitude',
  label: 'Amplitude',
  category: 'analytics',
  // HTTP API v2 and batch on the US/EU hosts, and the legacy SDK's POST to the host root.
  patterns: [/^https?:\/\/(?:api|api2|api\.eu|api-secure)\.amplitude\.com\/(?:2\/httpapi|batch)?\/?(?:[?#]|$)/],
  params: {
    api_key: 'API Key',
    client: 'API Key',
    event_type: 'Event Type',
    user_id: 'User ID',
    device_id: 'Device ID',
    session_id: 'Session ID',
    insert_id: 'Insert ID',
    time: 'Timestamp',
    platform: 'Platform',
    language: 'Language',
    library: 'Library',
    revenue: 'Revenue',
    price: 'Price',
    quantity: 'Quantity',
    productId: 'Product ID',
    revenueType: 'Revenue Type',
    currency: 'Currency',
    'event_properties.$revenue': 'Revenue',
    'event_properties.order_id': 'Order ID',
  },
  decode,
});
