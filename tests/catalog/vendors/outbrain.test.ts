import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import outbrain from '../../../src/catalog/vendors/outbrain.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

interface CorpusCase { id: string; provider: string; url: string; omnibug: { account?: string; eventName?: string; transactionId?: string; value?: string; currency?: string } }
const corpus = JSON.parse(readFileSync(new URL('../../fixtures/omnibug/tag-hits.omnibug.json', import.meta.url), 'utf8')) as {
  cases: CorpusCase[];
  patterns: { provider: string; url: string; expectMatch: boolean }[];
};

const MARKETERS = '004e6e2a8dddb574d007a0de6dfc517063,00c8f9e47f3276f93622bf0fc68f3902e8,000e82d9fd79b774dfc2addc8ab340a83b';

describe('outbrain decodes', () => {
  test.each(corpus.cases.filter((c) => c.provider === 'OUTBRAIN').map((c) => [c.id, c] as const))('corpus %s as Omnibug does', (_id, c) => {
    expect(claimedBy(c.url, catalog)).toEqual(['outbrain']);
    const [event, ...rest] = decodeOk({ url: c.url }, [outbrain]);
    expect(rest).toEqual([]);
    expect(event?.account).toBe(c.omnibug.account);
    expect(event?.eventName).toBe(c.omnibug.eventName);
    expect(event?.transactionId).toBe(c.omnibug.transactionId);
    expect(event?.value).toBe(c.omnibug.value === undefined ? undefined : Number(c.omnibug.value));
    expect(event?.currency).toBe(c.omnibug.currency);
  });

  test('the corpus purchase with order id, value and currency; PAGE_VIEW as a page view', () => {
    const [purchase] = decodeOk({ url: corpus.cases.find((c) => c.id === 'Outbrain-02')!.url }, [outbrain]);
    expect(purchase).toMatchObject({ vendor: 'outbrain', account: MARKETERS, eventName: 'purchase', kind: 'purchase', transactionId: 'abc123', value: 12.25, currency: 'USD' });
    const [pageView] = decodeOk({ url: corpus.cases.find((c) => c.id === 'Outbrain-01')!.url }, [outbrain]);
    expect(pageView).toMatchObject({ eventName: 'PAGE_VIEW', kind: 'pageview' });
  });

  test('a custom-named conversion with an order id as a purchase, with its click ids', () => {
    const url = 'https://tr.outbrain.com/unifiedPixel?marketerId=00aa11bb22cc33dd44ee55ff66778899aa&obApiVersion=1.1&obtpVersion=1.5.7&name=Checkout%20Complete&orderValue=89.90&currency=EUR&orderId=DS-1042&obclid=OB-abc123&dicbo=v2-xyz&dl=https%3A%2F%2Fshop.example%2Fthank-you&optOut=false&bust=0123';
    const [event] = decodeOk({ url }, [outbrain]);
    expect(event).toMatchObject({
      account: '00aa11bb22cc33dd44ee55ff66778899aa',
      eventName: 'Checkout Complete',
      kind: 'purchase',
      transactionId: 'DS-1042',
      value: 89.9,
      currency: 'EUR',
      clickIds: { obclid: 'OB-abc123', dicbo: 'v2-xyz' },
    });
    expect(event?.params.dl).toBe('https://shop.example/thank-you');
  });

  test('a custom event without an order as other', () => {
    const [event] = decodeOk({ url: 'https://tr.outbrain.com/unifiedPixel?marketerId=00aa&name=newsletter_signup' }, [outbrain]);
    expect(event).toMatchObject({ eventName: 'newsletter_signup', kind: 'other' });
    expect(event?.clickIds).toBeUndefined();
  });
});

describe('outbrain claims', () => {
  test.each(corpus.patterns.filter((p) => p.provider === 'OUTBRAIN').map((p) => [p.url, p.expectMatch] as const))('corpus check %s (match: %s)', (url, expectMatch) => {
    expect(claimedBy(url, catalog)).toEqual(expectMatch ? ['outbrain'] : []);
  });

  test.each([
    'https://tr.outbrain.com/pixel?marketerId=00aa&name=PAGE_VIEW',
    'https://tr.outbrain.com/unifiedPixel?marketerId=00aa&name=purchase',
  ])('%s', (url) => {
    expect(claimedBy(url, catalog)).toEqual(['outbrain']);
  });

  test.each([
    'https://amplify.outbrain.com/cp/obtp.js',
    'https://widgets.outbrain.com/outbrain.js',
    'https://tr.outbrain.com/unifiedPixelConfig?marketerId=00aa',
    'https://example.com/tr.outbrain.com/unifiedPixel?marketerId=00aa',
  ])('not %s', (url) => {
    expect(claimedBy(url, [outbrain])).toEqual([]);
  });
});
