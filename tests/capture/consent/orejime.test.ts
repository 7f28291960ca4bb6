import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness, type CmpVisit } from './cmp-harness.ts';

async function storedConsents(visit: CmpVisit): Promise<Record<string, boolean>> {
  const cookie = await visit.cookie('orejime');
  return cookie ? (JSON.parse(decodeURIComponent(cookie)) as Record<string, boolean>) : {};
}

/**
 * The cases are independent, each on contexts of its own: they run side by side (five at a time),
 * so a case's time includes its siblings' on a loaded machine.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/** Orejime 3 from npm, in French, rendering a Meta pixel <template data-purpose> only with consent. */
describe.concurrent('consent banner: Orejime (real CMP, real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: "Refuser" is clicked, Orejime stores the refusal and the pixel never loads', async ({ expect }) => {
    const visit = await harness.visit('orejime');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    // Also outcome-equals-stored.test.ts's "orejime, refuse, autoconsent on" (same call): the CMP is named too.
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'Orejime', detail: expect.stringMatching(/^clicked "Refuser"/) });
    expect(await storedConsents(visit)).toEqual({ 'meta-pixel': false });
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept: "Accepter" is clicked, Orejime stores the consent and the pixel loads', async ({ expect }) => {
    const visit = await harness.visit('orejime');
    const result = await handleConsentBanner(visit.page, 'accept', 4000);
    // Also outcome-equals-stored.test.ts's "orejime, accept, autoconsent on" (same call): the CMP is named too.
    expect(result).toMatchObject({ outcome: 'accepted', cmp: 'Orejime', detail: expect.stringMatching(/^clicked "Accepter"/) });
    expect(await storedConsents(visit)).toEqual({ 'meta-pixel': true });
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
  });

  it('a choice already stored: the next page shows no banner', async ({ expect }) => {
    const visit = await harness.visit('orejime');
    await handleConsentBanner(visit.page, 'refuse', 4000);
    await visit.page.reload();
    expect(await handleConsentBanner(visit.page, 'refuse', 1500)).toMatchObject({ outcome: 'no-banner', method: 'none', cmp: 'Orejime', detail: expect.stringMatching(/^Orejime is on the page but showed no banner/) });
  });
});
