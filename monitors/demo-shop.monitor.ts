import { defineMonitor } from '../src/monitor/define-monitor.ts';

/**
 * The embedded demo shop: the default monitor of `tagwatch audit`. No baseUrl, so the audit
 * starts the shop itself on loopback and reads its orders API.
 */
export default defineMonitor({
  name: 'demo-shop',
  scenarios: ['purchase'],
  conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],
  repeat: 2,
  expect: {
    ga4: { eventName: 'purchase' },
    'google-ads': { eventName: 'conversion' },
    meta: { eventName: 'Purchase' },
    tiktok: { eventName: 'CompletePayment' },
  },
  orders: { source: 'demo', waitSeconds: 3 },
  thresholds: { default: { maxLossRate: 0 } },
});
