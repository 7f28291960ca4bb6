import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

/**
 * Who answers is what these tests check: a long journey limit gives autoconsent, slow to find a
 * popup on a loaded machine, its full grace before the name-click fallback steps in.
 */
const AUTOCONSENT_FIRST = { journeyTimeLimitMs: 100_000 };

/**
 * The cases are independent, each on contexts of its own: they run side by side (five at a time),
 * so a case's time includes its siblings' on a loaded machine.
 */
const CONCURRENT_TIMEOUT_MS = 240_000;

/** tarteaucitron 1.x from npm, in French, gating a Meta pixel declared as an "ads" service. */
describe.concurrent('consent banner: tarteaucitron (real CMP, real Chromium)', { timeout: CONCURRENT_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuse: autoconsent answers "Tout refuser", tarteaucitron stores the refusal and the pixel never fires', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000, AUTOCONSENT_FIRST);
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'tarteaucitron', rule: 'tarteaucitron deny' });
    // Under load autoconsent's click can land before the CMP listens; then the name click finishes the job.
    expect(['autoconsent', 'fallback']).toContain(result.method);
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=false');
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept: consent stored and the pixel fires (an autoconsent click that lands before the button is wired is redone by name)', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron');
    const result = await handleConsentBanner(visit.page, 'accept', 4000);
    // Also outcome-equals-stored.test.ts's "tarteaucitron, accept, autoconsent on" (same call).
    expect(result.outcome).toBe('accepted');
    expect(result).toMatchObject({ cmp: 'tarteaucitron', rule: 'tarteaucitron deny' });
    // Whoever answered, the consequence is what counts: consent stored, pixel fired.
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=true');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
  });

  it('refuse by button name alone: "Cookies : Tout refuser" is clicked until tarteaucitron has wired it', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron');
    const result = await handleConsentBanner(visit.page, 'refuse', 4000, { autoconsent: false });
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback' });
    expect(result.detail).toContain('Tout refuser');
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=false');
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept by button name alone: "Tout accepter" is clicked until it takes, and the pixel fires', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron');
    const result = await handleConsentBanner(visit.page, 'accept', 4000, { autoconsent: false });
    expect(result).toMatchObject({ outcome: 'accepted', method: 'fallback' });
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=true');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBe(1);
  });

  it('opt-out model: a tag that ran before the choice stays off once the refusal has reloaded the page', async ({ expect }) => {
    const visit = await harness.visit('tarteaucitron-implied');
    let loads = 0;
    visit.page.on('load', () => loads++);
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    expect(result).toMatchObject({ outcome: 'refused', cmp: 'tarteaucitron', rule: 'tarteaucitron deny' });
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(1);
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=false!shopaudience=false');
    await visit.page.waitForTimeout(500);
    // One hit from before the choice, none after the reload; the audience tag never ran.
    expect(visit.pixelHits()).toHaveLength(1);
    expect(visit.vendorRequests.filter((url) => url.includes('google-analytics'))).toEqual([]);
  });

  it('a banner that shows after the look a quiet page would get is still answered, not called no-banner', async ({ expect }) => {
    // A busy machine, played back: tarteaucitron's texts arrive 4 s after the load event, so its
    // banner shows well after the 1.5 s an idle page gets; the look goes on while they load.
    const visit = await harness.visit('tarteaucitron', 'upfront', async (context) => {
      await context.route('**/vendor/tarteaucitronjs/lang/**', async (route) => {
        await sleep(4000);
        await route.continue();
      });
    });
    const result = await handleConsentBanner(visit.page, 'refuse', 1500);
    expect(result.outcome).toBe('refused');
    expect(await visit.cookie('tarteaucitron')).toBe('!shoppixel=false');
  });
});
