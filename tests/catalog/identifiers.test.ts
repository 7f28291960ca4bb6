import { beforeAll, describe, expect, it } from 'vitest';
import type { VendorDefinition } from '../../src/catalog/define-vendor.ts';
import { decodeOk, loadCatalog } from './helpers.ts';

const HASH = 'a'.repeat(64);
let vendors: VendorDefinition[];
beforeAll(async () => {
  vendors = await loadCatalog();
});

describe('click ids and cross-device identifiers', () => {
  it('google-ads: gclaw click id and enhanced-conversion e-mail', () => {
    const [event] = decodeOk({ url: `https://www.googleadservices.com/pagead/conversion/987654321/?label=L&oid=DS-1&value=5&gclaw=G1&em=tv.1~em.${HASH}` }, vendors);
    expect(event).toMatchObject({ clickIds: { gclaw: 'G1' }, userIds: { email: `tv.1~em.${HASH}` } });
  });

  it('meta: fbc click id and hashed e-mail; fbp (a browser id) is not cross-device', () => {
    const [event] = decodeOk({ url: `https://www.facebook.com/tr/?id=1&ev=Purchase&fbp=fb.1.1.2&fbc=fb.1.1700000000.F1&ud[em]=${HASH}` }, vendors);
    expect(event!.clickIds).toEqual({ fbc: 'fb.1.1700000000.F1' });
    expect(event!.userIds).toEqual({ email: HASH });
  });

  it('tiktok: ttclid in context.ad.callback and hashed e-mail in context.user', () => {
    const body = JSON.stringify({ event: 'CompletePayment', context: { pixel: { code: 'C1' }, ad: { callback: 'T1' }, user: { email: HASH } }, properties: {} });
    const [event] = decodeOk({ url: 'https://analytics.tiktok.com/api/v2/pixel', method: 'POST', body }, vendors);
    expect(event).toMatchObject({ clickIds: { ttclid: 'T1' }, userIds: { email: HASH } });
  });

  it('no identifiers: the fields are absent, not empty', () => {
    const [event] = decodeOk({ url: 'https://www.facebook.com/tr/?id=1&ev=PageView' }, vendors);
    expect(event).not.toHaveProperty('clickIds');
    expect(event).not.toHaveProperty('userIds');
  });
});

describe('Google consent signals', () => {
  it('gcd gives Consent Mode v2 signals and backs up gcs', () => {
    const [accepted] = decodeOk({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1&en=page_view&gcs=G111&gcd=13r3r3r3r5l1' }, vendors);
    expect(accepted!.consent).toMatchObject({ adStorage: 'granted', analyticsStorage: 'granted', adUserData: 'granted', adPersonalization: 'granted' });
    const [refused] = decodeOk({ url: 'https://www.googleadservices.com/pagead/conversion/1/?label=L&oid=1&gcd=13q3q3q3q5l1' }, vendors);
    expect(refused!.consent).toMatchObject({ adStorage: 'denied', analyticsStorage: 'denied', adUserData: 'denied', adPersonalization: 'denied' });
    const [unset] = decodeOk({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1&en=page_view&gcd=11l1l1l1l5' }, vendors);
    expect(unset!.consent).toEqual({ gcd: '11l1l1l1l5' });
  });
});
