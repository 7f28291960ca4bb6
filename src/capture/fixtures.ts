import { devices, test as base, expect, type BrowserContext, type BrowserContextOptions } from 'playwright/test';
import type { ConditionDefinition, ConsentChoice } from '../conditions/define-condition.ts';
import { matchVendor } from '../catalog/index.ts';
import { withCustomEndpoints } from '../catalog/custom-endpoints.ts';
import { variantLabel, type Variant } from '../model/variant.ts';
import { loadProjectPlugins } from '../plugins/project-plugins.ts';
import { attachDataLayerTap } from './datalayer-tap.ts';
import { createJourney, isSiteUnreachable, journeyId, type Journey } from './journey.ts';
import { discardPassedArtifacts, finishJourneyArtifacts, harRecording, screenshotLastPage, startTrace } from './failure-artifacts.ts';
import { installConsentAutomation } from './consent-banner.ts';
import { returnVisitAfter, SCRIPT_COOKIE_BINDING, SCRIPT_COOKIE_TAP_SOURCE } from './cookie-caps.ts';
import { NetworkTap } from './network-tap.ts';
import type { HostSample } from '../model/run-event.ts';
import { RunLogWriter } from './run-log.ts';
import { readRunSettings, type RunSettings } from './run-settings.ts';

interface WorkerFixtures {
  /** The definition of this worker's condition (its blocker, init script, ...). */
  conditionDefinition: ConditionDefinition | undefined;
  /** Condition id of the Playwright project this worker runs (a worker serves one project). */
  tagwatchCondition: string;
  tagwatchRun: RunSettings;
  runLog: RunLogWriter;
  networkTap: NetworkTap | undefined;
}

interface TestOptions {
  /** Consent decision of that condition. */
  consentChoice: ConsentChoice;
  /** The monitor's variant combination this project runs ({} without variants). */
  tagwatchVariant: Variant;
}

/** Devices a journey can continue on: a fresh browser context, with no cookies or storage. */
export type DeviceName = 'desktop' | 'phone';

interface TestFixtures {
  journey: Journey;
  /**
   * The combination of the monitor's `variants` this journey runs, e.g. { items: 3, shipping:
   * 'express' }; {} when the monitor declares none. Also `journey.variant`.
   */
  variant: Variant;
  /** Opens another device (fresh storage) for journeys that span devices; its tags are captured too. */
  newDevice: (device?: DeviceName) => Promise<BrowserContext>;
}

/** Chromium can emulate a phone's screen, touch and user agent; that is what tags and shops see. */
const DEVICES: Record<DeviceName, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  phone: { ...devices['Pixel 7'], locale: 'en-US' },
};

/**
 * The fixtures scenarios are written with. Every journey is captured: the worker's browser gets
 * one network tap, each test records its hits, dataLayer pushes and order into the run log.
 */
export const test = base.extend<TestFixtures & TestOptions, WorkerFixtures>({
  tagwatchCondition: ['baseline', { option: true, scope: 'worker' }],

  // Consent automation (autoconsent) must be in the page before its first document loads.
  context: async ({ context }, use) => {
    await installConsentAutomation(context);
    await use(context);
  },
  // Set up before the context and torn down after it closed, when Playwright has written the HAR:
  // a failed journey keeps it, a passing one leaves nothing behind.
  contextOptions: async ({ contextOptions, tagwatchRun, tagwatchCondition, tagwatchVariant }, use, testInfo) => {
    const id = attemptId(journeyId(tagwatchCondition, testInfo.title, testInfo.repeatEachIndex + 1, tagwatchVariant), testInfo.retry);
    await use({ ...contextOptions, ...harRecording(tagwatchRun.runDir, id) });
    if (testInfo.status === 'passed') discardPassedArtifacts(tagwatchRun.runDir, id);
  },
  consentChoice: ['accept', { option: true }],
  tagwatchVariant: [{}, { option: true }],
  variant: async ({ tagwatchVariant }, use) => use({ ...tagwatchVariant }),

  tagwatchRun: [async ({}, use) => use(readRunSettings()), { scope: 'worker' }],

  conditionDefinition: [
    async ({ tagwatchCondition, tagwatchRun }, use) => {
      const { plugins, projectDiagnostics } = await loadProjectPlugins('conditions', tagwatchRun.monitor.plugins);
      failOnProjectPlugins(projectDiagnostics);
      await use(plugins.find((c) => c.id === tagwatchCondition));
    },
    { scope: 'worker' },
  ],

  runLog: [
    async ({ tagwatchRun }, use, workerInfo) => use(new RunLogWriter(tagwatchRun.runDir, `w${workerInfo.workerIndex}`)),
    { scope: 'worker' },
  ],

  networkTap: [
    async ({ browser, tagwatchRun, conditionDefinition }, use) => {
      if (!tagwatchRun.capture) return use(undefined);
      // The monitor's first-party / server-side endpoints are tag hits too, answered locally like any other.
      const { plugins: catalog, projectDiagnostics } = await loadProjectPlugins('vendors', tagwatchRun.monitor.plugins);
      failOnProjectPlugins(projectDiagnostics);
      const vendors = withCustomEndpoints(catalog, tagwatchRun.monitor.endpoints, tagwatchRun.baseUrl);
      const blocker = await conditionDefinition?.createBlocker?.(tagwatchRun.monitor);
      const tap = new NetworkTap({ classify: (url) => matchVendor(url, vendors), liveHits: tagwatchRun.monitor.liveHits, blocker });
      await tap.attach(browser);
      await use(tap);
      await tap.detach();
    },
    { scope: 'worker', auto: true },
  ],

  newDevice: async ({ browser, runLog, journey, networkTap, conditionDefinition, tagwatchRun }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (device = 'desktop') => {
      // The condition's signals (GPC header, ...) follow the visitor to the other device.
      const headers = conditionDefinition?.contextOptions?.extraHTTPHeaders;
      const context = await browser.newContext({ ...DEVICES[device], ...(headers ? { extraHTTPHeaders: headers } : {}), baseURL: test.info().project.use.baseURL });
      if (conditionDefinition?.initScript) await context.addInitScript({ content: conditionDefinition.initScript });
      await installConsentAutomation(context);
      opened.push(context);
      if (networkTap) {
        await attachDataLayerTap(context, (pageUrl, value) => runLog.write({ type: 'datalayer', time: new Date().toISOString(), journeyId: journey.id, pageUrl, value }));
      }
      return context;
    });
    // Torn down before the journey fixture: let the other device's late beacons land before closing it.
    if (opened.length) await networkTap?.settle();
    // The journey went on on the last device opened: that is the page to show when it failed.
    if (opened.length && test.info().status !== 'passed') await screenshotLastPage(opened.at(-1)!, tagwatchRun.runDir, journey.id);
    for (const context of opened) await context.close();
  },

  journey: [
    async ({ context, tagwatchRun, runLog, networkTap, tagwatchCondition, tagwatchVariant, consentChoice, conditionDefinition }, use, testInfo) => {
      if (conditionDefinition?.initScript) await context.addInitScript({ content: conditionDefinition.initScript });
      const scenario = testInfo.title;
      let landedFromAd = false;
      const scriptCookies = new Set<string>();
      const caps = conditionDefinition?.cookieCaps;
      if (caps) await context.exposeBinding(SCRIPT_COOKIE_BINDING, (_source, name: string) => void scriptCookies.add(name));
      if (caps) await context.addInitScript({ content: SCRIPT_COOKIE_TAP_SOURCE });
      const identity = { runId: tagwatchRun.runId, condition: tagwatchCondition, scenario, variant: tagwatchVariant, repeat: testInfo.repeatEachIndex + 1, stampEmail: tagwatchRun.monitor.stampEmail, consentChoice };
      // A retry (alerts.rerunFailedJourneys) is a journey of its own in the run log: the failed
      // attempt's hits and order stay apart from the retry's, and reconcile measures the last one.
      const id = attemptId(journeyId(identity.condition, scenario, identity.repeat, tagwatchVariant), testInfo.retry);
      const created = createJourney(
        identity,
        (event) => {
          if (event.type === 'ad-click') landedFromAd = true;
          runLog.write('journeyId' in event ? { ...event, journeyId: id } : event);
        },
        async (days) => (caps ? returnVisitAfter(context, days, scriptCookies, caps, landedFromAd) : { removed: [], kept: [] }),
      );
      const journey: Journey = { ...created, id };
      const now = () => new Date().toISOString();
      // Kept only if the journey fails: what the page looked like at each step.
      await startTrace(context);
      const networkHosts: Record<string, number> = {};
      const blockedHosts: Record<string, number> = {};
      // One request per host is enough for the tracker inventory to name it, and keeps the run log small.
      const hostSamples: Record<string, HostSample> = {};
      const variantName = variantLabel(tagwatchVariant);
      runLog.write({ type: 'journey-start', time: now(), journeyId: journey.id, scenario, condition: tagwatchCondition, repeat: testInfo.repeatEachIndex + 1, ...(variantName ? { variant: tagwatchVariant } : {}) });
      if (networkTap) {
        networkTap.setSink({
          hit: (hit) => runLog.write({ type: 'hit', journeyId: journey.id, ...hit }),
          network: (host, request) => {
            networkHosts[host] = (networkHosts[host] ?? 0) + 1;
            hostSamples[host] ??= request;
          },
          blocked: (host, request) => {
            blockedHosts[host] = (blockedHosts[host] ?? 0) + 1;
            hostSamples[host] ??= request;
          },
        });
        await attachDataLayerTap(context, (pageUrl, value) =>
          runLog.write({ type: 'datalayer', time: now(), journeyId: journey.id, pageUrl, value }),
        );
      }
      await use(journey);
      // Beacons sent while the journey left the last page land after the test body returns.
      await networkTap?.settle();
      networkTap?.setSink(undefined);
      // Playwright colours its messages; the run log wants plain text.
      const message = testInfo.error?.message?.replace(/\u001b\[[0-9;]*m/g, '');
      const status = testInfo.status === 'passed' ? 'passed' : isSiteUnreachable(message) ? 'site-unreachable' : 'failed';
      const artifacts = await finishJourneyArtifacts(context, tagwatchRun.runDir, journey.id, status === 'passed');
      runLog.write({ type: 'journey-end', time: now(), journeyId: journey.id, status, error: message?.split('\n')[0], networkHosts, blockedHosts, hostSamples, ...(artifacts ? { artifacts } : {}) });
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The audit loaded the project's plugins before starting the journeys; a worker that cannot
 * (another loader, a file changed meanwhile) would capture without them and report their
 * vendors' purchases as lost. Its journeys fail with the reason instead.
 */
function failOnProjectPlugins(problems: string[]): void {
  if (problems.length) throw new Error(`the journey worker could not load the monitor's own plugins: ${problems.join('; ')}`);
}

/**
 * The journey id of one attempt: the first keeps the plain id, a retry gets `.retry<n>`
 * (testInfo.retry), e.g. `baseline.purchase.r1.retry1`.
 */
export function attemptId(journeyId: string, retry: number): string {
  return retry > 0 ? `${journeyId}.retry${retry}` : journeyId;
}
