import { defineCondition } from './define-condition.ts';

/** The visitor never answers the banner: no decision, so nothing but consent-mode pings may fire. */
export default defineCondition({
  id: 'consent-ignored',
  description: 'desktop Chromium, consent banner left unanswered',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'ignore',
  lossIsExpected: true,
});
