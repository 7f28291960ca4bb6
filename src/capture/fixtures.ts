import { devices, test as base, expect, type BrowserContext, type BrowserContextOptions } from 'playwright/test';
import { createCatalog } from '../catalog/catalog.ts';
import type { ConditionDefinition, ConsentChoice, RequestBlocker } from '../conditions/define-condition.ts';
import type { JourneyStatus, RunEvent } from '../model/run-event.ts';
import { variantLabel, type Variant } from '../model/variant.ts';
import { purchaseWaitVendors } from './purchase-wait.ts';
import { loadProjectPlugins } from '../project/plugins.ts';
import { ArtifactsCollector } from './collectors/artifacts.ts';
import { CollectorRunner, type Collector, type CollectorFailure, type JourneyEndFields, type JourneyScope } from './collectors/collector.ts';
import { ConsentCollector } from './collectors/consent.ts';
import { CookieCapsCollector } from './collectors/cookie-caps.ts';
import { DataLayerCollector } from './collectors/datalayer.ts';
import { NetworkCollector } from './collectors/network.ts';
import { PageLoadsCollector } from './collectors/page-loads.ts';
import { createJourney, isSiteUnreachable, journeyId, notAnsweredError, type Journey } from './journey.ts';
import { JourneyClock } from './journey-clock.ts';
import { plannedJourneysOfCaller } from './planned-journeys.ts';
import { RunLogWriter } from '../record/run-log.ts';
import { runLaunchOptionsWhenSiteAnswers } from './run-launch-options.ts';
import { readRunSettings, type RunSettings } from '../record/run-settings.ts';

/** The worker's collectors, attached to its browser. */
interface Capture {
  runner: CollectorRunner;
  /** Required collectors (network) that could not attach: every journey of the worker fails with them. */
  unavailable: CollectorFailure[];
  /** Applies the caps of a journey's condition (itp), if any: its return visits go through it. */
  cookieCaps: CookieCapsCollector;
  /** Present with capture: the confirmation page's dwell waits for its tags to be quiet. */
  network: NetworkCollector | undefined;
}

interface WorkerFixtures {
  /** Every condition the run can use (built-in and the project's): a worker serves them all in turn. */
  tagwatchConditions: ConditionDefinition[];
  /** The condition's request blocker (adblock), built once per worker and condition. */
  tagwatchBlocker: (condition: ConditionDefinition | undefined) => Promise<RequestBlocker | undefined>;
  tagwatchRun: RunSettings;
  runLog: RunLogWriter;
  tagwatchCapture: Capture;
}

interface InternalTestFixtures {
  /** Where the journey's time goes, written as a journey-timing line once its context has closed. */
  tagwatchClock: JourneyClock;
  /** The definition of the journey's condition (its blocker, init script, cookie caps...). */
  conditionDefinition: ConditionDefinition | undefined;
}

interface TestOptions {
  /** Condition id of the journey (set per journey by the run's plan, see planned-journeys.ts). */
  tagwatchCondition: string;
  /** Which repeat of its condition and variant the journey is, from 1. */
  tagwatchRepeat: number;
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

/**
 * What makes a device look like one to tags and shops: user agent, screen, touch. Chromium
 * emulates each; a device opened with newDevice() gets its own, whatever the condition emulates
 * for the journey's first device (cross-device starts on a phone and pays on a laptop).
 */
const DEVICE_PROFILE_KEYS = ['userAgent', 'viewport', 'screen', 'deviceScaleFactor', 'isMobile', 'hasTouch'] as const;

const DEVICES: Record<DeviceName, BrowserContextOptions> = {
  desktop: {
    userAgent: devices['Desktop Chrome'].userAgent,
    viewport: { width: 1280, height: 800 },
    screen: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
  phone: {
    userAgent: devices['Pixel 7'].userAgent,
    viewport: devices['Pixel 7'].viewport,
    screen: (devices['Pixel 7'] as BrowserContextOptions).screen ?? devices['Pixel 7'].viewport,
    deviceScaleFactor: devices['Pixel 7'].deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  },
};

/**
 * The options of a device the journey opens: the condition's context options whole (headers,
 * locale, timezone, permissions...), its device profile replaced by the device asked for. Every
 * key is set, even to undefined: inside a test Playwright fills the keys a newContext() call
 * leaves out from the test's own context options, which would give the device the first
 * device's phone profile, its HAR recording and its storage.
 */
export function deviceContextOptions(device: DeviceName, condition: BrowserContextOptions | undefined, baseURL: string | undefined): BrowserContextOptions {
  const options: BrowserContextOptions = { locale: 'en-US', ...condition };
  for (const key of DEVICE_PROFILE_KEYS) delete options[key];
  return { ...options, ...DEVICES[device], baseURL, storageState: undefined, recordHar: undefined, recordVideo: undefined };
}

/**
 * The fixtures scenarios are written with. Every journey is captured by the worker's collectors
 * (collectors/: network tap, dataLayer tap, consent automation, cookie caps, failure artifacts),
 * each hook of each in isolation: one that fails is a `diagnostic` line in the run log and the
 * journey goes on, except the network tap, without which the journey fails unmeasured. The
 * journey's own lines (start, consent, order, ad click, return visit, end) are written here.
 */
const journeyTest = base.extend<TestFixtures & TestOptions & InternalTestFixtures, WorkerFixtures>({
  tagwatchCondition: ['baseline', { option: true }],
  tagwatchRepeat: [1, { option: true }],

  // Collectors' options for the journey's own context (its HAR is recorded from creation); once the
  // context has closed (Playwright has written the HAR), a passing journey's files go.
  tagwatchClock: async ({}, use) => use(new JourneyClock()),
  contextOptions: async ({ contextOptions, tagwatchCapture, tagwatchCondition, tagwatchVariant, tagwatchRepeat, tagwatchClock, runLog }, use, testInfo) => {
    const id = attemptId(journeyId(tagwatchCondition, testInfo.title, tagwatchRepeat, tagwatchVariant), testInfo.retry);
    tagwatchClock.start('context');
    await use({ ...contextOptions, ...(await tagwatchCapture.runner.contextOptions(id)) });
    // Playwright closed the context (and wrote its HAR) before this line.
    await tagwatchCapture.runner.afterContextClose(id, testInfo.status === 'passed');
    runLog.write({ type: 'journey-timing', time: new Date().toISOString(), journeyId: id, phases: tagwatchClock.phases(), worker: testInfo.workerIndex });
  },
  consentChoice: ['accept', { option: true }],
  tagwatchVariant: [{}, { option: true }],
  variant: async ({ tagwatchVariant }, use) => use({ ...tagwatchVariant }),

  // The run's Chromium options, from tagwatch's config, given once the audit's site answers: the
  // worker has loaded while the site came up. The wait has its own slot without a limit (timeout
  // 0): the site's own timeout bounds it in the audit, and it never counts against a journey's.
  launchOptions: [async ({}, use) => use(await runLaunchOptionsWhenSiteAnswers()), { scope: 'worker', timeout: 0 }],

  tagwatchRun: [async ({}, use) => use(readRunSettings()), { scope: 'worker' }],

  tagwatchConditions: [
    async ({ tagwatchRun }, use) => {
      const { plugins, projectDiagnostics } = await loadProjectPlugins('conditions', tagwatchRun.monitor.plugins);
      failOnProjectPlugins(projectDiagnostics);
      await use(plugins);
    },
    { scope: 'worker' },
  ],
  conditionDefinition: async ({ tagwatchConditions, tagwatchCondition }, use) => use(tagwatchConditions.find((c) => c.id === tagwatchCondition)),

  tagwatchBlocker: [
    async ({ tagwatchRun }, use) => {
      // Building a blocker (parsing filter lists) is the costly part of a condition: once per worker.
      const built = new Map<string, Promise<RequestBlocker | undefined>>();
      await use((condition) => {
        if (!condition?.createBlocker) return Promise.resolve(undefined);
        let blocker = built.get(condition.id);
        if (!blocker) built.set(condition.id, (blocker = Promise.resolve(condition.createBlocker(tagwatchRun.monitor))));
        return blocker;
      });
    },
    { scope: 'worker' },
  ],

  runLog: [
    async ({ tagwatchRun }, use, workerInfo) => use(new RunLogWriter(tagwatchRun.runDir, `w${workerInfo.workerIndex}`)),
    { scope: 'worker' },
  ],

  tagwatchCapture: [
    async ({ browser, tagwatchRun, runLog }, use) => {
      const { monitor } = tagwatchRun;
      const log = (event: RunEvent) => runLog.write(event);
      const collectors: Collector[] = [];
      let network: NetworkCollector | undefined;
      if (tagwatchRun.capture) {
        // One catalog for the worker: the tap claims with it and records the vendor on each hit,
        // which the audit then decodes with that vendor. The monitor's first-party / server-side
        // endpoints are tag hits too, answered locally like any other.
        const { plugins: vendors, projectDiagnostics } = await loadProjectPlugins('vendors', monitor.plugins);
        failOnProjectPlugins(projectDiagnostics);
        const catalog = createCatalog(vendors, { endpoints: monitor.endpoints, baseUrl: tagwatchRun.baseUrl });
        const expected = purchaseWaitVendors(monitor);
        network = new NetworkCollector({ classify: catalog.claim, liveHits: monitor.liveHits, log, expectedPurchases: { vendors: expected, decode: (request, vendorId) => catalog.decode(request, vendorId) } });
        collectors.push(network);
      }
      // Consent automation must be in the page before its first document loads: contexts get it before any page.
      collectors.push(new ConsentCollector());
      const cookieCaps = new CookieCapsCollector();
      collectors.push(cookieCaps);
      if (tagwatchRun.capture) collectors.push(new DataLayerCollector(log), new PageLoadsCollector(log));
      collectors.push(new ArtifactsCollector(tagwatchRun.runDir));
      const runner = new CollectorRunner(collectors, (failure) =>
        runLog.write({ type: 'diagnostic', time: new Date().toISOString(), ...(failure.journeyId !== undefined ? { journeyId: failure.journeyId } : {}), collector: failure.collector, hook: failure.hook, message: failure.message }),
      );
      const unavailable = await runner.attach(browser);
      await use({ runner, unavailable, cookieCaps, network });
      await runner.detach();
    },
    { scope: 'worker', auto: true },
  ],

  newDevice: async ({ browser, context, journey, tagwatchCapture, conditionDefinition }, use) => {
    const { runner } = tagwatchCapture;
    const scope: JourneyScope = { id: journey.id, context };
    const opened: BrowserContext[] = [];
    await use(async (device = 'desktop') => {
      if (!(device in DEVICES)) throw new Error(`newDevice('${device}'): unknown device; use 'desktop' or 'phone'`);
      // The same visitor under the same condition, on another device: its headers (GPC), locale
      // and scripts follow; its cookie caps, consent handling and capture apply there too.
      const other = await browser.newContext(deviceContextOptions(device, conditionDefinition?.contextOptions, journeyTest.info().project.use.baseURL));
      opened.push(other);
      if (conditionDefinition?.initScript) await other.addInitScript({ content: conditionDefinition.initScript });
      // Its tags are captured by the browser-level tap; its consent banner, dataLayer, page loads,
      // cookie caps by the collectors.
      await runner.addContext(other, scope);
      return other;
    });
    // Torn down before the journey fixture: let the other device's late beacons land before closing it.
    if (opened.length) await runner.beforeDevicesClose(opened, scope, journeyTest.info().status === 'passed');
    for (const other of opened) await other.close();
  },

  journey: [
    async ({ context, tagwatchRun, runLog, tagwatchCapture, tagwatchCondition, tagwatchVariant, tagwatchRepeat, consentChoice, conditionDefinition, tagwatchBlocker, tagwatchClock: clock }, use, testInfo) => {
      const { runner, cookieCaps, network } = tagwatchCapture;
      clock.start('capture');
      if (conditionDefinition?.initScript) await context.addInitScript({ content: conditionDefinition.initScript });
      const scenario = testInfo.title;
      let landedFromAd = false;
      /** The first banner of the journey tagwatch could not answer: its detail, the journey's error. */
      let consentNotAnswered: string | undefined;
      const identity = { runId: tagwatchRun.runId, condition: tagwatchCondition, scenario, variant: tagwatchVariant, repeat: tagwatchRepeat, stampEmail: tagwatchRun.monitor.stampEmail, consentChoice, confirmationDwell: conditionDefinition?.confirmationDwell };
      // A retry (alerts.rerunFailedJourneys) is a journey of its own in the run log: the failed
      // attempt's hits and order stay apart from the retry's, and reconcile measures the last one.
      const id = attemptId(journeyId(identity.condition, scenario, identity.repeat, tagwatchVariant), testInfo.retry);
      const created = createJourney(
        identity,
        (event) => {
          if (event.type === 'ad-click') landedFromAd = true;
          if (event.type === 'consent' && event.outcome === 'not-handled' && consentChoice !== 'ignore') consentNotAnswered ??= notAnsweredError(event);
          runLog.write('journeyId' in event ? { ...event, journeyId: id } : event);
        },
        {
          expireCookies: async (days) => cookieCaps.returnVisit(id, days, landedFromAd),
          ...(network ? { tagsQuiet: (quietMs: number, maxMs: number) => network.tagsQuiet(quietMs, maxMs) } : {}),
        },
      );
      const journey: Journey = {
        ...created,
        id,
        consent: (page) => clock.time('consent', () => created.consent(page)),
        dwellOnConfirmation: (page) => clock.time('settle', () => created.dwellOnConfirmation(page)),
      };
      // The trace is the costly artifact: recorded on the journey's last attempt (its retry), as Playwright's on-first-retry.
      const scope: JourneyScope = { id, context, trace: testInfo.retry >= testInfo.project.retries };
      const now = () => new Date().toISOString();
      // The worker serves every condition in turn: this journey's caps and blocker, set before its first page.
      cookieCaps.capJourney(id, conditionDefinition?.cookieCaps);
      const blockerFailure = network ? await useConditionBlocker(network, conditionDefinition, tagwatchBlocker, id) : undefined;
      await runner.addContext(context, scope);
      const variantName = variantLabel(tagwatchVariant);
      runLog.write({ type: 'journey-start', time: now(), journeyId: journey.id, scenario, condition: tagwatchCondition, repeat: tagwatchRepeat, ...(variantName ? { variant: tagwatchVariant } : {}) });
      const end = (status: JourneyStatus, error: string | undefined, fields: JourneyEndFields) =>
        runLog.write({ type: 'journey-end', time: now(), journeyId: journey.id, status, error, networkHosts: {}, blockedHosts: {}, hostSamples: {}, ...fields });

      // Without the network tap nothing would be measured, and every order would read as lost.
      const unmeasured = [...tagwatchCapture.unavailable, ...(blockerFailure ? [blockerFailure] : []), ...(await runner.beforeJourney(scope))];
      if (unmeasured.length) {
        const error = captureUnavailable(unmeasured);
        end('failed', error, await runner.afterJourney(scope, 'failed'));
        throw new Error(error);
      }

      clock.start('steps');
      await use(journey);
      // Beacons sent while the journey left its last page land now (the network collector's end waits for them too).
      if (network) await clock.time('settle', () => network.tagsQuiet(150, 3000));
      clock.start('teardown');
      // Playwright colours its messages; the run log wants plain text.
      const message = testInfo.error?.message?.replace(/\u001b\[[0-9;]*m/g, '');
      // A banner tagwatch could not answer fails the journey even when the scenario went on past
      // journey.consent()'s error (caught it): the journey is retried (alerts.rerunFailedJourneys)
      // and never measured, as one that threw.
      const unanswered = testInfo.status === 'passed' ? consentNotAnswered : undefined;
      const status = unanswered ? 'failed' : testInfo.status === 'passed' ? 'passed' : isSiteUnreachable(message) ? 'site-unreachable' : 'failed';
      end(status, unanswered ?? message?.split('\n')[0], await runner.afterJourney(scope, status));
      if (unanswered) throw new Error(unanswered);
    },
    { auto: true },
  ],
});

/**
 * Playwright's `test` with tagwatch's fixtures, as scenario files use it: inside an audit, each
 * `test(title, body)` declares one test per journey the run plans for that file (condition x
 * variant x repeat), each in a describe block of its own carrying the journey's options; all of
 * them belong to one project, so a worker and its browser serve every journey in turn. Outside
 * an audit (no plan loaded), it is the plain extended test. `test.extend(...)` gives a test that
 * plans the same way; everything else (test.describe, test.step, test.use, test.info...) is
 * Playwright's own.
 */
export const test: typeof journeyTest = planned(journeyTest);

function planned<T extends typeof base>(inner: T): T {
  return new Proxy(inner, {
    apply(target, thisArg, args: unknown[]) {
      const journeys = plannedJourneysOfCaller();
      if (journeys === undefined) return Reflect.apply(target, thisArg, args);
      for (const journey of journeys) {
        target.describe(`${journey.label} #${journey.repeat}`, () => {
          // Typed loosely: `T` is any extension of tagwatch's test, and these are its options.
          (target.use as (fixtures: Record<string, unknown>) => void)({
            ...journey.contextOptions,
            tagwatchCondition: journey.condition,
            tagwatchVariant: journey.variant,
            tagwatchRepeat: journey.repeat,
            consentChoice: journey.consentChoice,
          });
          Reflect.apply(target, thisArg, args);
        });
      }
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'extend') return value;
      // A scenario extending tagwatch's test with fixtures of its own keeps the run's plan.
      return (...fixtures: unknown[]) => planned((value as (...a: unknown[]) => T).apply(target, fixtures));
    },
  });
}

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
 * Puts the condition's blocker on the worker's network tap for this journey (none for a condition
 * without one). A blocker that cannot be built leaves the journey unmeasured: run without it,
 * an ad-block journey would report tags as seen that a blocker stops.
 */
async function useConditionBlocker(
  network: NetworkCollector,
  condition: ConditionDefinition | undefined,
  blockerOf: (condition: ConditionDefinition | undefined) => Promise<RequestBlocker | undefined>,
  journeyId: string,
): Promise<CollectorFailure | undefined> {
  try {
    network.useBlocker(await blockerOf(condition));
    return undefined;
  } catch (error) {
    network.useBlocker(undefined);
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { collector: 'network', hook: 'beforeJourney', journeyId, message: `the ${condition?.id} condition's request blocker could not be built: ${reason}`, required: true };
  }
}

/** The error of a journey the capture could not measure: which collector, where, and why. */
function captureUnavailable(failures: CollectorFailure[]): string {
  const reasons = failures.map((f) => (f.hook === 'attach' ? `the ${f.collector} collector could not attach to the browser (${f.message})` : `the ${f.collector} collector failed in ${f.hook} (${f.message})`));
  return `tagwatch cannot capture this journey's tag hits, so it is not measured (it would read as 100% loss): ${reasons.join('; ')}`;
}

/**
 * The journey id of one attempt: the first keeps the plain id, a retry gets `.retry<n>`
 * (testInfo.retry), e.g. `baseline.purchase.r1.retry1`.
 */
export function attemptId(journeyId: string, retry: number): string {
  return retry > 0 ? `${journeyId}.retry${retry}` : journeyId;
}
