import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'playwright/test';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';

/**
 * A team's own Playwright suite, as it would use `tagwatch/test`: run by
 * tests/e2e/playwright-fixture.test.ts. The browser is the project's Chromium (TAGWATCH_CHROMIUM,
 * Playwright's download or the system's) with the project's flags for a closed network.
 */
export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  // The failing-on-purpose spec only runs when asked: it shows how a missing tag is reported.
  testIgnore: process.env.TAGWATCH_EXAMPLE_SHOW_FAILURE === '1' ? [] : ['failure-report.spec.ts'],
  // Out of the working tree: traces and screenshots of a failing run are not project files.
  outputDir: process.env.TAGWATCH_EXAMPLE_OUTPUT_DIR ?? join(tmpdir(), 'tagwatch-fixture-example'),
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    headless: true,
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
});
