import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

/** Osano's open-source cookieconsent 3 from npm (the `cookieconsent` package), opt-in, gating a Meta pixel. */
describe('consent banner: Osano cookieconsent (real CMP, real Chromium)', () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: "Decline" is answered, Osano stores "deny" and the pixel never fires', async () => {
    const visit = await harness.visit('osano');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    // Named by its own window.cookieconsent, not by the autoconsent rule that matched its banner ("Complianz optin").
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'Osano cookieconsent' });
    expect(await visit.cookie('cookieconsent_status')).toBe('deny');
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
    expect(await visit.page.getByRole('button', { name: 'Decline' }).isVisible()).toBe(false);
  });

  it('accept: "Allow cookies" is answered, Osano stores "allow" and the pixel fires once', async () => {
    const visit = await harness.visit('osano');
    const result = await handleConsentBanner(visit.page, 'accept', 4000);
    expect(result.outcome).toBe('accepted');
    expect(await visit.cookie('cookieconsent_status')).toBe('allow');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
    // One click took: the banner fading out is not clicked again (a second "allow" would fire the pixel twice).
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toHaveLength(1);
  });

  it('by button name alone: "Decline" refuses and "Allow cookies" accepts', async () => {
    const refusing = await harness.visit('osano');
    expect(await handleConsentBanner(refusing.page, 'refuse', 4000, { autoconsent: false })).toMatchObject({ outcome: 'refused', method: 'fallback', detail: expect.stringMatching(/^clicked "Decline"/i) });
    expect(await refusing.cookie('cookieconsent_status')).toBe('deny');

    const accepting = await harness.visit('osano');
    expect(await handleConsentBanner(accepting.page, 'accept', 4000, { autoconsent: false })).toMatchObject({ outcome: 'accepted', method: 'fallback', detail: expect.stringMatching(/^clicked "Allow cookies"/i) });
    expect(await accepting.cookie('cookieconsent_status')).toBe('allow');
    await expect.poll(() => accepting.pixelHits().length, { timeout: 15_000 }).toBe(1);
    expect(refusing.pixelHits()).toEqual([]);
  });
});
