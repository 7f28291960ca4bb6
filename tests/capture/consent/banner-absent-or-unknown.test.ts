import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

describe('consent banner: nothing to answer, or nothing we can answer (real Chromium)', () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a home-made banner whose buttons no rule or name list knows is not-handled, never a pass', async () => {
    for (const choice of ['refuse', 'accept'] as const) {
      const visit = await harness.visit('unknown-banner');
      const result = await handleConsentBanner(visit.page, choice, 2500);
      expect(result.outcome).toBe('not-handled');
      expect(result.method).toBe('none');
      expect(result.detail).toContain('div#shop-notice');
      // Nothing was clicked: the banner is still up and no choice was stored.
      expect(await visit.page.getByRole('button', { name: 'Nope' }).isVisible()).toBe(true);
      expect(await visit.cookie('shop_notice')).toBeUndefined();
    }
  });

  it('a page without a banner is no-banner, even with a "Privacy and cookie policy" link in the footer', async () => {
    const visit = await harness.visit('no-banner');
    const result = await handleConsentBanner(visit.page, 'refuse', 2500);
    expect(result).toEqual({ outcome: 'no-banner', method: 'none' });
  });

  it('ignore leaves a known CMP alone: autoconsent is installed but answers nothing', async () => {
    const visit = await harness.visit('cookieconsent');
    const result = await handleConsentBanner(visit.page, 'ignore', 2500);
    expect(result).toEqual({ outcome: 'ignored', method: 'none' });
    await visit.page.waitForTimeout(1000);
    expect(await visit.page.getByRole('button', { name: 'Rechazar todo' }).isVisible()).toBe(true);
    expect(await visit.cookie('cc_cookie')).toBeUndefined();
    expect(visit.pixelHits()).toEqual([]);
  });
});
