import { chromium, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../browser/launch-options.ts';
import type { Journey } from '../capture/journey.ts';
import { fillCart } from '../../scenarios/steps/add-to-cart.ts';
import { checkOut } from '../../scenarios/steps/checkout.ts';

/** Where one plain journey's time went, in milliseconds (the same phase names as a tagwatch journey's). */
export interface FloorJourney {
  context: number;
  consent: number;
  steps: number;
  teardown: number;
  total: number;
}

export interface FloorRun {
  /** Launching Chromium, once for all journeys. */
  browserStartMs: number;
  journeys: FloorJourney[];
}

/**
 * The floor a tagwatch journey is measured against: the demo shop's purchase journey in plain
 * Playwright, with no tagwatch at all. One browser, a new context per journey, the same clicks
 * and fills (the demo scenario's own steps), the banner answered by one click, and every host but
 * loopback resolved to nowhere so tag requests fail on the spot instead of leaving the machine.
 * What it cannot do is what tagwatch adds: capture, decode, wait for late tags.
 */
export async function runFloorJourneys(baseUrl: string, count: number, lineItems = 1): Promise<FloorRun> {
  const launchStarted = performance.now();
  const options = chromiumLaunchOptions();
  const browser = await chromium.launch({ ...options, args: [...(options.args ?? []), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] });
  const browserStartMs = performance.now() - launchStarted;
  const journeys: FloorJourney[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const t0 = performance.now();
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
      const page = await context.newPage();
      const t1 = performance.now();
      await page.goto('/');
      const t2 = performance.now();
      await page.getByRole('button', { name: 'Accept all' }).click();
      const t3 = performance.now();
      await fillCart(page, lineItems);
      await checkOut(page, plainJourney(index), {});
      const t4 = performance.now();
      await context.close();
      const t5 = performance.now();
      // The home page's load counts as a step, as it does in a tagwatch journey; the click alone is consent.
      journeys.push({ context: t1 - t0, consent: t3 - t2, steps: t2 - t1 + (t4 - t3), teardown: t5 - t4, total: t5 - t0 });
    }
  } finally {
    await browser.close();
  }
  return { browserStartMs, journeys };
}

/** What the scenario's steps need from a journey, without tagwatch: an e-mail, nothing recorded, no dwell. */
function plainJourney(index: number): Journey {
  return {
    id: `floor.${index}`,
    condition: 'floor',
    variant: {},
    stamp: `floor-${index}`,
    email: `floor+${index}@example.com`,
    consent: async () => ({ outcome: 'accepted', method: 'none' }),
    orderPlaced: () => undefined,
    dwellOnConfirmation: (page: Page) => page.waitForLoadState('load'),
    readPage: (page: Page) => page.waitForLoadState('load'),
    adLanding: (path) => path,
    returnAfterDays: async () => ({ removed: [], kept: [] }),
  };
}
