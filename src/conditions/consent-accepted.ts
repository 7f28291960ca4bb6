import { defineCondition } from './define-condition.ts';

/** The visitor clicks "accept all": every tag the CMP gates may fire, and nothing before the click. */
export default defineCondition({
  id: 'consent-accepted',
  description: 'desktop Chromium, consent banner accepted (compliance checked against the decision)',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'accept',
});
