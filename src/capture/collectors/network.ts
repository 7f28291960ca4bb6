import type { Browser } from 'playwright';
import type { RequestBlocker } from '../../conditions/define-condition.ts';
import { UNCLAIMED_BODY_MAX, type HitEvent, type HostSample, type RunEvent } from '../../model/run-event.ts';
import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { NetworkTap, type NetworkTapOptions } from '../network-tap.ts';
import type { Collector, JourneyEndFields, JourneyScope } from './collector.ts';

export interface NetworkCollectorOptions {
  /** The run's catalog claim: the vendor of a tag hit (its id is recorded on the hit). */
  classify: NetworkTapOptions['classify'];
  /** Let tag hits reach the vendor instead of answering them locally (monitor liveHits). */
  liveHits?: boolean;
  /** Where hits go: the run log. */
  log: (event: RunEvent) => void;
  /**
   * The purchase tags the monitor expects (vendor id -> event name, undefined: any purchase) and
   * the catalog's decode: the confirmation dwell ends once each has sent its purchase, instead
   * of waiting for the tags to be quiet for seconds.
   */
  expectedPurchases?: { vendors: ReadonlyMap<string, string | undefined>; decode: (request: TagRequest, vendorId: string) => VendorEvent[] };
}

/** After the last expected purchase tag, how long the page's other tags get: batch timers (GA4 ~50 ms) and companions sent in the same task. */
export const AFTER_EXPECTED_PURCHASES_QUIET_MS = 200;
/** Unclaimed purchase-looking requests kept per journey: evidence for a diagnosis, not a second capture. */
const UNCLAIMED_PER_JOURNEY = 20;

/**
 * The browser-level network tap (see network-tap.ts): every tag hit of the journey goes to the run
 * log with the vendor that claimed it, other hosts are counted for journey-end. Required: the
 * audit measures with it, so a worker where it cannot attach fails its journeys.
 */
export class NetworkCollector implements Collector {
  readonly name = 'network';
  readonly required = true;
  #tap: NetworkTap | undefined;
  #hosts: Required<Pick<JourneyEndFields, 'networkHosts' | 'blockedHosts' | 'hostSamples'>> | undefined;
  /** Expected vendors whose purchase tag the journey in progress has sent (blocked ones count: they fired). */
  readonly #purchasesSeen = new Set<string>();
  /** When the last tagsQuiet() resolved: the end of the journey need not wait again if nothing came since. */
  #quietAt = 0;

  constructor(private readonly options: NetworkCollectorOptions) {}

  async attach(browser: Browser): Promise<void> {
    const tap = new NetworkTap({ classify: this.options.classify, liveHits: this.options.liveHits });
    await tap.attach(browser);
    this.#tap = tap;
  }

  /** The journey's condition blocker (adblock), or none: set before each journey, the worker serving every condition. */
  useBlocker(blocker: RequestBlocker | undefined): void {
    // Not attached: beforeJourney reports it, and the journey fails unmeasured.
    if (this.#tap) this.#tap.blocker = blocker;
  }

  beforeJourney(journey: JourneyScope): void {
    const tap = this.#tap;
    if (!tap) throw new Error('the network tap is not attached');
    const networkHosts: Record<string, number> = {};
    const blockedHosts: Record<string, number> = {};
    // One request per host is enough for the tracker inventory to name it, and keeps the run log small.
    const hostSamples: Record<string, HostSample> = {};
    this.#hosts = { networkHosts, blockedHosts, hostSamples };
    this.#purchasesSeen.clear();
    this.#quietAt = 0;
    let unclaimed = 0;
    tap.setSink({
      hit: (hit) => {
        this.options.log({ type: 'hit', journeyId: journey.id, ...hit } satisfies HitEvent);
        this.#notePurchase(hit);
      },
      network: (host, request) => {
        networkHosts[host] = (networkHosts[host] ?? 0) + 1;
        hostSamples[host] ??= request;
      },
      blocked: (host, request) => {
        blockedHosts[host] = (blockedHosts[host] ?? 0) + 1;
        hostSamples[host] ??= request;
      },
      unclaimed: (request) => {
        if (++unclaimed > UNCLAIMED_PER_JOURNEY) return;
        const body = request.body !== undefined ? request.body.slice(0, UNCLAIMED_BODY_MAX) : undefined;
        this.options.log({ type: 'unclaimed-request', time: new Date().toISOString(), journeyId: journey.id, url: request.url, method: request.method, ...(body !== undefined ? { body } : {}), ...(request.resourceType ? { resourceType: request.resourceType } : {}) });
      },
    });
  }

  /**
   * Resolves once no tag hit has arrived for `quietMs` (counted from the call) and none is being
   * answered, or after `maxMs`: how long a reading visitor lets the page's tags finish.
   */
  async tagsQuiet(quietMs: number, maxMs: number): Promise<void> {
    const expected = this.options.expectedPurchases?.vendors;
    const early = expected?.size ? { quietMs: AFTER_EXPECTED_PURCHASES_QUIET_MS, done: () => [...expected.keys()].every((vendor) => this.#purchasesSeen.has(vendor)) } : undefined;
    await this.#tap?.settle(quietMs, maxMs, early);
    this.#quietAt = Date.now();
  }

  #notePurchase(hit: Omit<HitEvent, 'type' | 'journeyId'>): void {
    const expected = this.options.expectedPurchases;
    const vendor = hit.vendor;
    if (!expected || vendor === undefined || !expected.vendors.has(vendor) || this.#purchasesSeen.has(vendor)) return;
    const eventName = expected.vendors.get(vendor);
    try {
      const events = expected.decode({ url: hit.url, method: hit.method, body: hit.body }, vendor);
      if (events.some((event) => (eventName ? event.eventName === eventName : event.kind === 'purchase' && !event.companion))) this.#purchasesSeen.add(vendor);
    } catch {
      // Decoding here only shortens a wait: a hit that does not decode leaves the dwell to its quiet rule.
    }
  }

  /** Let the other devices' late beacons land before they close. */
  async beforeDevicesClose(): Promise<void> {
    await this.#tap?.settle();
  }

  async afterJourney(): Promise<JourneyEndFields> {
    // Beacons sent while the journey left the last page land after the test body returns (the
    // journey fixture has just waited for them: no second wait unless a hit came since).
    if (!this.#tap?.quietSince(this.#quietAt)) await this.#tap?.settle();
    this.#tap?.setSink(undefined);
    const hosts = this.#hosts ?? {};
    this.#hosts = undefined;
    return hosts;
  }

  async detach(): Promise<void> {
    const tap = this.#tap;
    this.#tap = undefined;
    await tap?.detach();
  }
}
