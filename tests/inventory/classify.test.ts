import { describe, expect, it } from 'vitest';
import { classifyRequest } from '../../src/inventory/classify.ts';
import { isThirdPartyHost } from '../../src/inventory/third-party.ts';
import { loadTrackerDb } from '../../src/inventory/trackerdb.ts';

const PAGE = 'http://127.0.0.1:8080/checkout';

describe('classifyRequest (the real Ghostery tracker database)', () => {
  it('names Google Analytics, Meta and TikTok hits by vendor, category and company', async () => {
    const db = await loadTrackerDb();
    expect(classifyRequest(db, { url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-X&en=purchase', resourceType: 'Ping' }, PAGE)).toEqual({
      id: 'google_analytics',
      name: 'Google Analytics',
      category: { key: 'site_analytics', name: 'Site Analytics' },
      organization: 'Google',
    });
    expect(classifyRequest(db, { url: 'https://www.facebook.com/tr/?id=1&ev=Purchase', resourceType: 'Image' }, PAGE)).toMatchObject({
      name: expect.stringMatching(/^Facebook/),
      category: { key: 'advertising', name: 'Advertising' },
      organization: 'Meta',
    });
    expect(classifyRequest(db, { url: 'https://analytics.tiktok.com/api/v2/pixel', resourceType: 'Fetch' }, PAGE)).toEqual({
      id: 'tiktok_analytics',
      name: 'TikTok Analytics',
      category: { key: 'site_analytics', name: 'Site Analytics' },
      organization: 'ByteDance Inc',
    });
  });

  it('names a host by its domain when only the host is known (run logs without a sample URL)', async () => {
    const db = await loadTrackerDb();
    expect(classifyRequest(db, { url: 'https://o.clarity.ms/' }, PAGE)).toMatchObject({ id: 'microsoft_clarity', name: 'Microsoft Clarity', organization: 'Microsoft' });
  });

  it('keeps a host trackerdb does not know as unknown, named after its registrable domain', async () => {
    const db = await loadTrackerDb();
    expect(classifyRequest(db, { url: 'https://cdn.eu.tagwatch-unknown-vendor.co.uk/px.js?x=1', resourceType: 'Script' }, PAGE)).toEqual({
      id: 'unknown:tagwatch-unknown-vendor.co.uk',
      name: 'tagwatch-unknown-vendor.co.uk',
      category: { key: 'unknown', name: 'Unknown' },
    });
  });

  it('loads the engine once per process', async () => {
    expect(await loadTrackerDb()).toBe(await loadTrackerDb());
    expect((await loadTrackerDb()).loadMs).toBeGreaterThan(0);
  });
});

describe('isThirdPartyHost', () => {
  it('compares registrable domains; loopback is never a third party', async () => {
    const { registrableDomain } = await loadTrackerDb();
    expect(isThirdPartyHost('cdn.shop.co.uk', 'www.shop.co.uk', registrableDomain)).toBe(false);
    expect(isThirdPartyHost('www.clarity.ms', 'www.shop.co.uk', registrableDomain)).toBe(true);
    expect(isThirdPartyHost('other.co.uk', 'shop.co.uk', registrableDomain)).toBe(true);
    expect(isThirdPartyHost('www.clarity.ms', '127.0.0.1', registrableDomain)).toBe(true);
    expect(isThirdPartyHost('localhost', '127.0.0.1', registrableDomain)).toBe(false);
    expect(isThirdPartyHost('127.0.0.2', '127.0.0.1', registrableDomain)).toBe(false);
  });
});
