import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness, type CmpVisit } from './cmp-harness.ts';

/**
 * Who answers is what these tests check: a long journey limit gives autoconsent, slow to find a
 * popup on a loaded machine, its full grace before the name-click fallback steps in.
 */
const AUTOCONSENT_FIRST = { journeyTimeLimitMs: 100_000 };

/** The CookieConsent v3 categories stored in its cc_cookie. */
async function storedCategories(visit: CmpVisit): Promise<string[]> {
  const cookie = await visit.cookie('cc_cookie');
  return cookie ? (JSON.parse(decodeURIComponent(cookie)) as { categories: string[] }).categories : [];
}

/**
 * The cases are independent, each on contexts of its own: they run side by side (five at a time),
 * so a case's time includes its siblings' on a loaded machine.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/** orestbida's vanilla-cookieconsent v3 from npm, in Spanish, gating a pixel script on "marketing". */
describe.concurrent('consent banner: CookieConsent v3 (real CMP, real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: autoconsent answers, only "necessary" is stored and the pixel never fires', async ({ expect }) => {
    const visit = await harness.visit('cookieconsent');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'CookieConsent (orestbida)', rule: 'cookieconsent3' });
    // Under load autoconsent's click can land before the CMP listens; then the name click finishes the job.
    expect(['autoconsent', 'fallback']).toContain(result.method);
    expect(await storedCategories(visit)).toEqual(['necessary']);
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept: autoconsent answers, marketing is stored and the pixel fires', async ({ expect }) => {
    const visit = await harness.visit('cookieconsent');
    const result = await handleConsentBanner(visit.page, 'accept', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'accepted', cmp: 'CookieConsent (orestbida)', rule: 'cookieconsent3' });
    // Under load autoconsent's click can land before the CMP listens; then the name click finishes the job.
    expect(['autoconsent', 'fallback']).toContain(result.method);
    expect(await storedCategories(visit)).toContain('marketing');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
  });

  it('installed late (handleConsentBanner on a page the fixtures did not prepare) still answers', async ({ expect }) => {
    const visit = await harness.visit('cookieconsent', 'late');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'CookieConsent (orestbida)', rule: 'cookieconsent3' });
    // Under load autoconsent's click can land before the CMP listens; then the name click finishes the job.
    expect(['autoconsent', 'fallback']).toContain(result.method);
    expect(await storedCategories(visit)).toEqual(['necessary']);
  });

  it('by button name alone: "Rechazar todo" refuses and "Aceptar todo" accepts', async ({ expect }) => {
    const refusing = await harness.visit('cookieconsent');
    expect(await handleConsentBanner(refusing.page, 'refuse', 4000, { autoconsent: false })).toMatchObject({
      outcome: 'refused',
      method: 'fallback',
      detail: 'clicked "Rechazar todo"',
    });
    expect(await storedCategories(refusing)).toEqual(['necessary']);

    const accepting = await harness.visit('cookieconsent');
    expect(await handleConsentBanner(accepting.page, 'accept', 4000, { autoconsent: false })).toMatchObject({
      outcome: 'accepted',
      method: 'fallback',
      detail: 'clicked "Aceptar todo"',
    });
    await expect.poll(() => accepting.pixelHits().length, { timeout: 15_000 }).toBe(1);
    await refusing.page.waitForTimeout(300);
    expect(refusing.pixelHits()).toEqual([]);
  });
});
