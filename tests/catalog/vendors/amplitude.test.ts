import { describe, expect, test } from 'vitest';
import { decodeRequest } from '../../../src/catalog/decode.ts';
import amplitude from '../../../src/catalog/vendors/amplitude.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

const common = { device_id: 'dev-7f3a', session_id: 1712345678000, platform: 'Web', library: 'amplitude-ts/2.7.0', language: 'de-DE' };

/** Browser SDK 2 batch: a page view, then the revenue event for the order. */
const httpApi = {
  url: 'https://api2.amplitude.com/2/httpapi',
  method: 'POST',
  body: JSON.stringify({
    api_key: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
    events: [
      { ...common, event_type: '[Amplitude] Page Viewed', insert_id: 'ins-1', event_properties: { '[Amplitude] Page URL': 'https://shop.example/thank-you' } },
      {
        ...common,
        user_id: 'customer-77',
        event_type: 'revenue_amount',
        insert_id: 'ins-2',
        event_properties: { $revenue: 49.8, $price: 24.9, $quantity: 2, $productId: 'SKU1', $currency: 'EUR', order_id: 'DS-1042' },
      },
    ],
    options: {},
  }),
};

describe('amplitude decodes', () => {
  test('an HTTP API v2 batch into one event per entry; the revenue event as a purchase', () => {
    const events = decodeOk(httpApi, [amplitude]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ vendor: 'amplitude', account: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', eventName: '[Amplitude] Page Viewed', kind: 'pageview', eventId: 'ins-1' });
    expect(events[0]?.userIds).toBeUndefined();
    expect(events[1]).toMatchObject({
      account: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      eventName: 'revenue_amount',
      kind: 'purchase',
      companion: true,
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      eventId: 'ins-2',
      userIds: { userId: 'customer-77' },
    });
    expect(events[1]?.params).toMatchObject({ device_id: 'dev-7f3a', 'event_properties.$productId': 'SKU1' });
  });

  test('the revenue event beside its order event is a companion, not a second purchase', () => {
    // Browser SDK 2: track('Order Completed', ...) then revenue(new Revenue()...) for the same order, one batch.
    const body = JSON.stringify({
      api_key: 'KEY3',
      events: [
        { event_type: 'Order Completed', user_id: 'u-2', device_id: 'd-2', insert_id: 'ins-10', event_properties: { order_id: 'DS-1044', revenue: 64.8, currency: 'EUR' } },
        {
          event_type: 'revenue_amount', user_id: 'u-2', device_id: 'd-2', insert_id: 'ins-11',
          event_properties: { $price: 32.4, $quantity: 2, $productId: 'SKU1', $revenueType: 'purchase', $currency: 'EUR', order_id: 'DS-1044' },
        },
      ],
    });
    const events = decodeOk({ url: 'https://api2.amplitude.com/2/httpapi', method: 'POST', body }, [amplitude]);
    expect(events.map((e) => [e.eventName, e.kind, e.transactionId, e.value, e.currency, e.companion])).toEqual([
      ['Order Completed', 'purchase', 'DS-1044', 64.8, 'EUR', undefined],
      ['revenue_amount', 'purchase', 'DS-1044', 64.8, 'EUR', true],
    ]);
  });

  test('an Order Completed event with top-level price and quantity', () => {
    const body = JSON.stringify({
      api_key: 'KEY2',
      events: [{ event_type: 'Order Completed', user_id: 'u-1', device_id: 'd-1', price: 19.95, quantity: 3, currency: 'USD', event_properties: { order_id: 'A-9' } }],
    });
    const [event] = decodeOk({ url: 'https://api.eu.amplitude.com/2/httpapi', method: 'POST', body }, [amplitude]);
    expect(event).toMatchObject({ account: 'KEY2', kind: 'purchase', transactionId: 'A-9', currency: 'USD', userIds: { userId: 'u-1' } });
    expect(event?.value).toBeCloseTo(59.85);
  });

  test('the legacy SDK form body (client + e), without revenue as other', () => {
    const e = JSON.stringify([
      { device_id: 'd-2', user_id: null, event_type: 'add_to_cart', event_properties: { sku: 'SKU1' }, uuid: 'uu-1' },
      { device_id: 'd-2', user_id: 'jane', event_type: 'purchase', event_properties: { revenue: 12.5, currency: 'GBP' } },
    ]);
    const body = new URLSearchParams({ checksum: 'abc', client: 'LEGACYKEY', e, upload_time: '1712345678000', v: '2' }).toString();
    const events = decodeOk({ url: 'https://api.amplitude.com/', method: 'POST', body }, [amplitude]);
    expect(events.map((x) => [x.account, x.eventName, x.kind, x.value])).toEqual([
      ['LEGACYKEY', 'add_to_cart', 'other', undefined],
      ['LEGACYKEY', 'purchase', 'purchase', 12.5],
    ]);
    expect(events[0]?.userIds).toBeUndefined();
    expect(events[1]).toMatchObject({ currency: 'GBP', userIds: { userId: 'jane' } });
  });

  test('a body without events as a decode error', () => {
    const { errors } = decodeRequest({ url: 'https://api2.amplitude.com/2/httpapi', method: 'POST', body: 'hello=1' }, [amplitude]);
    expect(errors[0]).toMatch(/amplitude/);
  });
});

describe('amplitude claims', () => {
  test.each([
    httpApi.url,
    'https://api.amplitude.com/2/httpapi',
    'https://api.eu.amplitude.com/2/httpapi',
    'https://api.amplitude.com/batch',
    'https://api.amplitude.com/',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['amplitude']);
  });

  test.each([
    'https://cdn.amplitude.com/libs/analytics-browser-2.7.0-min.js.gz',
    'https://sr-client-cfg.amplitude.com/config?api_key=KEY',
    'https://api2.amplitude.com/2/httpapi-debug',
    'https://www.amplitude.com/',
    'https://example.com/api.amplitude.com/2/httpapi',
  ])('not %s', (url) => {
    expect(claimedBy(url, [amplitude])).toEqual([]);
  });
});
