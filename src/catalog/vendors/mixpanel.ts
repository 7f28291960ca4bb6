import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson, parseJsonBody } from '../parse/json.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  // /track carries properties.token, /engage $token.
  account: ['properties.token', '$token'],
  eventName: ['event'],
  transactionId: ['properties.order_id', 'properties.orderId', 'properties.transaction_id'],
  value: ['properties.revenue', 'properties.amount', 'properties.value', 'properties.total'],
  currency: ['properties.currency'],
  eventId: ['properties.$insert_id'],
  // distinct_id is a device id until identify(); $user_id is only set for identified users.
  userIds: { userId: ['properties.$user_id'] },
  kinds: { purchase: ['Purchase', 'purchase', 'Order Completed'], pageview: ['$mp_web_page_view'] },
};

/** `data` is base64 (the default payload format) or plain JSON (api_payload_format: 'json'). */
function parseData(data: string): unknown {
  const text = /^\s*[[{]/.test(data) ? data : Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return parseJsonBody(text);
}

/** /engage updates have no event name: the profile operation ($set, $set_once, ...) names them. */
function withEngageName(params: Record<string, string>): Record<string, string> {
  if (params.event !== undefined) return params;
  const operation = Object.keys(params).map((key) => /^(\$[a-z_]+)(?:[.[]|$)/.exec(key)?.[1]).find((op) => op !== undefined && op !== '$token' && op !== '$distinct_id');
  return operation ? { ...params, event: operation } : params;
}

/**
 * mixpanel-js sends `data=` in the query (GET) or a form body (POST); it holds one event or an
 * array (batch). Other query keys (ip, _, ver) are shared by every event.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const { data: queryData, ...query } = queryToRecord(url);
  const data = parseFormBody(request.body).data ?? queryData;
  if (data === undefined) throw new Error('expected a `data` parameter');
  const payload = parseData(data);
  const entries = Array.isArray(payload) ? payload : [payload];
  return entries.map((entry) => toVendorEvent('mixpanel', withEngageName({ ...query, ...flattenJson(entry) }), mapping));
}

export default defineVendor({
  id: 'mixpanel',
  label: 'Mixpanel',
  category: 'analytics',
  patterns: [/^https?:\/\/(?:api|api-js|api-eu|api-js-eu|api-in)\.mixpanel\.com\/(?:track|engage|import)\/?(?:[?#]|$)/],
  params: {
    data: 'Payload',
    event: 'Event',
    ip: 'Geolocate from IP',
    ver: 'Library Version',
    _: 'Cache Buster',
    'properties.token': 'Project Token',
    $token: 'Project Token',
    'properties.distinct_id': 'Distinct ID',
    'properties.$device_id': 'Device ID',
    'properties.$user_id': 'User ID',
    'properties.$insert_id': 'Insert ID',
    'properties.time': 'Timestamp',
    'properties.$current_url': 'Page URL',
    'properties.$referrer': 'Referrer',
    'properties.mp_lib': 'Library',
    'properties.revenue': 'Revenue',
    'properties.amount': 'Amount',
    'properties.currency': 'Currency',
    'properties.order_id': 'Order ID',
    $distinct_id: 'Distinct ID',
  },
  decode,
});
