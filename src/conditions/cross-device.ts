import { devices } from 'playwright';
import { defineCondition } from './define-condition.ts';

/**
 * A journey that starts on a phone from an ad click and ends on a laptop with fresh storage:
 * the purchase may be tracked, yet lose the click that earns the ad its credit.
 */
export default defineCondition({
  id: 'cross-device',
  description: 'lands from an ad click on a phone, adds to cart, pays on a desktop with fresh storage',
  contextOptions: { ...devices['Pixel 7'], locale: 'en-US' },
  journeyShape: 'lands from an ad click (journey.adLanding) on the phone it starts on, then pays on another device opened with newDevice()',
  consent: 'accept',
  lossIsExpected: true,
});
