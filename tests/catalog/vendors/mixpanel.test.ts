import { describe, expect, test } from 'vitest';
import { decodeRequest } from '../../../src/catalog/decode.ts';
import mixpanel from '../../../src/catalog/vendors/mixpanel.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

const base64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

const TOKEN = '0123456789abcdef0123456789abcdef';
const props = { token: TOKEN, distinct_id: '$device:18e9-abc', $device_id: '18e9-abc', $current_url: 'https://shop.example/thank-you', mp_lib: 'web' };

describe('mixpanel decodes', () => {
  test('a POSTed base64 batch: the page view, then a Purchase with order, amount and currency', () => {
    const data = base64([
      { event: '$mp_web_page_view', properties: { ...props, $insert_id: 'ins-1' } },
      { event: 'Purchase', properties: { ...props, $insert_id: 'ins-2', $user_id: 'customer-77', order_id: 'DS-1042', revenue: 49.8, currency: 'EUR' } },
    ]);
    const body = new URLSearchParams({ data }).toString();
    const events = decodeOk({ url: 'https://api-js.mixpanel.com/track/?ip=1&_=1712345678901&ver=2.50.0', method: 'POST', body }, [mixpanel]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ vendor: 'mixpanel', account: TOKEN, eventName: '$mp_web_page_view', kind: 'pageview', eventId: 'ins-1' });
    expect(events[0]?.userIds).toBeUndefined();
    expect(events[1]).toMatchObject({
      account: TOKEN,
      eventName: 'Purchase',
      kind: 'purchase',
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
      eventId: 'ins-2',
      userIds: { userId: 'customer-77' },
    });
    expect(events[1]?.params).toMatchObject({ ip: '1', ver: '2.50.0', 'properties.distinct_id': '$device:18e9-abc' });
    expect(events[1]?.params.data).toBeUndefined();
  });

  test('a GET with one base64 event in the query', () => {
    const data = base64({ event: 'Order Completed', properties: { ...props, amount: '19.90', currency: 'USD', orderId: 'A-9' } });
    const [event, ...rest] = decodeOk({ url: `https://api-eu.mixpanel.com/track?data=${encodeURIComponent(data)}&ip=1` }, [mixpanel]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ account: TOKEN, eventName: 'Order Completed', kind: 'purchase', value: 19.9, currency: 'USD', transactionId: 'A-9' });
  });

  test('a JSON payload (api_payload_format json) and an /engage profile update', () => {
    const data = JSON.stringify([{ event: 'Signed Up', properties: props }]);
    const [tracked] = decodeOk({ url: 'https://api-js.mixpanel.com/track/', method: 'POST', body: new URLSearchParams({ data }).toString() }, [mixpanel]);
    expect(tracked).toMatchObject({ account: TOKEN, eventName: 'Signed Up', kind: 'other' });

    const engage = base64({ $set: { $email: 'jane@example.com', plan: 'pro' }, $token: TOKEN, $distinct_id: 'customer-77' });
    const [profile] = decodeOk({ url: 'https://api-js.mixpanel.com/engage/', method: 'POST', body: new URLSearchParams({ data: engage }).toString() }, [mixpanel]);
    expect(profile).toMatchObject({ account: TOKEN, eventName: '$set', kind: 'other' });
    expect(profile?.params).toMatchObject({ '$set.plan': 'pro', $distinct_id: 'customer-77' });
  });

  test('a request without data as a decode error', () => {
    const { errors } = decodeRequest({ url: 'https://api-js.mixpanel.com/track/?ip=1' }, [mixpanel]);
    expect(errors[0]).toMatch(/mixpanel.*data/);
  });
});

describe('mixpanel claims', () => {
  test.each([
    'https://api-js.mixpanel.com/track/?ip=1&_=1712345678901&ver=2.50.0',
    'https://api-js.mixpanel.com/engage/',
    'https://api.mixpanel.com/track',
    'https://api-eu.mixpanel.com/track?data=e30%3D',
    'https://api.mixpanel.com/import',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['mixpanel']);
  });

  test.each([
    'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js',
    'https://api-js.mixpanel.com/decide/?verbose=1&token=abc',
    'https://mixpanel.com/track',
    'https://api.mixpanel.com/tracking',
    'https://example.com/api.mixpanel.com/track',
  ])('not %s', (url) => {
    expect(claimedBy(url, [mixpanel])).toEqual([]);
  });
});
