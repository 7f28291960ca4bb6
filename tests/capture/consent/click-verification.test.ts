import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

/** The name-click fallback checks every click took, on a banner whose buttons answer late or never. */
describe('consent banner: clicks are verified and retried (real Chromium)', () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a click that does not take (the tarteaucitron quirk) is seen and clicked again until the banner goes', async () => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?deadClicks=2`);
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    expect(result).toEqual({ outcome: 'refused', method: 'fallback', detail: 'clicked "Reject all" (3 clicks: 2 did not take)' });
    expect(await visit.cookie('shop_consent')).toBe('no');
    expect(await visit.page.evaluate('window.bannerClicks')).toEqual({ ignored: 2, answered: 1 });
  });

  it('a banner that stays up after the CMP stored the answer counts as answered', async () => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?deadClicks=0&keepBanner=1`);
    const result = await handleConsentBanner(visit.page, 'refuse', 3000);
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback' });
    expect(result.detail).toMatch(/the banner stayed but the CMP stored a choice \(cookie:shop_consent\)$/);
  });

  it('a button that never answers is not-handled after its retries, however busy other cookies are', async () => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?noise=1`);
    const result = await handleConsentBanner(visit.page, 'refuse', 3000);
    expect(result.outcome).toBe('not-handled');
    expect(result.detail).toMatch(/^"Reject all" button stayed after \d+ clicks$/);
    expect(await visit.cookie('shop_consent')).toBeUndefined();
  });
});
