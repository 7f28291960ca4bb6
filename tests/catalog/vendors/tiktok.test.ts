import { describe, expect, test } from 'vitest';
import { decodeRequest } from '../../../src/catalog/decode.ts';
import tiktok from '../../../src/catalog/vendors/tiktok.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

const context = {
  ad: { callback: 'E.C.P.abc', convert_id: '', creative_id: '', idc: '', log_extra: '{}', req_id: '' },
  user: { anonymous_id: 'ztFg3sLvpkVq8DXpLP5qV', external_id: '' },
  pixel: { code: 'C9ABCDEF1234567890', runtime: '1' },
  page: { url: 'https://shop.example/checkout/thank-you', referrer: 'https://shop.example/checkout' },
  library: { name: 'pixel.js', version: '2.2.1' },
};

/** The v2 pixel's CompletePayment, as ttq.track sends it with fetch/sendBeacon. */
const completePayment = {
  url: 'https://analytics.tiktok.com/api/v2/pixel',
  method: 'POST',
  body: JSON.stringify({
    event: 'CompletePayment',
    event_id: 'purchase-DS-1042',
    message_id: 'messageId-1712345678901-1234567890-C9ABCDEF1234567890',
    timestamp: '2024-04-05T12:34:56.789Z',
    context,
    properties: {
      order_id: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      content_type: 'product',
      contents: [{ content_id: 'SKU1', content_name: 'Shirt', quantity: 2, price: 24.9 }],
    },
  }),
};

describe('tiktok decodes', () => {
  test('a v2 pixel CompletePayment as a purchase with order id, value, currency and event id', () => {
    const [event, ...rest] = decodeOk(completePayment, [tiktok]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'tiktok',
      account: 'C9ABCDEF1234567890',
      eventName: 'CompletePayment',
      kind: 'purchase',
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      eventId: 'purchase-DS-1042',
    });
    expect(event?.params).toMatchObject({
      'context.pixel.code': 'C9ABCDEF1234567890',
      'properties.value': '49.8',
      'properties.contents[0].content_id': 'SKU1',
      'properties.contents[0].quantity': '2',
      'context.page.url': 'https://shop.example/checkout/thank-you',
    });
  });

  test('a batch body into one event per entry', () => {
    const body = JSON.stringify({
      batch: [
        { event: 'Pageview', event_id: 'pv-1', context, properties: {} },
        { event: 'PlaceAnOrder', event_id: 'po-1', context, properties: { value: 49.8, currency: 'EUR' } },
        { event: 'Purchase', event_id: 'p-1', context, properties: { order_id: 'DS-1042', value: '49.80' } },
      ],
    });
    const events = decodeOk({ url: 'https://analytics.tiktok.com/api/v2/pixel/act', method: 'POST', body }, [tiktok]);
    expect(events.map((e) => [e.eventName, e.kind, e.eventId])).toEqual([
      ['Pageview', 'pageview', 'pv-1'],
      ['PlaceAnOrder', 'other', 'po-1'],
      ['Purchase', 'purchase', 'p-1'],
    ]);
    expect(events[2]).toMatchObject({ account: 'C9ABCDEF1234567890', transactionId: 'DS-1042', value: 49.8 });
  });

  test('a v1 track body (the older pixel)', () => {
    const body = JSON.stringify({ event: 'PageView', context: { pixel: { code: 'BT24M8TQUU2IQ2BVG9NG' } } });
    const [event] = decodeOk({ url: 'https://analytics.tiktok.com/api/v1/track', method: 'POST', body }, [tiktok]);
    expect(event).toMatchObject({ account: 'BT24M8TQUU2IQ2BVG9NG', eventName: 'PageView', kind: 'pageview' });
  });

  test('a body that is not JSON as a decode error naming the vendor, not an exception', () => {
    const { events, errors } = decodeRequest(
      { url: 'https://analytics.tiktok.com/api/v2/pixel', method: 'POST', body: 'event=CompletePayment' },
      [tiktok],
    );
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/tiktok.*analytics\.tiktok\.com\/api\/v2\/pixel.*not JSON/);
  });
});

describe('tiktok claims', () => {
  test.each([
    completePayment.url,
    'https://analytics.tiktok.com/api/v2/pixel/act',
    'https://analytics.tiktok.com/api/v1/track',
    'https://analytics.tiktok.com/api/v2/track',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['tiktok']);
  });

  test.each([
    'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C9ABCDEF1234567890&lib=ttq',
    'https://analytics.tiktok.com/i18n/pixel/sdk.js?sdkid=BT24PR2UH19GN34U0RP0',
    'https://analytics.tiktok.com/',
    'https://www.tiktok.com/api/v1/track',
    'https://analytics.tiktok.com/api/v2/pixel-config',
  ])('not %s', (url) => {
    expect(claimedBy(url, [tiktok])).toEqual([]);
  });
});
