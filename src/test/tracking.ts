import type { Catalog } from '../catalog/catalog.ts';
import type { VendorDefinition } from '../catalog/define-vendor.ts';
import type { HitEvent, HitStatus } from '../model/run-event.ts';
import type { VendorEvent } from '../model/vendor-event.ts';

/** One tag request of the test, as the browser sent it, with what the catalog read in it. */
export interface TrackedHit {
  /** Catalog id of the vendor the URL belongs to (ga4, meta, ...). */
  vendor: string;
  /** ISO time the browser sent it. */
  time: string;
  url: string;
  method: string;
  body?: string;
  /** Chromium resource type: Ping (sendBeacon), XHR, Fetch, Image, Script, ... */
  resourceType?: string;
  /** `captured`: answered locally with 204; `live`: sent on to the vendor (liveHits, or a tag library script). */
  status: HitStatus;
  /** The canonical events the hit carries (several for a batched GA4 request, none for a library load). */
  events: VendorEvent[];
  /** Why the vendor's decoder could not read the hit, when it could not. */
  errors: string[];
}

/** How long `settle` waits: beacons of a page being left, batch timers of its tags. */
export interface SettleOptions {
  /** Settled once no tag hit has arrived for this long. Default 150 ms. */
  quietMs?: number;
  /** Gives up waiting after this long. Default 3000 ms. */
  maxMs?: number;
}

/** The part of the network tap tracking waits on. */
interface Settles {
  settle(quietMs?: number, maxMs?: number): Promise<void>;
}

/**
 * The tag hits of one test, decoded into canonical vendor events as they arrive. What the
 * `tracking` fixture hands to a test, and what `toHaveFired` / `toNotHaveFired` read.
 */
export class Tracking {
  readonly #hits: TrackedHit[] = [];

  constructor(
    private readonly tap: Settles,
    /** The catalog this test claims and decodes with, declared endpoints included. */
    readonly catalog: Catalog,
  ) {}

  /** The vendors of the catalog, declared endpoints included. */
  get vendors(): readonly VendorDefinition[] {
    return this.catalog.vendors;
  }

  /**
   * Called by the fixture for each tag request the tap sees; not meant for tests. The tap claimed
   * it with this test's catalog: it is decoded by that vendor, not classified again.
   */
  record(hit: Omit<HitEvent, 'type' | 'journeyId'>): void {
    const vendor = hit.vendor ?? this.catalog.claim(hit.url)?.id;
    if (!vendor) return;
    const errors: string[] = [];
    const events = this.catalog.decode({ url: hit.url, method: hit.method, body: hit.body }, vendor, errors);
    this.#hits.push({ vendor, time: hit.time, url: hit.url, method: hit.method, body: hit.body, resourceType: hit.resourceType, status: hit.status, events, errors });
  }

  /** Every tag hit so far, oldest first; only that vendor's when `vendor` is given. */
  hits(vendor?: string): TrackedHit[] {
    if (vendor !== undefined) this.assertKnownVendor(vendor);
    return this.#hits.filter((hit) => vendor === undefined || hit.vendor === vendor);
  }

  /** Every decoded event so far, oldest first; only that vendor's when `vendor` is given. */
  events(vendor?: string): VendorEvent[] {
    if (vendor !== undefined) this.assertKnownVendor(vendor);
    return this.#hits.flatMap((hit) => hit.events).filter((event) => vendor === undefined || event.vendor === vendor);
  }

  /**
   * Resolves once no tag hit has arrived for `quietMs` and none is being answered (or after
   * `maxMs`): call it after leaving a page, so that its pagehide beacons are counted.
   */
  async settle(options: SettleOptions = {}): Promise<void> {
    await this.tap.settle(options.quietMs, options.maxMs);
  }

  /** Catalog ids tracking knows, for messages. */
  vendorIds(): string[] {
    return this.vendors.map((vendor) => vendor.id);
  }

  /**
   * A misspelt vendor id would make every absence check pass, so it is an error, not an empty list.
   */
  assertKnownVendor(vendor: string): void {
    if (typeof vendor === 'string' && this.vendors.some((known) => known.id === vendor)) return;
    throw new Error(`tagwatch/test: unknown vendor id ${JSON.stringify(vendor)}. Use a catalog id: ${this.vendorIds().join(', ')}`);
  }
}
