import { tsString } from './quote.ts';

/** The env variable the template's orders source reads its API token from. */
export const ORDERS_TOKEN_ENV = 'SHOP_ORDERS_TOKEN';

/** The monitor of a shop at `baseUrl`: the journeys, conditions and vendors to check, the orders backend to TODO. */
export function monitorTemplate({ name, baseUrl }: { name: string; baseUrl: string }): string {
  return `import { defineMonitor } from 'tagwatch';

/**
 * tagwatch monitor of ${baseUrl.replace(/\*\//g, '*\\/')}, written by \`tagwatch init\`.
 * Run it: npx tagwatch audit monitors/${name}.monitor.ts (the report is in reports/latest/).
 * The lines marked TODO(tagwatch) are for you to check against your shop and its tag plan.
 */
export default defineMonitor({
  name: ${tsString(name)},
  site: {
    baseUrl: ${tsString(baseUrl)},
    // Optional, like Playwright's webServer: started before the journeys, stopped after. \`{port}\` anywhere in
    // site or orders is replaced by a free port picked for the run.
    // webServer: { command: 'npm run preview -- --port {port}', url: 'http://127.0.0.1:{port}/', timeoutSeconds: 60 },
  },
  // Scenario files are <project>/scenarios/<name>.scenario.ts (project = nearest folder with package.json; \`scenariosDir\` changes it).
  // \`default\` runs under every condition that has no entry of its own; cross-device needs a journey across two devices.
  scenarios: { default: ['purchase'], 'cross-device': ['cross-device-purchase'] },
  // What each journey runs under: a clean browser (baseline), an ad blocker, a refused consent banner, a phone then a laptop.
  // Others: consent-accepted, consent-ignored, itp (Safari-like cookie caps), gpc (Global Privacy Control).
  conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],
  // Optional matrix: every scenario runs once per combination and receives it as \`variant\`.
  // variants: { items: [1, 3], shipping: ['standard', 'express'] },
  repeat: 1,
  // TODO(tagwatch): every vendor your tag plan sends the purchase to, vendor id -> expected purchase event
  // (others: 'google-ads': { eventName: 'conversion' }, tiktok: { eventName: 'CompletePayment' }, pinterest, snapchat, ...).
  expect: { ga4: { eventName: 'purchase' }, meta: { eventName: 'Purchase' } },
  // TODO(tagwatch): where the test orders land, read after the journeys to tell a lost tag from a lost order.
  // Sources: rest-json, woocommerce, shopify, postgres, csv (docs/order-sources.md). The token is read from the
  // environment variable named here (export ${ORDERS_TOKEN_ENV}=...), never written in this file.
  orders: { source: 'rest-json', url: 'https://backoffice.example/api/orders', tokenEnv: '${ORDERS_TOKEN_ENV}' },
  // plugins: { vendors: ['plugins/vendors'], conditions: [], orderSources: [], reporters: [] }, // your own, folders or files relative to the project
});
`;
}

/** The monitor of the embedded demo shop: passes as is, a first audit before touching a real shop. */
export function demoMonitorTemplate({ name }: { name: string }): string {
  return `import { defineMonitor } from 'tagwatch';

/**
 * The embedded demo shop, written by \`tagwatch init --demo\`: a shop with GA4, Google Ads, Meta and
 * TikTok tags, a consent banner and an orders API, served by tagwatch itself on a free port.
 * Run it: npx tagwatch audit monitors/${name}.monitor.ts (the report is in reports/latest/).
 * Break its tags to see what a loss looks like: the shop's faults are listed by npx tagwatch audit --help.
 */
export default defineMonitor({
  name: ${tsString(name)},
  site: {
    baseUrl: 'http://127.0.0.1:{port}',
    // Started before the journeys, stopped after; \`{port}\` is a free port picked for the run.
    webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/', timeoutSeconds: 60 },
  },
  // scenarios/purchase.scenario.ts everywhere, scenarios/cross-device-purchase.scenario.ts under cross-device.
  scenarios: { default: ['purchase'], 'cross-device': ['cross-device-purchase'] },
  conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],
  repeat: 1,
  expect: {
    ga4: { eventName: 'purchase' },
    'google-ads': { eventName: 'conversion' },
    meta: { eventName: 'Purchase' },
    tiktok: { eventName: 'CompletePayment' },
  },
  // The demo shop's own orders API; its orders are saved a moment after the confirmation page.
  orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 3 },
});
`;
}
