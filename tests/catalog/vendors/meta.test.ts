import { describe, expect, test } from 'vitest';
import meta from '../../../src/catalog/vendors/meta.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

/** fbevents.js sending a purchase as an image GET. */
const purchaseGet = {
  url:
    'https://www.facebook.com/tr/?id=1234567890&ev=Purchase&dl=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you' +
    '&rl=https%3A%2F%2Fshop.example%2Fcheckout&if=false&ts=1712345678901&cd[value]=49.80&cd[currency]=EUR' +
    '&cd[content_type]=product&cd[content_ids]=%5B%22SKU1%22%5D&cd[order_id]=DS-1042&sw=1920&sh=1080' +
    '&v=2.9.156&r=stable&ec=2&o=4126&fbp=fb.1.1712345678901.123456789&eid=purchase-DS-1042&it=1712345678000' +
    '&coo=false&rqm=GET',
};

const FORM_FIELDS =
  'id=1234567890&ev=Purchase&dl=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you&rl=&if=false&ts=1712345678901' +
  '&cd[value]=120.00&cd[currency]=USD&cd[order_id]=DS-2001&cd[contents]=%5B%7B%22id%22%3A%22SKU9%22%2C%22quantity%22%3A1%7D%5D' +
  '&eid=purchase-DS-2001&v=2.9.156&r=stable&ec=3';

describe('meta decodes', () => {
  test('a purchase GET', () => {
    const [event, ...rest] = decodeOk(purchaseGet, [meta]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'meta',
      account: '1234567890',
      eventName: 'Purchase',
      kind: 'purchase',
      value: 49.8,
      currency: 'EUR',
      transactionId: 'DS-1042',
      eventId: 'purchase-DS-1042',
    });
    expect(event?.params).toMatchObject({ 'cd[content_ids]': '["SKU1"]', dl: 'https://shop.example/checkout/thank-you' });
  });

  test('a purchase POSTed as an urlencoded form to the bare /tr/ endpoint', () => {
    const [event] = decodeOk({ url: 'https://www.facebook.com/tr/', method: 'POST', body: FORM_FIELDS }, [meta]);
    expect(event).toMatchObject({
      account: '1234567890',
      eventName: 'Purchase',
      kind: 'purchase',
      value: 120,
      currency: 'USD',
      transactionId: 'DS-2001',
      eventId: 'purchase-DS-2001',
    });
    expect(event?.params['cd[contents]']).toBe('[{"id":"SKU9","quantity":1}]');
  });

  test('a purchase POSTed as multipart form data', () => {
    const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
    const body =
      [...new URLSearchParams(FORM_FIELDS)]
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') + `--${boundary}--\r\n`;
    const [event] = decodeOk({ url: 'https://www.facebook.com/tr/', method: 'POST', body }, [meta]);
    expect(event).toMatchObject({ eventName: 'Purchase', value: 120, currency: 'USD', transactionId: 'DS-2001' });
    expect(event?.params.rl).toBe('');
  });

  test('a PageView as a page view, and a custom event as other', () => {
    const [pageView] = decodeOk({ url: 'https://www.facebook.com/tr?id=1234567890&ev=PageView&dl=https%3A%2F%2Fshop.example%2F' }, [meta]);
    expect(pageView).toMatchObject({ eventName: 'PageView', kind: 'pageview' });
    const [addToCart] = decodeOk({ url: 'https://www.facebook.com/tr/?id=1234567890&ev=AddToCart&cd[value]=24.9' }, [meta]);
    expect(addToCart).toMatchObject({ eventName: 'AddToCart', kind: 'other', value: 24.9 });
  });

  test('no event for a Microdata POST (the pixel scraping page metadata)', () => {
    const body = 'id=1234567890&ev=Microdata&dl=https%3A%2F%2Fshop.example%2F&cd[DataLayer]=%5B%5D';
    expect(decodeOk({ url: 'https://www.facebook.com/tr/', method: 'POST', body }, [meta])).toEqual([]);
  });
});

describe('meta claims', () => {
  test.each([
    purchaseGet.url,
    'https://www.facebook.com/tr?id=1234567890&ev=PageView',
    'https://www.facebook.com/tr/',
    'https://facebook.com/tr/?id=1&ev=Lead',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['meta']);
  });

  test.each([
    'https://www.facebook.com/tr?id=1234567890&ev=Microdata&dl=https%3A%2F%2Fshop.example%2F',
    'https://connect.facebook.net/en_US/fbevents.js',
    'https://connect.facebook.net/signals/config/1234567890?v=2.9.156&r=stable',
    'https://www.facebook.com/tracking?id=1',
    'https://www.facebook.com/tr.js?id=1',
    'https://notfacebook.com/tr/?id=1&ev=Purchase',
  ])('not %s', (url) => {
    expect(claimedBy(url, [meta])).toEqual([]);
  });
});
