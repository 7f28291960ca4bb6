import { describe, expect, test } from 'vitest';
import awin from '../../../src/catalog/vendors/awin.ts';
import { claimedBy, decodeOk, loadCatalog } from '../helpers.ts';

const catalog = await loadCatalog();

/** The conversion tag's image fallback, as Awin's integration guide shows it. */
const imagePixel =
  'https://www.awin1.com/sread.img?tt=ns&tv=2&merchant=12345&amount=49.80&ch=aw&cr=EUR&parts=DEFAULT:49.80&ref=DS-1042&vc=SUMMER10&testmode=0';

describe('awin decodes', () => {
  test('the image pixel as a purchase with merchant, order reference, amount and currency', () => {
    const [event, ...rest] = decodeOk({ url: imagePixel }, [awin]);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      vendor: 'awin',
      account: '12345',
      eventName: 'sale',
      kind: 'purchase',
      transactionId: 'DS-1042',
      value: 49.8,
      currency: 'EUR',
    });
    expect(event?.params).toMatchObject({ parts: 'DEFAULT:49.80', vc: 'SUMMER10', ch: 'aw', tt: 'ns' });
    expect(event?.clickIds).toBeUndefined();
  });

  test('the server-to-server call with the awc click reference', () => {
    const url =
      'https://www.awin1.com/sread.php?tt=ss&tv=2&merchant=12345&amount=120.00&ch=aw&cr=GBP&parts=NEW:100.00|EXISTING:20.00&ref=ORD-77&cks=12345_1712345678_abcdef0123456789';
    const [event] = decodeOk({ url }, [awin]);
    expect(event).toMatchObject({
      account: '12345',
      transactionId: 'ORD-77',
      value: 120,
      currency: 'GBP',
      clickIds: { awc: '12345_1712345678_abcdef0123456789' },
    });
  });

  test('the JS tag variant', () => {
    const [event] = decodeOk({ url: 'https://www.awin1.com/sread.js?tt=js&tv=2&merchant=999&amount=10&cr=USD&ref=A1' }, [awin]);
    expect(event).toMatchObject({ account: '999', kind: 'purchase', value: 10, currency: 'USD', transactionId: 'A1' });
  });
});

describe('awin claims', () => {
  test.each([imagePixel, 'https://www.awin1.com/sread.php?tt=ss&tv=2&merchant=1', 'https://awin1.com/sread.img?tt=ns&merchant=1'])(
    '%s, and no other vendor does',
    (url) => {
      expect(claimedBy(url, catalog)).toEqual(['awin']);
    },
  );

  test.each([
    'https://www.awin1.com/cread.php?awinmid=12345&awinaffid=678&ued=https%3A%2F%2Fshop.example',
    'https://www.dwin1.com/12345.js',
    'https://www.awin1.com/sread.image?tt=ns',
    'https://example.com/www.awin1.com/sread.img?tt=ns',
  ])('not %s', (url) => {
    expect(claimedBy(url, [awin])).toEqual([]);
  });
});
