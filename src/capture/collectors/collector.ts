import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright';
import type { JourneyEnd, JourneyStatus } from '../../model/run-event.ts';

/** The journey a hook is about: its id in the run log and its own browser context. */
export interface JourneyScope {
  /** The attempt's journey id (`baseline.purchase.r1`, `...r1.retry1`). */
  id: string;
  /** The journey's own context; the devices it opens (newDevice) are others. */
  context: BrowserContext;
  /**
   * Record a Playwright trace of this attempt. Tracing (DOM snapshots and screenshots at every
   * action) cost ~0.8 s of a ~2.5 s journey here: it is recorded on the last attempt a journey
   * gets (the retry, with alerts.rerunFailedJourneys), as Playwright's own `on-first-retry`.
   * Default true.
   */
  trace?: boolean;
}

/** What a collector adds to the journey's journey-end line. */
export type JourneyEndFields = Partial<Pick<JourneyEnd, 'networkHosts' | 'blockedHosts' | 'hostSamples' | 'artifacts'>>;

/**
 * One thing the capture records or does around every journey (the network tap, the dataLayer
 * tap, consent automation, cookie caps, failure artifacts), as an object with a small lifecycle.
 * Every hook is optional (absent: nothing to do then). The runner calls each hook of each
 * collector in its own try/catch: one that throws is a `diagnostic` run event and the journey goes
 * on without it. In journey order:
 *
 * attach (worker start) -> contextOptions -> addContext (own context) -> beforeJourney -> [the
 * scenario; addContext for each device it opens] -> beforeDevicesClose -> afterJourney ->
 * afterContextClose -> ... next journey ... -> detach (worker end)
 */
export interface Collector {
  /** Its name in diagnostics: network, datalayer, consent, cookie-caps, artifacts. */
  readonly name: string;
  /**
   * The audit measures with this collector: when it cannot attach (or start a journey), the
   * journey fails with the reason instead of running unmeasured (no hit would read as 100% loss).
   */
  readonly required?: boolean;
  /** Once per worker, before any journey: the browser every journey of the worker runs in. */
  attach?(browser: Browser): Promise<void> | void;
  /** Options of the journey's own context, before Playwright creates it (a HAR is recorded from creation). */
  contextOptions?(journeyId: string): BrowserContextOptions;
  /** A context of the journey before its first page: its own, then each device it opens. */
  addContext?(context: BrowserContext, journey: JourneyScope): Promise<void> | void;
  /** The journey starts (journey-start is in the run log). */
  beforeJourney?(journey: JourneyScope): Promise<void> | void;
  /** The scenario is done; the other devices it opened are about to close, last opened last. */
  beforeDevicesClose?(devices: readonly BrowserContext[], journey: JourneyScope, passed: boolean): Promise<void> | void;
  /** The scenario is done (its devices closed): what to add to its journey-end line. */
  afterJourney?(journey: JourneyScope, status: JourneyStatus): Promise<JourneyEndFields | void> | JourneyEndFields | void;
  /** The journey's own context has closed (Playwright has written its HAR). */
  afterContextClose?(journeyId: string, passed: boolean): Promise<void> | void;
  /** Once per worker, after its last journey. */
  detach?(): Promise<void> | void;
}

export type CollectorHook = Exclude<keyof Collector, 'name' | 'required'>;

/** A hook that threw: what the run log's `diagnostic` event says. */
export interface CollectorFailure {
  collector: string;
  hook: CollectorHook;
  /** The journey it happened in; absent for attach and detach. */
  journeyId?: string;
  message: string;
  /** A required collector failed: the journey cannot be measured. */
  required: boolean;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Playwright colours its messages; the run log wants plain text, on one line.
  return text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0]!.trim() || 'unknown error';
}

/**
 * Calls a hook on every collector, one after the other, in their order, each in isolation: a
 * collector that throws is reported to `onFailure` and the next one still runs. A collector that
 * could not attach takes no part in the worker's journeys (its other hooks would only fail too).
 */
export class CollectorRunner {
  readonly #detached = new Set<Collector>();

  constructor(
    readonly collectors: readonly Collector[],
    private readonly onFailure: (failure: CollectorFailure) => void,
  ) {}

  /** Attaches every collector; returns the failures of required ones (the worker's journeys cannot be measured). */
  async attach(browser: Browser): Promise<CollectorFailure[]> {
    const failures = await this.#each('attach', undefined, (collector) => collector.attach?.(browser));
    for (const failure of failures) {
      const collector = this.collectors.find((c) => c.name === failure.collector);
      if (collector) this.#detached.add(collector);
    }
    return failures.filter((failure) => failure.required);
  }

  /** Every collector's options for the journey's own context, merged in collector order. */
  async contextOptions(journeyId: string): Promise<BrowserContextOptions> {
    const options: BrowserContextOptions = {};
    await this.#each('contextOptions', journeyId, (collector) => {
      if (collector.contextOptions) Object.assign(options, collector.contextOptions(journeyId));
    });
    return options;
  }

  async addContext(context: BrowserContext, journey: JourneyScope): Promise<void> {
    await this.#each('addContext', journey.id, (collector) => collector.addContext?.(context, journey));
  }

  /** Starts the journey in every collector; returns the failures of required ones (the journey cannot be measured). */
  async beforeJourney(journey: JourneyScope): Promise<CollectorFailure[]> {
    return (await this.#each('beforeJourney', journey.id, (collector) => collector.beforeJourney?.(journey))).filter((failure) => failure.required);
  }

  async beforeDevicesClose(devices: readonly BrowserContext[], journey: JourneyScope, passed: boolean): Promise<void> {
    await this.#each('beforeDevicesClose', journey.id, (collector) => collector.beforeDevicesClose?.(devices, journey, passed));
  }

  /** Ends the journey in every collector: the journey-end fields they give, merged in collector order. */
  async afterJourney(journey: JourneyScope, status: JourneyStatus): Promise<JourneyEndFields> {
    const fields: JourneyEndFields = {};
    await this.#each('afterJourney', journey.id, async (collector) => {
      const own = await collector.afterJourney?.(journey, status);
      if (own) Object.assign(fields, own);
    });
    return fields;
  }

  async afterContextClose(journeyId: string, passed: boolean): Promise<void> {
    await this.#each('afterContextClose', journeyId, (collector) => collector.afterContextClose?.(journeyId, passed));
  }

  async detach(): Promise<void> {
    await this.#each('detach', undefined, (collector) => collector.detach?.());
  }

  async #each(hook: CollectorHook, journeyId: string | undefined, call: (collector: Collector) => unknown): Promise<CollectorFailure[]> {
    const failures: CollectorFailure[] = [];
    for (const collector of this.collectors) {
      if (this.#detached.has(collector) || typeof collector[hook] !== 'function') continue;
      try {
        await call(collector);
      } catch (error) {
        const failure: CollectorFailure = { collector: collector.name, hook, ...(journeyId !== undefined ? { journeyId } : {}), message: messageOf(error), required: collector.required === true };
        failures.push(failure);
        try {
          this.onFailure(failure);
        } catch {
          // Reporting a failure must not become one.
        }
      }
    }
    return failures;
  }
}
