import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeRequest } from '../../../src/catalog/decode.ts';
import segment from '../../../src/catalog/vendors/segment.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

interface CorpusCase { id: string; provider: string; url: string; method: string; body?: string }
const corpus = JSON.parse(readFileSync(new URL('../../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url), 'utf8')) as {
  cases: CorpusCase[];
  patterns: { provider: string; url: string; expectMatch: boolean }[];
};

const context = {
  page: { url: 'https://shop.example/checkout/thank-you', referrer: 'https://shop.example/checkout', title: 'Thank you' },
  library: { name: 'analytics.js', version: 'next-1.70.0' },
};

/** analytics.track('Order Completed', ...) per Segment's e-commerce spec. */
const orderCompleted = {
  url: 'https://api.segment.io/v1/t',
  method: 'POST',
  body: JSON.stringify({
    timestamp: '2024-04-05T12:34:56.789Z',
    integrations: {},
    type: 'track',
    event: 'Order Completed',
    properties: {
      order_id: 'DS-1042',
      total: 54.7,
      revenue: 49.8,
      shipping: 4.9,
      currency: 'EUR',
      products: [{ product_id: 'SKU1', name: 'Shirt', price: 24.9, quantity: 2 }],
    },
    context,
    messageId: 'ajs-next-1712345678901-abc',
    anonymousId: 'b7e1c2d3-0000-4000-8000-000000000001',
    userId: 'customer-77',
    writeKey: 'WRITEKEY123abc',
    sentAt: '2024-04-05T12:34:56.800Z',
    _metadata: { bundled: ['Segment.io'], unbundled: [] },
  }),
};

describe('segment decodes', () => {
  test.each(corpus.cases.filter((c) => c.provider === 'SEGMENT').map((c) => [c.id, c] as const))('corpus %s as a page view', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['segment']);
    const [event, ...rest] = decodeOk({ url: c.url, method: c.method, body: c.body }, [segment]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'segment',
      account: 'zaySL4FGIiLsxt3I7omU5uLxXqxaBMPh',
      eventName: 'page',
      kind: 'pageview',
      eventId: 'ajs-bb485b9778f0ddcff39debbb6f5eaf1e',
      userIds: { userId: 'ZHN2cGWPCP' },
    });
    expect(event?.params).toMatchObject({ name: 'Home', 'context.page.url': 'https://segment.com/', anonymousId: '7e5c1f1f-bf99-4725-809d-67785f64933b' });
  });

  test('an Order Completed track call as a purchase with order id, revenue and currency', () => {
    const [event, ...rest] = decodeOk(orderCompleted, [segment]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'segment',
      account: 'WRITEKEY123abc',
      eventName: 'Order Completed',
      kind: 'purchase',
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      eventId: 'ajs-next-1712345678901-abc',
      userIds: { userId: 'customer-77' },
    });
    expect(event?.params).toMatchObject({ 'properties.products[0].product_id': 'SKU1', 'properties.total': '54.7' });
  });

  test('a batch into one event per message, sharing the writeKey; identify named by its type', () => {
    const body = JSON.stringify({
      batch: [
        { type: 'page', name: 'Checkout', properties: {}, context, messageId: 'm1', anonymousId: 'a1' },
        { type: 'identify', traits: { email: 'jane@example.com' }, userId: 'customer-77', messageId: 'm2', anonymousId: 'a1' },
        { type: 'track', event: 'Order Completed', properties: { order_id: 'DS-1043', total: '19.90', currency: 'USD' }, messageId: 'm3' },
      ],
      writeKey: 'WRITEKEY123abc',
      sentAt: '2024-04-05T12:35:00.000Z',
    });
    const events = decodeOk({ url: 'https://api.segment.io/v1/batch', method: 'POST', body }, [segment]);
    expect(events.map((e) => [e.eventName, e.kind, e.eventId, e.account])).toEqual([
      ['page', 'pageview', 'm1', 'WRITEKEY123abc'],
      ['identify', 'other', 'm2', 'WRITEKEY123abc'],
      ['Order Completed', 'purchase', 'm3', 'WRITEKEY123abc'],
    ]);
    expect(events[1]?.userIds).toEqual({ userId: 'customer-77', email: 'jane@example.com' });
    expect(events[2]).toMatchObject({ transactionId: 'DS-1043', value: 19.9, currency: 'USD' });
    expect(events[0]?.userIds).toBeUndefined();
  });

  test('a body that is not JSON as a decode error', () => {
    const { events, errors } = decodeRequest({ url: 'https://api.segment.io/v1/t', method: 'POST', body: 'event=x' }, [segment]);
    expect(events).toEqual([]);
    expect(errors[0]).toMatch(/segment.*not JSON/);
  });
});

describe('segment claims', () => {
  test.each(corpus.patterns.filter((p) => p.provider === 'SEGMENT').map((p) => [p.url, p.expectMatch] as const))('corpus check %s (match: %s)', (url, expectMatch) => {
    expect(claimedBy(url, catalog)).toEqual(expectMatch ? ['segment'] : []);
  });

  test.each([
    orderCompleted.url,
    'https://api.segment.io/v1/i',
    'https://api.segment.io/v1/track',
    'https://api.segment.io/v1/batch',
    'https://events.eu1.segmentapis.com/v1/t',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['segment']);
  });

  test.each([
    'https://cdn.segment.com/analytics.js/v1/WRITEKEY123abc/analytics.min.js',
    'https://cdn.segment.com/v1/projects/WRITEKEY123abc/settings',
    'https://api.segment.io/v1/m',
    'https://segment.com/docs/',
    'https://example.com/api.segment.io/v1/t',
  ])('not %s', (url) => {
    expect(claimedBy(url, [segment])).toEqual([]);
  });
});
