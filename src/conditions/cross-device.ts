import { createRequire } from 'node:module';
import type { BrowserContextOptions } from 'playwright';
import { defineCondition } from './define-condition.ts';

const require = createRequire(import.meta.url);

/**
 * A journey that starts on a phone from an ad click and ends on a laptop with fresh storage:
 * the purchase may be tracked, yet lose the click that earns the ad its credit.
 */
export default defineCondition({
  id: 'cross-device',
  description: 'lands from an ad click on a phone, adds to cart, pays on a desktop with fresh storage',
  // Playwright's own phone profile, read when a journey needs it: loading Playwright takes most of a
  // second, which the audit's process (it reads every condition to validate the monitor) never needs.
  get contextOptions(): BrowserContextOptions {
    const { devices } = require('playwright') as typeof import('playwright');
    return { ...devices['Pixel 7'], locale: 'en-US' };
  },
  journeyShape: 'lands from an ad click (journey.adLanding) on the phone it starts on, then pays on another device opened with newDevice()',
  consent: 'accept',
  lossIsExpected: true,
});
