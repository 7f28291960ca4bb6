import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { autoconsentFor } from '../../../src/capture/consent/autoconsent-bridge.ts';
import { CmpHarness } from './cmp-harness.ts';

/** The cases are independent, each on contexts of its own: they run side by side, six contexts at most. */
const CONCURRENT_TIMEOUT_MS = 240_000;

const NO_BANNER_CASES = (['accept', 'refuse', 'ignore'] as const).flatMap((choice) => [true, false].map((autoconsent) => ({ choice, autoconsent })));

describe.concurrent('consent banner: nothing to answer, or nothing we can answer (real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a home-made banner whose buttons no rule or name list knows is not-handled, never a pass', async ({ expect }) => {
    // A banner seen without a button it knows gets the answer's budget (a quarter of the journey's
    // time limit) for one to show. The shortest journey limit the budgets allow keeps that wait at
    // its 6 s floor instead of the default journey's 15 s; the two choices wait side by side.
    await Promise.all(
      (['refuse', 'accept'] as const).map(async (choice) => {
        const visit = await harness.visit('unknown-banner');
        const result = await handleConsentBanner(visit.page, choice, 2500, { journeyTimeLimitMs: 24_000 });
        expect(result.outcome).toBe('not-handled');
        expect(result.method).toBe('none');
        expect(result.detail).toContain('div#shop-notice');
        // Nothing was clicked: the banner is still up and no choice was stored.
        expect(await visit.page.getByRole('button', { name: 'Nope' }).isVisible()).toBe(true);
        expect(await visit.cookie('shop_notice')).toBeUndefined();
      }),
    );
  });

  it.for(NO_BANNER_CASES)('a page without a banner is no-banner, even with a "Privacy and cookie policy" link in the footer: $choice, autoconsent $autoconsent', async ({ choice, autoconsent }, { expect }) => {
    const visit = await harness.visit('no-banner', autoconsent ? 'upfront' : 'late');
    expect(await handleConsentBanner(visit.page, choice, 2500, { autoconsent })).toEqual({ outcome: 'no-banner', method: 'none' });
  });

  // The two cases below are also outcome-equals-stored.test.ts's answers "tarteaucitron, ignore,
  // autoconsent off" and "cookieconsent, ignore, autoconsent on" (it leaves them to these): same call.
  it('ignore on a page whose banner comes late waits for it: ignored, not no-banner', async ({ expect }) => {
    // The tarteaucitron page builds its banner from scripts it loads after the load event.
    const visit = await harness.visit('tarteaucitron', 'late');
    const result = await handleConsentBanner(visit.page, 'ignore', 4000, { autoconsent: false });
    expect(result).toMatchObject({ outcome: 'ignored', method: 'none', cmp: 'tarteaucitron' });
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=wait');
  });

  it('ignore leaves a known CMP alone: autoconsent is installed but answers nothing', async ({ expect }) => {
    const visit = await harness.visit('cookieconsent');
    const result = await handleConsentBanner(visit.page, 'ignore', 4000, { autoconsent: true });
    // Named as the page names it (its CookieConsent global), not by autoconsent's rule.
    expect(result).toMatchObject({ outcome: 'ignored', method: 'none', cmp: 'CookieConsent (orestbida)' });
    // Autoconsent found the CMP's popup (it knows cookieconsent) and still answered nothing.
    const autoconsent = await autoconsentFor(visit.page);
    await expect.poll(() => autoconsent.popup()?.cmp, { timeout: 15_000 }).toBeDefined();
    expect(await visit.page.getByRole('button', { name: 'Rechazar todo' }).isVisible()).toBe(true);
    expect(await visit.cookie('cc_cookie')).toBeUndefined();
    expect(visit.pixelHits()).toEqual([]);
  });
});
