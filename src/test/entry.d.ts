// Types of `tagwatch/test`, self-contained: a suite type-checks without compiling tagwatch's
// sources (which would need allowImportingTsExtensions). tests/fixture-example/declared-types.ts
// checks these against the implementation (src/test/index.ts).
import type {
  Expect,
  ExpectMatcherState,
  MatcherReturnType,
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
  TestType,
} from 'playwright/test';

/** What a tag request means for a vendor. */
export type EventKind = 'purchase' | 'pageview' | 'other';

/** Consent signals a request carries, as the vendor encodes them (Google Consent Mode v2, ...). */
export interface ConsentSignals {
  gcs?: string;
  gcd?: string;
  npa?: string;
  analyticsStorage?: 'granted' | 'denied';
  adStorage?: 'granted' | 'denied';
  adUserData?: 'granted' | 'denied';
  adPersonalization?: 'granted' | 'denied';
}

/** Plain (unhashed) e-mails or phone numbers found in a request. */
export interface PersonalData {
  emails: string[];
  phones: string[];
}

/** One canonical vendor event, decoded from a tag hit. */
export interface VendorEvent {
  /** Catalog id of the vendor: ga4, google-ads, meta, tiktok, ... */
  vendor: string;
  /** GA4 measurement id, pixel id, AW-... conversion id. */
  account?: string;
  /** The event name exactly as the vendor sent it (purchase, Purchase, CompletePayment, ...). */
  eventName: string;
  kind: EventKind;
  /** The shop's order id, as the tag reported it. */
  transactionId?: string;
  /** Monetary value in currency units. */
  value?: number;
  /** ISO 4217 code as sent. */
  currency?: string;
  /** Vendor dedup key: Meta eid, TikTok event_id, ... */
  eventId?: string;
  consent?: ConsentSignals;
  clickIds?: Record<string, string>;
  userIds?: Record<string, string>;
  pii?: PersonalData;
  /** Every decoded parameter, flattened to strings (`ep.transaction_id`, `cd[value]`, ...). */
  params: Record<string, string>;
}

/** One tag request of the test, with what the catalog read in it. */
export interface TrackedHit {
  vendor: string;
  time: string;
  url: string;
  method: string;
  body?: string;
  /** Chromium resource type: Ping (sendBeacon), XHR, Fetch, Image, Script, ... */
  resourceType?: string;
  /** `captured`: answered locally with 204; `live`: sent on to the vendor. */
  status: 'captured' | 'blocked' | 'live';
  events: VendorEvent[];
  errors: string[];
}

export interface SettleOptions {
  /** Settled once no tag hit has arrived for this long. Default 150 ms. */
  quietMs?: number;
  /** Gives up waiting after this long. Default 3000 ms. */
  maxMs?: number;
}

/** The tag hits of one test, decoded: the `tracking` fixture. */
export interface Tracking {
  /** Every tag hit so far, oldest first; only that vendor's when `vendor` is given. Throws on an unknown vendor id. */
  hits(vendor?: string): TrackedHit[];
  /** Every decoded event so far, oldest first; only that vendor's when `vendor` is given. Throws on an unknown vendor id. */
  events(vendor?: string): VendorEvent[];
  /** Resolves once no tag hit has arrived for `quietMs` (or after `maxMs`): pagehide beacons land. */
  settle(options?: SettleOptions): Promise<void>;
  /** Catalog ids tracking knows. */
  vendorIds(): string[];
}

/** Set with `test.use({ trackingOptions: { ... } })`. */
export interface TrackingOptions {
  /** Let tag hits reach the vendors instead of answering them locally with 204. Default false. */
  liveHits?: boolean;
  /** The site's own collection URLs per vendor id: `{ ga4: ['https://metrics.shop.example/g/collect', '/sgtm/data'] }`. */
  endpoints?: Readonly<Record<string, readonly string[]>>;
}

/** `expect.any(String)`, `expect.stringContaining('x')`, ... */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/** The exact value, a RegExp for text, an asymmetric matcher, or some keys of an object field. */
export type FieldExpectation<T> =
  | AsymmetricMatcherLike
  | (T extends string ? T | RegExp : T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: FieldExpectation<T[K]> } : T);

/** Part of a canonical event: every field given must match; a field given as undefined must be absent. */
export type ExpectedEvent = { [K in keyof VendorEvent]?: FieldExpectation<VendorEvent[K]> };

export interface FiredOptions {
  /** How long to wait for the hit (toHaveFired) or for the tags to settle (absence). Default: the expect timeout. */
  timeout?: number;
}

export interface TrackingMatchers {
  /** A partial match among the vendor's events, waiting up to the timeout; `.not` checks once the tags settled. */
  toHaveFired(this: ExpectMatcherState, tracking: Tracking, vendor: string, expected?: ExpectedEvent, options?: FiredOptions): Promise<MatcherReturnType>;
  /** No (matching) event of the vendor once the tags settled; `.not` waits for one. */
  toNotHaveFired(this: ExpectMatcherState, tracking: Tracking, vendor: string, expected?: ExpectedEvent, options?: FiredOptions): Promise<MatcherReturnType>;
}

/** Playwright's `test` with the `tracking` fixture and the `trackingOptions` option. */
export declare const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & { tracking: Tracking; trackingOptions: TrackingOptions },
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
>;

/** Playwright's `expect` with `toHaveFired` and `toNotHaveFired`. */
export declare const expect: Expect<TrackingMatchers>;
