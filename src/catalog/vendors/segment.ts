import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { kindOf, pick, toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson, parseJsonBody } from '../parse/json.ts';

const mapping: CanonicalMapping = {
  account: ['writeKey'],
  eventName: ['event'],
  transactionId: ['properties.order_id', 'properties.orderId', 'properties.checkout_id'],
  // Segment's e-commerce spec: revenue (excl. shipping and tax), total, value.
  value: ['properties.revenue', 'properties.total', 'properties.value'],
  currency: ['properties.currency'],
  eventId: ['messageId'],
  userIds: { userId: ['userId'], email: ['traits.email', 'context.traits.email'] },
  kinds: { purchase: ['Order Completed'], pageview: ['page'] },
};

/** Path action -> call type, both the short (analytics.js) and long (HTTP API) forms. */
const TYPE_OF: Record<string, string> = {
  t: 'track', p: 'page', i: 'identify', s: 'screen', g: 'group', a: 'alias', b: 'batch',
  track: 'track', page: 'page', identify: 'identify', screen: 'screen', group: 'group', alias: 'alias', batch: 'batch',
};
const ACTION = /\/v1\/([a-z]+)\/?$/;
const TYPE_KEY = ['type'];

/** A track call is named by its event; page, identify & co. by their type. */
function toEvent(params: Record<string, string>, pathType: string | undefined): VendorEvent {
  const event = toVendorEvent('segment', params, mapping);
  const type = pick(params, TYPE_KEY) ?? pathType ?? '';
  if (type === 'track' || type === '') return event;
  // Renamed in place: both fields keep their place, as in `{ ...event, eventName, kind }`.
  event.eventName = type;
  event.kind = kindOf(type, mapping.kinds);
  return event;
}

/**
 * analytics.js POSTs one JSON message per call to /v1/<t|p|i|...>; /v1/batch (and /v1/b) wraps
 * several in `batch`, with writeKey and context shared next to it.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const body = parseJsonBody(request.body);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('expected a JSON object body');
  const pathType = TYPE_OF[ACTION.exec(url.pathname)?.[1] ?? ''];
  // A single call (the usual case) is flattened as it is: no rest copy first.
  if (!Array.isArray((body as Record<string, unknown>).batch)) return [toEvent(flattenJson(body), pathType === 'batch' ? undefined : pathType)];
  const { batch, ...shared } = body as Record<string, unknown>;
  const sharedParams = flattenJson(shared);
  return (batch as unknown[]).map((entry) => toEvent({ ...sharedParams, ...flattenJson(entry) }, undefined));
}

export default defineVendor({
  id: 'segment',
  label: 'Segment',
  category: 'analytics',
  // The US API and the regional ones (events.eu1.segmentapis.com); not /v1/m (library metrics).
  patterns: [
    /^https?:\/\/(?:api\.segment\.io|[\w-]+(?:\.[\w-]+)*\.segmentapis\.com)\/v1\/(?:[tpisgab]|track|page|identify|screen|group|alias|batch)\/?(?:[?#]|$)/,
  ],
  params: {
    type: 'Call Type',
    event: 'Event',
    name: 'Page Name',
    writeKey: 'Write Key',
    userId: 'User ID',
    anonymousId: 'Anonymous ID',
    messageId: 'Message ID',
    timestamp: 'Timestamp',
    sentAt: 'Sent At',
    'context.page.url': 'Page URL',
    'context.page.referrer': 'Page Referrer',
    'context.page.title': 'Page Title',
    'context.library.name': 'Library Name',
    'context.library.version': 'Library Version',
    'properties.order_id': 'Order ID',
    'properties.revenue': 'Revenue',
    'properties.total': 'Total',
    'properties.value': 'Value',
    'properties.currency': 'Currency',
    'properties.products': 'Products',
    'traits.email': 'Email',
  },
  decode,
});
