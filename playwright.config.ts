import { join } from 'node:path';
import { defineConfig, type Project } from 'playwright/test';
import { chromiumLaunchOptions } from './src/browser/launch-options.ts';
import { loadConditions } from './src/conditions/load-conditions.ts';
import { readRunSettings } from './src/capture/run-settings.ts';

/**
 * Built from the monitor of the current audit (`tagwatch audit` writes it to the run folder):
 * one Playwright project per condition, each scenario a test, `repeat` as repeatEach.
 */
const settings = readRunSettings();
const { monitor } = settings;
const { plugins: conditions } = await loadConditions();

/**
 * Without capture (benchmark only) nothing answers tag requests locally: resolve every host but
 * loopback to nowhere so they fail on the spot instead of leaving the machine.
 */
function launchOptions() {
  const options = chromiumLaunchOptions({ executablePath: monitor.browser.executablePath, headed: process.env.TAGWATCH_HEADED === '1' });
  if (!settings.capture) options.args = [...(options.args ?? []), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];
  return options;
}

const projects: Project[] = monitor.conditions.map((id) => {
  const condition = conditions.find((c) => c.id === id);
  // The CLI validates condition ids before starting; this guards direct `playwright test` use.
  if (!condition) throw new Error(`Unknown condition '${id}' in monitor ${monitor.name}: known are ${conditions.map((c) => c.id).join(', ')}`);
  return {
    name: condition.id,
    // A condition with its own journey shape (cross-device) runs its scenarios, not the monitor's.
    testMatch: (condition.scenarios ?? monitor.scenarios).map((name) => `${name}.scenario.ts`),
    use: { ...condition.contextOptions, tagwatchCondition: condition.id, consentChoice: condition.consent ?? 'accept' },
  };
});

export default defineConfig({
  testDir: './scenarios',
  outputDir: join(settings.runDir, 'artifacts'),
  repeatEach: monitor.repeat,
  workers: monitor.browser.workers,
  fullyParallel: true,
  retries: 0,
  timeout: monitor.browser.journeyTimeoutSeconds * 1000,
  reporter: [[join(import.meta.dirname, 'src/capture/progress-reporter.ts')]],
  use: {
    baseURL: settings.baseUrl,
    launchOptions: launchOptions(),
    headless: process.env.TAGWATCH_HEADED !== '1',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  projects,
});
