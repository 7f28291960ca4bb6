import { defineCondition } from './define-condition.ts';

/**
 * The visitor refuses: marketing tags must not fire, Google's advanced consent mode may send
 * cookieless pings (counted apart: they feed modelling, not attribution).
 */
export default defineCondition({
  id: 'consent-refused',
  description: 'desktop Chromium, consent banner refused',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'refuse',
  lossIsExpected: true,
});
