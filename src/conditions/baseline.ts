import { defineCondition } from './define-condition.ts';

/** The reference every other condition is compared with: what a tag setup does at best. */
export default defineCondition({
  id: 'baseline',
  description: 'desktop Chromium, consent accepted, no ad blocker',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'accept',
});
