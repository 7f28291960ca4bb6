import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { createJourney } from '../../../src/capture/journey.ts';
import type { RunEvent } from '../../../src/model/run-event.ts';
import { CmpHarness } from './cmp-harness.ts';

/**
 * A case's time here includes its siblings' work: on a loaded machine that is up to the whole
 * group's, so the bound is the browser layer's 120 s per case times two.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/**
 * The name-click fallback checks every click took, on a banner whose buttons answer late or never.
 * Each case has a context of its own and spends most of its time waiting for banners to react
 * (seconds of reaction windows per click): the cases run side by side in one Chromium.
 */
describe.concurrent('consent banner: clicks are verified and retried (real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a click that does not take (the tarteaucitron quirk) is seen and clicked again until the banner goes', async ({ expect }) => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?deadClicks=2`);
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    expect(result).toEqual({ outcome: 'refused', method: 'fallback', detail: 'clicked "Reject all" (3 clicks: 2 did not take)' });
    expect(await visit.cookie('shop_consent')).toBe('no');
    expect(await visit.page.evaluate('window.bannerClicks')).toEqual({ ignored: 2, answered: 1 });
  });

  it('a banner that stays up after the CMP stored the answer counts as answered', async ({ expect }) => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?deadClicks=0&keepBanner=1`);
    const result = await handleConsentBanner(visit.page, 'refuse', 3000);
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback' });
    expect(result.detail).toMatch(/the banner stayed but the CMP stored a choice \(cookie:shop_consent\)$/);
  });

  for (const [choice, outcome, stored] of [['refuse', 'refused', 'no'], ['accept', 'accepted', 'yes']] as const) {
    it(`a click Playwright reports as failed but the page took is ${outcome}: the button stores the choice, then keeps the main thread busy past the click's timeout`, async ({ expect }) => {
      // 15 s of busy main thread: longer than any click timeout this journey limit allows (4 s, grown at most threefold with the load).
      const visit = await harness.visit(`${harness.url}/pages/blocking-banner.html?blockMs=15000`);
      const result = await handleConsentBanner(visit.page, choice, 3000, { journeyTimeLimitMs: 24_000 });
      expect(result).toMatchObject({ outcome, method: 'fallback' });
      // Playwright did throw (its timeout is in the detail), and the page took that one click.
      expect(result.detail).toMatch(/Playwright reported "Timeout \d+ms exceeded[^"]*" but the page took the click/);
      expect(await visit.page.evaluate('window.bannerClicks')).toBe(1);
      expect(await visit.cookie('shop_consent')).toBe(stored);
    });
  }

  it('the same with the banner left up after the choice was stored: the stored choice is the answer after one click', async ({ expect }) => {
    const visit = await harness.visit(`${harness.url}/pages/blocking-banner.html?blockMs=15000&keepBanner=1`);
    const result = await handleConsentBanner(visit.page, 'refuse', 3000, { journeyTimeLimitMs: 24_000 });
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback' });
    expect(result.detail).toMatch(/Playwright reported "Timeout.*the banner stayed but the CMP stored a choice \(cookie:shop_consent\)$/);
    expect(await visit.page.evaluate('window.bannerClicks')).toBe(1);
    expect(await visit.cookie('shop_consent')).toBe('no');
  });

  it('a banner stored "not decided yet" by its CMP is clicked again, and the refusal read after the click that stored it', async ({ expect }) => {
    // tarteaucitron writes `=wait` at load; its first clicks can land before it listens.
    const visit = await harness.visit('tarteaucitron', 'late');
    const result = await handleConsentBanner(visit.page, 'refuse', 3000, { autoconsent: false });
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback', cmp: 'tarteaucitron' });
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=false');
  });

  it('a button that never answers is not-handled after a bounded number of clicks, said to be tagwatch\'s failure, however busy other cookies are', async ({ expect }) => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html?noise=1`);
    // A short journey limit keeps the test short: the budgets derive from it.
    const result = await handleConsentBanner(visit.page, 'refuse', 3000, { journeyTimeLimitMs: 40_000 });
    expect(result.outcome).toBe('not-handled');
    expect(result.detail).toMatch(
      /^tagwatch could not answer the consent banner \(CMP not recognised, refuse button "Reject all"\): the "Reject all" button stayed after \d+ clicks? that did not take(, and .*)?; tried .*clicking "Reject all" by name for [\d.]+ s \(\d+ clicks? performed, each given up to [\d.]+ s to become clickable\); [\d.]+ s in all\. The journey's tags were not measured; this is a limit of tagwatch's banner handling, not a failure of the site$/,
    );
    expect(await visit.cookie('shop_consent')).toBeUndefined();
    const clicks = (await visit.page.evaluate('window.bannerClicks')) as { ignored: number };
    // Clicked again after a click that did not take, but not endlessly.
    expect(clicks.ignored).toBeGreaterThanOrEqual(1);
    expect(clicks.ignored).toBeLessThanOrEqual(8);
  });

  it('journey.consent stops the journey on a banner it could not answer, the error saying it is tagwatch\'s, the decision logged', async ({ expect }) => {
    const visit = await harness.visit(`${harness.url}/pages/late-wired-banner.html`);
    const events: RunEvent[] = [];
    const journey = createJourney({ runId: '20261203-000000-abcd', condition: 'consent-refused', scenario: 'purchase', repeat: 1, stampEmail: 'qa+{stamp}@shop.example', consentChoice: 'refuse' }, (e) => events.push(e));
    await expect(journey.consent(visit.page)).rejects.toThrow(/^tagwatch could not answer the consent banner \(CMP not recognised, refuse button "Reject all"\)/);
    expect(events).toEqual([expect.objectContaining({ type: 'consent', outcome: 'not-handled', detail: expect.stringMatching(/^tagwatch could not answer the consent banner/) })]);
  });

  it('the CMP is named in a banner tagwatch could not answer: tarteaucitron whose refusal never takes', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron', 'upfront', async (context) => {
      // The refusal button swallows every click (a CMP bug, or a page tagwatch cannot drive).
      await context.addInitScript(`document.addEventListener('click', (event) => {
        if (event.target instanceof Element && event.target.closest('#tarteaucitronAllDenied2')) event.stopImmediatePropagation();
      }, true)`);
    });
    const result = await handleConsentBanner(visit.page, 'refuse', 3000, { autoconsent: false, journeyTimeLimitMs: 40_000 });
    expect(result.outcome).toBe('not-handled');
    expect(result.detail).toMatch(/^tagwatch could not answer the consent banner \(CMP tarteaucitron, refuse button "[^"]*Tout refuser[^"]*"\): /);
    // tarteaucitron writes "wait" itself; no refusal was stored.
    expect(await visit.cookie('tarteaucitron')).not.toContain('shoppixel=false');
  });
});
