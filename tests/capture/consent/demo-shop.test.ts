import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { CONSENT_COOKIE, startDemoShop, type DemoShop } from '../../../src/demo-shop/index.ts';
import { CmpHarness } from './cmp-harness.ts';

/** The embedded demo shop's own banner: no CMP autoconsent knows, answered by button name. */
describe('consent banner: the demo shop (real Chromium)', () => {
  let harness: CmpHarness;
  let shop: DemoShop;
  beforeAll(async () => {
    [harness, shop] = await Promise.all([CmpHarness.start(), startDemoShop()]);
  });
  afterAll(async () => {
    await Promise.all([harness?.close(), shop?.close()]);
  });

  it('refuse: "Refuse all" is clicked, the decision is stored and Meta gets no hit', async () => {
    const visit = await harness.visit(shop.url);
    const result = await handleConsentBanner(visit.page, 'refuse', 4000);
    expect(result).toMatchObject({ outcome: 'refused', method: 'fallback', detail: 'clicked "Refuse all"' });
    expect(await visit.cookie(CONSENT_COOKIE)).toBe('denied');
    expect(await visit.page.getByRole('dialog', { name: 'Cookie consent' }).count()).toBe(0);
    await visit.page.waitForTimeout(500);
    expect(visit.pixelHits()).toEqual([]);
  });

  it('accept: "Accept all" is clicked, the decision is stored and the Meta pixel fires', async () => {
    const visit = await harness.visit(shop.url);
    const result = await handleConsentBanner(visit.page, 'accept', 4000);
    expect(result).toMatchObject({ outcome: 'accepted', method: 'fallback', detail: 'clicked "Accept all"' });
    expect(await visit.cookie(CONSENT_COOKIE)).toBe('granted');
    await expect.poll(() => visit.pixelHits().length, { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
