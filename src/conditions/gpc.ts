import { defineCondition } from './define-condition.ts';

/**
 * A browser sending Global Privacy Control: `Sec-GPC: 1` on every request and
 * `navigator.globalPrivacyControl === true`. Under CCPA/CPRA that is an opt-out of sale and
 * sharing, so advertising tags that still fire are findings, whatever the banner says.
 */
export default defineCondition({
  id: 'gpc',
  description: 'desktop Chromium sending Global Privacy Control (Sec-GPC: 1), consent banner accepted',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US', extraHTTPHeaders: { 'Sec-GPC': '1' } },
  initScript: "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });",
  optOutSignal: 'Global Privacy Control (Sec-GPC: 1)',
  consent: 'accept',
  lossIsExpected: true,
});
