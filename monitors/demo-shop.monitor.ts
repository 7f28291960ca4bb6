import { fileURLToPath } from 'node:url';
import { defineMonitor } from '../src/monitor/define-monitor.ts';

/**
 * The embedded demo shop, audited like any other site: `tagwatch demo-shop` is its web server,
 * started on a free port for each run (`{port}`), and its back office's orders API is the order
 * source. The default monitor of `tagwatch audit` outside a project with monitors of its own.
 * Faults for trying tagwatch: `tagwatch audit --demo-faults ga4-purchase-missing` (they reach the
 * shop as TAGWATCH_DEMO_FAULTS).
 */
export default defineMonitor({
  name: 'demo-shop',
  site: {
    baseUrl: 'http://127.0.0.1:{port}',
    webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/', timeoutSeconds: 60 },
  },
  // The package's own scenarios, beside this file wherever tagwatch is installed (a project's monitor leaves this out: <project>/scenarios).
  scenariosDir: fileURLToPath(new URL('../scenarios', import.meta.url)),
  scenarios: { default: ['purchase'], 'cross-device': ['cross-device-purchase'], itp: ['return-purchase'] },
  conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],
  // A cart of one product and one of three under each condition: when a tag loses some orders and
  // not others, the loss finding names what the lost ones have in common (3 or more line items).
  // Two carts, not three: the demo is the first audit a user runs, 8 journeys instead of 12.
  variants: { items: [1, 3] },
  repeat: 1,
  expect: {
    ga4: { eventName: 'purchase' },
    'google-ads': { eventName: 'conversion' },
    meta: { eventName: 'Purchase' },
    tiktok: { eventName: 'CompletePayment' },
  },
  orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 3 },
  thresholds: { default: { maxLossRate: 0 } },
});
