import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness, type CmpVisit } from './cmp-harness.ts';

/**
 * Who answers is what these tests check: a long journey limit gives autoconsent, slow to find a
 * popup on a loaded machine, its full grace before the name-click fallback steps in.
 */
const AUTOCONSENT_FIRST = { journeyTimeLimitMs: 100_000 };

async function storedConsents(visit: CmpVisit): Promise<Record<string, boolean>> {
  const cookie = await visit.cookie('klaro');
  return cookie ? (JSON.parse(decodeURIComponent(cookie)) as Record<string, boolean>) : {};
}

/**
 * The cases are independent, each on contexts of its own: they run side by side (five at a time),
 * so a case's time includes its siblings' on a loaded machine.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/** Klaro 0.7 from npm, in German, swapping a pixel <img data-src> in only with consent. */
describe.concurrent('consent banner: Klaro (real CMP, real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: autoconsent answers, Klaro stores the refusal and the pixel never loads', async ({ expect }) => {
    const visit = await harness.visit('klaro');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'refused', method: 'autoconsent', cmp: 'Klaro' });
    expect(await storedConsents(visit)).toEqual({ 'meta-pixel': false });
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept: autoconsent answers, Klaro stores the consent and the pixel loads', async ({ expect }) => {
    const visit = await harness.visit('klaro');
    const result = await handleConsentBanner(visit.page, 'accept', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'accepted', method: 'autoconsent', cmp: 'Klaro' });
    expect(await storedConsents(visit)).toEqual({ 'meta-pixel': true });
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
  });

  it('a choice already stored: the next page shows no banner', async ({ expect }) => {
    const visit = await harness.visit('klaro');
    await handleConsentBanner(visit.page, 'refuse', 4000);
    await visit.page.reload();
    const result = await handleConsentBanner(visit.page, 'refuse', 1500);
    // Klaro renders nothing once answered, so autoconsent has no CMP to name either.
    expect(result).toMatchObject({ outcome: 'no-banner', method: 'none', cmp: 'Klaro', detail: expect.stringMatching(/^Klaro is on the page but showed no banner within [\d.]+ s \(a choice already stored\?\)$/) });
  });

  it('by button name alone: "Ich lehne ab" refuses and "Das ist ok" accepts', async ({ expect }) => {
    const refusing = await harness.visit('klaro');
    expect(await handleConsentBanner(refusing.page, 'refuse', 4000, { autoconsent: false })).toMatchObject({
      outcome: 'refused',
      method: 'fallback',
      detail: 'clicked "Ich lehne ab"',
    });
    expect(await storedConsents(refusing)).toEqual({ 'meta-pixel': false });

    const accepting = await harness.visit('klaro');
    expect(await handleConsentBanner(accepting.page, 'accept', 4000, { autoconsent: false })).toMatchObject({
      outcome: 'accepted',
      method: 'fallback',
    });
    expect(await storedConsents(accepting)).toEqual({ 'meta-pixel': true });
    await expect.poll(() => accepting.pixelHits().length, { timeout: 15_000 }).toBe(1);
    expect(refusing.pixelHits()).toEqual([]);
  });
});
