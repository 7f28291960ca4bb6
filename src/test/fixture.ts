import { test as base, type Browser, type TestInfo } from 'playwright/test';
import type { VendorDefinition } from '../catalog/define-vendor.ts';
import { loadVendors } from '../catalog/load-vendors.ts';
import { SharedTap } from './shared-tap.ts';
import { Tracking } from './tracking.ts';
import { catalogFor, type TrackingOptions } from './tracking-options.ts';

interface TrackingFixtures {
  /** The tag hits of this test, decoded. */
  tracking: Tracking;
  /** Local answers or live hits, and the site's own collection endpoints. */
  trackingOptions: TrackingOptions;
}

interface TapWorkerFixtures {
  /** The worker browser's tap; undefined on Firefox and WebKit, which have no CDP. */
  _tagwatchTap: SharedTap | undefined;
  /** The built-in vendors, read once per worker; each test builds its catalog of them with its own options. */
  _tagwatchVendors: VendorDefinition[];
}

/**
 * Capture goes through a browser-level Chrome DevTools Protocol session: the only place that
 * sees pagehide beacons too. Firefox and WebKit have no such session.
 */
function chromiumOnly(browser: Browser, testInfo: TestInfo): Error {
  return new Error(
    `tagwatch/test: the tracking fixture needs Chromium (it captures tag hits through a Chrome DevTools Protocol session), ` +
      `but project "${testInfo.project.name}" runs ${browser.browserType().name()}. Use tracking in Chromium projects only, ` +
      `e.g. test.skip(browserName !== 'chromium', 'tag capture needs Chromium') before requesting it.`,
  );
}

/**
 * Playwright's `test` with a `tracking` fixture: every tag request of the test's browser is
 * captured by one browser-level handler, answered locally with 204 (unless `liveHits`), and
 * decoded with tagwatch's vendor catalog. In tests that do not request `tracking`, requests pass
 * the handler unchanged. A `page.route` that fulfills a tag request itself hides it from tracking
 * (routes that continue, or that match other URLs, do not; checked by hand).
 */
export const test = base.extend<TrackingFixtures, TapWorkerFixtures>({
  _tagwatchTap: [
    async ({ browser }, use) => {
      if (browser.browserType().name() !== 'chromium') return use(undefined);
      const shared = new SharedTap();
      await shared.attach(browser);
      await use(shared);
      await shared.detach();
    },
    { scope: 'worker' },
  ],

  // The tap first, then the context: pages opened before the tap would not be captured.
  context: async ({ _tagwatchTap, context }, use) => {
    void _tagwatchTap;
    await use(context);
  },

  _tagwatchVendors: [async ({}, use) => use((await loadVendors()).vendors), { scope: 'worker' }],

  trackingOptions: [{}, { option: true }],

  tracking: async ({ _tagwatchTap, _tagwatchVendors, browser, trackingOptions, baseURL }, use, testInfo) => {
    if (!_tagwatchTap) throw chromiumOnly(browser, testInfo);
    // One catalog for the test: the tap claims with it, the hits are decoded with it.
    const catalog = catalogFor(trackingOptions, _tagwatchVendors, baseURL, testInfo.file);
    const tracking = new Tracking(_tagwatchTap.tap, catalog);
    _tagwatchTap.start(tracking, trackingOptions.liveHits === true);
    try {
      await use(tracking);
    } finally {
      _tagwatchTap.stop();
    }
    // What did fire is the first question when a tracking test fails: keep it with the report.
    if (testInfo.status !== testInfo.expectedStatus) {
      const hits = tracking.hits().map(({ vendor, time, method, url, status, events, errors }) => ({ vendor, time, method, url, status, events, errors }));
      await testInfo.attach('tagwatch-hits.json', { body: JSON.stringify(hits, null, 2), contentType: 'application/json' });
    }
  },
});
