import { configDefaults, defineConfig } from 'vitest/config';
import LayerSequencer from './tests/support/layer-sequencer.ts';

/**
 * The test suite in three layers (`npm run test:unit`, `test:browser`, `test:e2e`; `npm test` runs
 * them all). A file's layer comes from its folder and its name, so a test moved or added lands in
 * its layer by itself:
 *
 * - e2e: `tests/e2e/` and any `e2e-*.test.ts` (tests/security/ keeps its whole-audit cases
 *   beside the others that way): whole audits and `tagwatch` processes that run them; minutes.
 * - browser: whatever starts Chromium without being a whole audit: `tests/capture/`, any
 *   `browser-*.test.ts`, and the two report tests named below (renamed browser-*.test.ts, they
 *   would need no line here).
 * - cli: any `cli-*.test.ts`: `tagwatch` commands run as processes of their own that start no
 *   browser (bad input refused, merge of crafted shard folders); a second each, many of them.
 * - unit: everything else: pure code, fakes, real PostgreSQL / SMTP / HTTP servers on loopback,
 *   child processes that start no browser; seconds.
 *
 * tests/architecture/test-layers.test.ts checks that every test file is in exactly one layer and
 * that no unit file imports Playwright or launches a browser.
 */
const E2E = ['tests/e2e/**/*.test.ts', 'tests/**/e2e-*.test.ts'];
const CLI = ['tests/**/cli-*.test.ts'];
const BROWSER = [
  'tests/capture/**/*.test.ts',
  'tests/**/browser-*.test.ts',
  // Reports opened in Chromium: the HTML report's escaping, the JUnit report as a CI viewer shows it.
  'tests/report/html/xss.test.ts',
  'tests/report/junit.test.ts',
];

export default defineConfig({
  test: {
    // Audits and browsers are processes of their own: two test files at a time keeps a 2-core machine
    // responsive. Three were measured slower on 2 cores (the whole suite 19 min 55 s against 16 to 17
    // min, load average ~20, one consent case lost to load): where the suite waits, Chromium is busy.
    maxWorkers: 2,
    // One temporary folder per run, removed at its end (tests/support/test-temp-folder.ts).
    globalSetup: ['tests/support/test-temp-folder.ts'],
    // The whole audits first, the seconds-long unit files last (tests/support/layer-sequencer.ts).
    sequence: { sequencer: LayerSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E, ...BROWSER, ...CLI],
          // Unit files leave no state behind them (no module mocks, no globals): sharing a worker's
          // module cache between them cuts the layer's import time by about a third.
          isolate: false,
          // Seconds each; the margin is for a loaded machine, not for slow tests (a slow one belongs in another layer).
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'cli',
          include: CLI,
          exclude: [...configDefaults.exclude, ...E2E, ...BROWSER],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER,
          exclude: [...configDefaults.exclude, ...E2E],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // Whole audits start real Chromium and the demo shop: give them room on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
