import { defineCondition } from './define-condition.ts';

/**
 * Safari's Intelligent Tracking Prevention, for the part that costs conversions: cookies written
 * by scripts live at most 7 days, 24 hours when the visitor landed from a decorated link (an ad
 * click). The return-purchase journey lands from an ad, leaves, and buys 2 days later.
 */
export default defineCondition({
  id: 'itp',
  description: 'Safari-like cookie caps (script cookies 7 days, 24 h after an ad click), purchase on a return visit 2 days later',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  journeyShape: 'lands from an ad click (journey.adLanding), leaves, and buys on a return visit days later (journey.returnAfterDays)',
  cookieCaps: { scriptSetDays: 7, decoratedLandingHours: 24 },
  consent: 'accept',
  lossIsExpected: true,
});
