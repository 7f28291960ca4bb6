import { defineCondition } from './define-condition.ts';

/**
 * Buyers who close the tab (or go back) as soon as the confirmation page shows: a purchase tag
 * that sends late (after a timer, after a slow script) never sends for them. The journey leaves
 * the confirmation page at its load event instead of reading it; what is lost then is what late
 * tags cost. Scenarios opt in by calling `journey.dwellOnConfirmation(page)` on the confirmation
 * page; one that does not leaves as it always does, and measures nothing more than the baseline.
 */
export default defineCondition({
  id: 'fast-exit',
  description: 'leaves the confirmation page at its load event, like buyers who close the tab at once',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'accept',
  confirmationDwell: 'leave-at-load',
  lossIsExpected: true,
});
