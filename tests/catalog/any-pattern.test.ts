import { describe, expect, it } from 'vitest';
import { combinePatterns } from '../../src/catalog/any-pattern.ts';
import { defineVendor, vendorClaims } from '../../src/catalog/define-vendor.ts';
import { loadVendors } from '../../src/catalog/index.ts';

const vendor = (id: string, patterns: RegExp[]) => defineVendor({ id, label: id, category: 'analytics', patterns, decode: () => [] });

const anyVendorPattern = (vendors: Parameters<typeof combinePatterns>[0], url: string) => combinePatterns(vendors)(url);

describe('combinePatterns', () => {
  it('agrees with trying every vendor one by one, on the real catalog', async () => {
    const { vendors } = await loadVendors();
    const urls = [
      'https://region1.google-analytics.com/g/collect?v=2&en=purchase',
      'https://www.facebook.com/tr/?id=1&ev=Purchase',
      'https://ad.doubleclick.net/activity;src=1;type=a;cat=b;ord=1?',
      'https://shop.example/assets/app.js',
      'https://shop.example/g/collectors',
      'https://analytics.tiktok.com/api/v2/pixel',
      'https://cdn.segment.com/analytics.js/v1/key/analytics.min.js',
    ];
    for (const url of urls) {
      const oneByOne = vendors.some((v) => v.patterns.some((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')).test(url)));
      expect(anyVendorPattern(vendors, url), url).toBe(oneByOne);
    }
  });

  it('keeps case-insensitive, global and back-referencing patterns exact', () => {
    const vendors = [vendor('a', [/^https:\/\/A\.example\//i]), vendor('b', [/^https:\/\/(x)\1\.example\//]), vendor('c', [/\/collect\?/g])];
    expect(anyVendorPattern(vendors, 'https://a.example/x')).toBe(true);
    expect(anyVendorPattern(vendors, 'https://xx.example/')).toBe(true);
    expect(anyVendorPattern(vendors, 'https://x.example/')).toBe(false);
    // A /g pattern tested twice in a row must not remember lastIndex.
    const anyPattern = combinePatterns(vendors);
    expect(anyPattern('https://z.example/collect?a')).toBe(true);
    expect(anyPattern('https://z.example/collect?a')).toBe(true);
    expect(vendorClaims(vendors[2]!, 'https://z.example/collect?a')).toBe(true);
    expect(vendorClaims(vendors[2]!, 'https://z.example/collect?a')).toBe(true);
  });
});
