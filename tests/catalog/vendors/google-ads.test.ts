import { describe, expect, test } from 'vitest';
import googleAds from '../../../src/catalog/vendors/google-ads.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

/** A gtag purchase conversion as the thank-you page fires it. */
const purchaseConversion = {
  url:
    'https://www.googleadservices.com/pagead/conversion/987654321/?random=1712345678901&cv=11&fst=1712345678901' +
    '&bg=ffffff&guid=ON&async=1&gtm=45be4bh0&gcs=G111&gcd=13l3l3l3l1&dma=0&npa=0&u_w=1920&u_h=1080' +
    '&url=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you&frm=0&tiba=Thank%20you' +
    '&label=X&value=64.8&currency_code=EUR&oid=DS-1&hn=www.googleadservices.com&rfmt=3&fmt=4',
};

/** The remarketing hit gtag sends on every page once the AW tag is configured. */
const remarketingPageView = {
  url:
    'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/?random=1712345678902&cv=11' +
    '&fst=1712345678902&bg=ffffff&guid=ON&async=1&gtm=45be4bh0&gcs=G100&gcd=13p3p3p3p1&npa=1' +
    '&data=event%3Dgtag.config&url=https%3A%2F%2Fshop.example%2F&tiba=Demo%20Shop&rfmt=3&fmt=4',
};

describe('google-ads decodes', () => {
  test('a labelled conversion with an order id and value as a purchase', () => {
    const [event, ...rest] = decodeOk(purchaseConversion, [googleAds]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'google-ads',
      account: 'AW-987654321/X',
      eventName: 'conversion',
      kind: 'purchase',
      transactionId: 'DS-1',
      value: 64.8,
      currency: 'EUR',
      consent: { gcs: 'G111', adStorage: 'granted', analyticsStorage: 'granted', npa: '0' },
    });
    expect(event?.params).toMatchObject({ label: 'X', oid: 'DS-1', tiba: 'Thank you' });
  });

  test('the short /pagead/conversion form from the brief', () => {
    const url = 'https://googleadservices.com/pagead/conversion/987654321/?label=X&value=64.8&currency_code=EUR&oid=DS-1';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ account: 'AW-987654321/X', kind: 'purchase', transactionId: 'DS-1', value: 64.8 });
  });

  test('the gtag.config remarketing hit as a page view of the account, with consent denied', () => {
    const [event] = decodeOk(remarketingPageView, [googleAds]);
    expect(event).toMatchObject({
      account: 'AW-987654321',
      eventName: 'gtag.config',
      kind: 'pageview',
      consent: { gcs: 'G100', gcd: '13p3p3p3p1', npa: '1', adStorage: 'denied', analyticsStorage: 'denied' },
    });
  });

  test('the event name gtag puts in data=event=...', () => {
    const url =
      'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/AW-12345678/?label=Lbl' +
      '&data=event%3Dpurchase%3Ballow_custom_scripts%3Dtrue&value=10';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ account: 'AW-12345678/Lbl', eventName: 'purchase', kind: 'purchase', value: 10 });
  });

  test('a labelled conversion without order id or value (a lead, a sign-up) as other', () => {
    const url = 'https://www.googleadservices.com/pagead/conversion/987654321/?label=SignUp&guid=ON';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ eventName: 'conversion', kind: 'other' });
    expect(event?.consent).toBeUndefined();
  });

  test('an unlabelled hit without data as a page view', () => {
    const url = 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/?random=1&guid=ON';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ account: 'AW-987654321', eventName: 'page_view', kind: 'pageview' });
  });
});

/**
 * The follow-ons gtag sends after a conversion and a remarketing hit (as a real purchase page sends
 * them: 1p-conversion with the same label, order id and value; 1p-user-list with the remarketing data).
 */
const conversionFollowOn =
  'https://www.google.com/pagead/1p-conversion/987654321/?random=1712345678901&cv=11&fst=1712345678901&bg=ffffff' +
  '&guid=ON&async=1&gtm=45be4bh0&gcd=13l3l3l3l1&dma=0&u_w=1920&u_h=1080&url=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you' +
  '&label=X&hn=www.googleadservices.com&frm=0&tiba=Thank%20you&value=64.8&currency_code=EUR&oid=DS-1&bttype=purchase&npa=0' +
  '&pscdl=noapi&auid=1409301134.1712345670&fledge=1&capi=1&_tu=Cg&em=tv.1&ct_cookie_present=0&sscte=1&is_vtc=1&cid=CAQSKQB&random=3849563&rmt_tld=0&ipr=y';
const userListFollowOn =
  'https://www.google.co.uk/pagead/1p-user-list/987654321/?random=1712345678902&cv=11&fst=1712345678902&bg=ffffff&guid=ON' +
  '&async=1&gtm=45be4bh0&gcd=13l3l3l3l1&dma=0&u_w=1920&u_h=1080&url=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you' +
  '&frm=0&tiba=Thank%20you&value=64.8&currency_code=EUR&oid=DS-1&data=event%3Dpurchase%3Btransaction_id%3DDS-1%3Bvalue%3D64.8' +
  '&npa=0&pscdl=noapi&auid=1409301134.1712345670&is_vtc=1&cid=CAQSKQB&random=2203920&rmt_tld=1&ipr=y';

describe('google-ads decodes the follow-on requests as companions of their conversion', () => {
  test('1p-conversion on www.google.com: the same account, label, order id and value as the conversion, companion', () => {
    const [original] = decodeOk(purchaseConversion, [googleAds]);
    const [followOn, ...rest] = decodeOk({ url: conversionFollowOn }, [googleAds]);
    expect(rest).toEqual([]);
    expect(followOn).toMatchObject({
      vendor: 'google-ads', account: 'AW-987654321/X', eventName: 'conversion', kind: 'purchase',
      transactionId: 'DS-1', value: 64.8, currency: 'EUR', companion: true,
    });
    for (const field of ['account', 'eventName', 'kind', 'transactionId', 'value', 'currency'] as const) expect(followOn?.[field]).toEqual(original?.[field]);
    expect(original?.companion).toBeUndefined();
  });

  test('1p-user-list on a country domain: the remarketing purchase of the account, companion, no conversion', () => {
    const [event] = decodeOk({ url: userListFollowOn }, [googleAds]);
    expect(event).toMatchObject({
      vendor: 'google-ads', account: 'AW-987654321', eventName: 'purchase (remarketing)', kind: 'other',
      transactionId: 'DS-1', value: 64.8, currency: 'EUR', companion: true,
    });
  });

  test('the order id from the data parameter when oid is absent', () => {
    const url = 'https://www.google.de/pagead/1p-conversion/AW-987654321/?label=X&value=10&data=event%3Dpurchase%3Btransaction_id%3DDS-7';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ account: 'AW-987654321/X', eventName: 'purchase', kind: 'purchase', transactionId: 'DS-7', value: 10, companion: true });
  });
});

describe('google-ads tells remarketing from conversions', () => {
  test('an unlabelled event=purchase hit is remarketing: named so, not a purchase', () => {
    const url =
      'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/?random=1712345678903&cv=11&fst=1712345678903' +
      '&guid=ON&async=1&gtm=45be4bh0&gcs=G111&data=event%3Dpurchase%3Bvalue%3D64.8%3Btransaction_id%3DDS-1%3Bcurrency%3DEUR' +
      '&url=https%3A%2F%2Fshop.example%2Fcheckout%2Fthank-you&value=64.8&currency_code=EUR&oid=DS-1&rfmt=3&fmt=4';
    const [event] = decodeOk({ url }, [googleAds]);
    expect(event).toMatchObject({ account: 'AW-987654321', eventName: 'purchase (remarketing)', kind: 'other', transactionId: 'DS-1', value: 64.8 });
    expect(event?.companion).toBeUndefined();
  });
});

describe('google-ads claims', () => {
  test.each([
    purchaseConversion.url,
    remarketingPageView.url,
    'https://googleadservices.com/pagead/conversion/987654321/?label=X',
    'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/AW-12345678/?random=1',
    conversionFollowOn,
    userListFollowOn,
    'https://www.google.com/pagead/1p-user-list/987654321/?random=1',
    'https://www.google.fr/pagead/1p-conversion/987654321/?label=X',
    'https://www.google.com.au/pagead/1p-conversion/987654321/',
  ])('%s, and no other vendor does', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['google-ads']);
  });

  test.each([
    'https://1234567.fls.doubleclick.net/activityi;src=1234567;type=group1;cat=thank123;ord=1?',
    'https://www.googleadservices.com/pagead/conversion_async.js',
    'https://googleads.g.doubleclick.net/pagead/viewthroughexample/1111111/?random=1',
    'https://googleads.g.doubleclick.net/pagead/id',
    'https://stats.g.doubleclick.net/g/collect?v=2&tid=G-1',
    'https://www.googletagmanager.com/gtag/js?id=AW-987654321',
    // Not Google's own host, and not the follow-on paths.
    'https://www.google.example.com/pagead/1p-conversion/987654321/',
    'https://shop.example/www.google.com/pagead/1p-conversion/987654321/',
    'https://www.google.com/pagead/1p-conversion/',
    'https://www.google.com/recaptcha/api.js',
  ])('not %s', (url) => {
    expect(claimedBy(url, [googleAds])).toEqual([]);
  });
});
