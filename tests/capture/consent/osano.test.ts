import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

/**
 * The cases are independent, each on contexts of its own: they run side by side (five at a time),
 * so a case's time includes its siblings' on a loaded machine.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/** Osano's open-source cookieconsent 3 from npm (the `cookieconsent` package), opt-in, gating a Meta pixel. */
describe.concurrent('consent banner: Osano cookieconsent (real CMP, real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: "Decline" is answered, Osano stores "deny" and the pixel never fires', async ({ expect }) => {
    const visit = await harness.visit('osano');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    // Named by its own window.cookieconsent, not by the autoconsent rule that matched its banner ("Complianz optin").
    // Also outcome-equals-stored.test.ts's "osano, refuse, autoconsent on" (same call).
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'Osano cookieconsent' });
    expect(await visit.cookie('cookieconsent_status')).toBe('deny');
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
    expect(await visit.page.getByRole('button', { name: 'Decline' }).isVisible()).toBe(false);
  });

  it('accept: "Allow cookies" is answered, Osano stores "allow" and the pixel fires once', async ({ expect }) => {
    const visit = await harness.visit('osano');
    const result = await handleConsentBanner(visit.page, 'accept', 4000);
    // Also outcome-equals-stored.test.ts's "osano, accept, autoconsent on" (same call): the CMP is named too.
    expect(result).toMatchObject({ outcome: 'accepted', cmp: 'Osano cookieconsent' });
    expect(await visit.cookie('cookieconsent_status')).toBe('allow');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
    // One click took: the banner fading out is not clicked again (a second "allow" would fire the pixel twice).
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toHaveLength(1);
  });

  it('by button name alone: "Decline" refuses and "Allow cookies" accepts', async ({ expect }) => {
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
