import { join } from 'node:path';
import { defineConfig, type Project } from 'playwright/test';
import { chromiumLaunchOptions } from './src/browser/launch-options.ts';
import { readRunSettings } from './src/record/run-settings.ts';
import { remoteEndpoint, remoteLaunchOptions } from './src/audit/remote-browser.ts';
import { variantCombinations } from './src/monitor/journey-plan.ts';
import { variantLabel } from './src/model/variant.ts';
import { codeFile } from './src/package-paths.ts';
import { loadProjectPlugins } from './src/project/plugins.ts';
import { setPlannedJourneys, testScopedContextOptions, type PlannedJourney } from './src/capture/planned-journeys.ts';
import { setRunLaunchOptions } from './src/capture/run-launch-options.ts';
import { dieWithAudit } from './src/process/parent-watchdog.ts';

// First, before anything slow: an audit killed while the config loads takes the runner with it.
dieWithAudit();

/**
 * Built from the monitor of the current audit (`tagwatch audit` writes it to the run folder):
 * one Playwright project whose tests are the run's journeys (condition x variant x repeat of each
 * planned scenario file). The scenarios are the user's: testDir is the monitor's scenariosDir, wherever
 * tagwatch itself is installed.
 */
const settings = readRunSettings();
const { monitor } = settings;
const { plugins: conditions } = await loadProjectPlugins('conditions', monitor.plugins);
/** A Playwright server whose browsers run the journeys (monitor browser.wsEndpoint or TAGWATCH_WS_ENDPOINT). */
const wsEndpoint = remoteEndpoint(monitor);

/**
 * Without capture (benchmark only) nothing answers tag requests locally: resolve every host but
 * loopback to nowhere so they fail on the spot instead of leaving the machine.
 */
function launchOptions() {
  const headed = process.env.TAGWATCH_HEADED === '1';
  // A remote server launches the browser: these options travel in the connect request.
  const options = wsEndpoint ? remoteLaunchOptions({ executablePath: monitor.browser.executablePath, headed }) : chromiumLaunchOptions({ executablePath: monitor.browser.executablePath, headed });
  if (!settings.capture) options.args = [...(options.args ?? []), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];
  return options;
}

// Resolved here, in the runner first: no Chromium is said before any worker starts. The worker's
// browser takes them once the site answers (src/capture/fixtures.ts, launchOptions).
setRunLaunchOptions(launchOptions());

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const variants = variantCombinations(monitor.variants);
/**
 * Every journey of the run (condition x variant x repeat) is a test of one project, declared by
 * tagwatch's `test` in the scenario file it runs (src/capture/planned-journeys.ts): one worker and
 * its browser serve them all in turn, instead of a worker started per condition, variant and repeat.
 */
const journeysByFile = new Map<string, PlannedJourney[]>();
for (const { condition: id, scenarios } of settings.plan) {
  const condition = conditions.find((c) => c.id === id);
  // The CLI validates condition ids before starting; this guards direct `playwright test` use.
  if (!condition) throw new Error(`Unknown condition '${id}' in monitor ${monitor.name}: known are ${conditions.map((c) => c.id).join(', ')}`);
  for (const variant of variants) {
    for (let repeat = 1; repeat <= monitor.repeat; repeat++) {
      const label = variantLabel(variant) ? `${condition.id}[${variantLabel(variant)}]` : condition.id;
      const journey: PlannedJourney = { label, condition: condition.id, variant, repeat, consentChoice: condition.consent ?? 'accept', contextOptions: testScopedContextOptions(condition.contextOptions) };
      for (const { file } of scenarios) journeysByFile.set(file, [...(journeysByFile.get(file) ?? []), journey]);
    }
  }
}
setPlannedJourneys(journeysByFile);
const projects: Project[] = [{ name: monitor.name, testMatch: [...journeysByFile.keys()].map((file) => new RegExp(`^${escape(file)}$`)) }];

export default defineConfig({
  testDir: monitor.scenariosDir!,
  outputDir: join(settings.runDir, 'artifacts'),
  // Playwright's sharding: every test (one journey: condition x scenario x repeat) lands in exactly one shard.
  shard: settings.shard ?? null,
  workers: monitor.browser.workers,
  fullyParallel: true,
  // A journey that threw or timed out runs once more (alerts.rerunFailedJourneys): a flaky site is
  // then told from a broken one. Lost tags never fail a test, so they are never retried.
  retries: monitor.alerts.rerunFailedJourneys ? 1 : 0,
  timeout: monitor.browser.journeyTimeoutSeconds * 1000,
  reporter: [[codeFile('src/capture/progress-reporter')]],
  use: {
    baseURL: settings.baseUrl,
    // Connect (the browser fixture sends launchOptions along) instead of launching; a dead server fails in a minute, not never.
    ...(wsEndpoint ? { connectOptions: { wsEndpoint, timeout: 60_000 } } : {}),
    headless: process.env.TAGWATCH_HEADED !== '1',
    // Our journey fixture keeps the failed page's screenshot, trace and HAR in artifacts/<journeyId>/.
    screenshot: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  projects,
});
