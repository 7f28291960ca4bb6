import type { Browser } from 'playwright';
import type { RequestBlocker } from '../../conditions/define-condition.ts';
import type { HitEvent, HostSample, RunEvent } from '../../model/run-event.ts';
import { NetworkTap, type NetworkTapOptions } from '../network-tap.ts';
import type { Collector, JourneyEndFields, JourneyScope } from './collector.ts';

export interface NetworkCollectorOptions {
  /** The run's catalog claim: the vendor of a tag hit (its id is recorded on the hit). */
  classify: NetworkTapOptions['classify'];
  /** Let tag hits reach the vendor instead of answering them locally (monitor liveHits). */
  liveHits?: boolean;
  /** The condition's blocker (adblock), made when the collector attaches. */
  createBlocker?: () => Promise<RequestBlocker | undefined> | RequestBlocker | undefined;
  /** Where hits go: the run log. */
  log: (event: RunEvent) => void;
}

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

  constructor(private readonly options: NetworkCollectorOptions) {}

  async attach(browser: Browser): Promise<void> {
    const blocker = await this.options.createBlocker?.();
    const tap = new NetworkTap({ classify: this.options.classify, liveHits: this.options.liveHits, blocker });
    await tap.attach(browser);
    this.#tap = tap;
  }

  beforeJourney(journey: JourneyScope): void {
    const tap = this.#tap;
    if (!tap) throw new Error('the network tap is not attached');
    const networkHosts: Record<string, number> = {};
    const blockedHosts: Record<string, number> = {};
    // One request per host is enough for the tracker inventory to name it, and keeps the run log small.
    const hostSamples: Record<string, HostSample> = {};
    this.#hosts = { networkHosts, blockedHosts, hostSamples };
    tap.setSink({
      hit: (hit) => this.options.log({ type: 'hit', journeyId: journey.id, ...hit } satisfies HitEvent),
      network: (host, request) => {
        networkHosts[host] = (networkHosts[host] ?? 0) + 1;
        hostSamples[host] ??= request;
      },
      blocked: (host, request) => {
        blockedHosts[host] = (blockedHosts[host] ?? 0) + 1;
        hostSamples[host] ??= request;
      },
    });
  }

  /**
   * Resolves once no tag hit has arrived for `quietMs` (counted from the call) and none is being
   * answered, or after `maxMs`: how long a reading visitor lets the page's tags finish.
   */
  async tagsQuiet(quietMs: number, maxMs: number): Promise<void> {
    await this.#tap?.settle(quietMs, maxMs);
  }

  /** Let the other devices' late beacons land before they close. */
  async beforeDevicesClose(): Promise<void> {
    await this.#tap?.settle();
  }

  async afterJourney(): Promise<JourneyEndFields> {
    // Beacons sent while the journey left the last page land after the test body returns.
    await this.#tap?.settle();
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
