import { describe, expect, it, test } from 'vitest';
import { attachPersonalData, findPersonalData } from '../../src/catalog/pii.ts';
import ga4 from '../../src/catalog/vendors/ga4.ts';
import meta from '../../src/catalog/vendors/meta.ts';
import type { TagRequest } from '../../src/model/tag-request.ts';

/** The vendor's events for a request with their personal data placed, as the catalog decodes them. */
function decodeWithPii(vendor: typeof ga4, request: TagRequest) {
  return attachPersonalData(request, vendor.decode(request, new URL(request.url)));
}

const GA4_SHARED =
  'https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO12345&gtm=45je4bh0v9&_p=1712345678901&gcs=G111' +
  '&cid=1234567890.1712345678&ul=en-us&sr=1920x1080&_s=3&sid=1712345678&sct=1&seg=1&dt=Thank%20you';

describe('personal data in clear', () => {
  it('finds e-mails encoded in URLs and JSON bodies, once, lower-cased', () => {
    expect(findPersonalData({ url: 'https://www.facebook.com/tr/?id=1&ev=Purchase&ud[em]=Jane.Doe%40Example.com&dl=https%3A%2F%2Fshop%2F%3Femail%3Djane.doe%2540example.com' })).toEqual({ emails: ['jane.doe@example.com'], phones: [] });
    expect(findPersonalData({ url: 'https://api.segment.io/v1/t', body: '{"event":"Order Completed","traits":{"email":"a.b@shop.fr","phone":"+33 6 12 34 56 78"}}' })).toEqual({ emails: ['a.b@shop.fr'], phones: ['+33 6 12 34 56 78'] });
  });

  it('phone numbers only where a parameter says so or in international form; ids, timestamps and hashes are not', () => {
    expect(findPersonalData({ url: 'https://x.example/?tel=0612345678&ts=1700000000000&cid=1473268947.1550531325' })).toEqual({ emails: [], phones: ['0612345678'] });
    expect(findPersonalData({ url: `https://x.example/?ud[em]=${'a'.repeat(64)}&ts=1700000000000&ord=123456789012` })).toBeUndefined();
  });
});

describe('personal data on the event that carries it', () => {
  test('a GA4 batch: the e-mail of the purchase line is on the purchase only, not on the page_view beside it', () => {
    const request = {
      url: `${GA4_SHARED}&dl=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you`,
      method: 'POST',
      body: 'en=page_view&_et=12&ep.page_type=confirmation\nen=purchase&_et=4&ep.transaction_id=DS-1042&epn.value=49.8&cu=EUR&ep.customer_email=jane.doe%40example.com',
    };
    const [pageView, purchase] = decodeWithPii(ga4, request);
    expect(pageView).toMatchObject({ eventName: 'page_view', line: 1 });
    expect(pageView?.pii).toBeUndefined();
    expect(purchase).toMatchObject({ eventName: 'purchase', line: 2, pii: { emails: ['jane.doe@example.com'], phones: [] } });
  });

  test('personal data in the shared query belongs to every event of the batch, with each line\'s own', () => {
    const request = {
      url: `${GA4_SHARED}&dl=https%3A%2F%2Fshop.example%2Fthank-you%3Femail%3Djane.doe%2540example.com`,
      method: 'POST',
      body: 'en=page_view&_et=12\nen=purchase&ep.transaction_id=DS-1042&ep.phone=%2B33%206%2012%2034%2056%2078',
    };
    const [pageView, purchase] = decodeWithPii(ga4, request);
    expect(pageView?.pii).toEqual({ emails: ['jane.doe@example.com'], phones: [] });
    expect(purchase?.pii).toEqual({ emails: ['jane.doe@example.com'], phones: ['+33 6 12 34 56 78'] });
  });

  test('a request of one event: everything it carries, URL and body', () => {
    const request = { url: 'https://www.facebook.com/tr/?id=1&ev=Purchase&ud[em]=jane.doe%40example.com', method: 'GET' };
    const [event] = decodeWithPii(meta, request);
    expect(event?.pii).toEqual({ emails: ['jane.doe@example.com'], phones: [] });
    expect(event?.line).toBeUndefined();
  });

  test('no personal data: the events come back as they are', () => {
    const request = { url: GA4_SHARED, method: 'POST', body: 'en=page_view\nen=purchase&ep.transaction_id=DS-1' };
    const events = ga4.decode(request, new URL(request.url));
    expect(attachPersonalData(request, events)).toBe(events);
  });
});
