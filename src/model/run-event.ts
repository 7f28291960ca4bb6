import type { Variant } from './variant.ts';

/**
 * One line of the run log (NDJSON). The run log is the single source of truth for a run:
 * decoding, reconciliation and reports are pure functions over it.
 */
export type RunEvent =
  | RunStart
  | JourneyStart
  | HitEvent
  | UnclaimedRequest
  | DataLayerPush
  | OrderPlaced
  | PageLoad
  | ConsentHandled
  | AdClick
  | ReturnVisit
  | JourneyEnd
  | CaptureDiagnostic
  | JourneyTiming
  | RunEnd;

export interface RunStart {
  type: 'run-start';
  time: string;
  runId: string;
  monitor: string;
  baseUrl: string;
  conditions: string[];
  repeat: number;
}

export interface JourneyStart {
  type: 'journey-start';
  time: string;
  journeyId: string;
  scenario: string;
  condition: string;
  repeat: number;
  /** The variant combination the journey ran; absent when the monitor has no variants. */
  variant?: Variant;
}

/** Where a captured request ended: answered locally, blocked by a condition, or let through. */
export type HitStatus = 'captured' | 'blocked' | 'live';

export interface HitEvent {
  type: 'hit';
  time: string;
  journeyId: string;
  url: string;
  method: string;
  body?: string;
  /** Chromium resource type: Ping (sendBeacon), XHR, Fetch, Image, Script, ... */
  resourceType?: string;
  /** Catalog id of the vendor that claimed the request at capture: decoded by it, not classified again. Absent in older run logs. */
  vendor?: string;
  status: HitStatus;
  /** The filter rule that blocked the request, when blocked. */
  rule?: string;
  /** The filter list the rule comes from (EasyList, EasyPrivacy, ...), when known. */
  filterList?: string;
  /** 1-based line of the rule in that list, as the list file is written, when known. */
  filterLine?: number;
}

/**
 * A request no vendor of the run claimed, that carries data and names a purchase (its URL or body
 * says purchase, transaction_id, CompletePayment): a tag sending to an endpoint the monitor does
 * not declare (a server-side container on the shop's own domain) is seen there, so a lost
 * purchase can be traced to it instead of to a tag that never fired. Body cut at
 * UNCLAIMED_BODY_MAX characters.
 */
export interface UnclaimedRequest extends Pick<HitEvent, 'time' | 'journeyId' | 'url' | 'method' | 'body' | 'resourceType'> {
  type: 'unclaimed-request';
}

/** How much of an unclaimed request's body the run log keeps. */
export const UNCLAIMED_BODY_MAX = 8192;

/**
 * A page of the journey fired its load event (main frame): late tags are measured from the
 * confirmation page's load, the moment a visitor can see it and leave.
 */
export interface PageLoad {
  type: 'page-load';
  time: string;
  journeyId: string;
  url: string;
}

export interface DataLayerPush {
  type: 'datalayer';
  time: string;
  journeyId: string;
  pageUrl: string;
  /** The pushed value, JSON-safe copy. */
  value: unknown;
}

export interface OrderPlaced {
  type: 'order-placed';
  time: string;
  journeyId: string;
  /** Order number read from the confirmation page. */
  orderId: string;
  /** The run stamp the journey put on the order (e.g. the e-mail alias). */
  stamp: string;
}

/** The journey arrived from an ad click: the click ids its landing URL carried. */
export interface AdClick {
  type: 'ad-click';
  time: string;
  journeyId: string;
  landingUrl: string;
  /** gclid, fbclid, ttclid, ... as in the landing URL. */
  clickIds: Record<string, string>;
}

/** The journey came back `days` later: cookies a browser's caps would have expired are gone. */
export interface ReturnVisit {
  type: 'return-visit';
  time: string;
  journeyId: string;
  days: number;
  removedCookies: string[];
  keptCookies: string[];
}

/** What happened with the consent banner: a consent condition whose banner was not handled is inconclusive. */
export type ConsentOutcome = 'accepted' | 'refused' | 'ignored' | 'no-banner' | 'not-handled';

/** Who answered a consent banner: autoconsent's rules, the click by button name, or nobody. */
export type ConsentMethod = 'autoconsent' | 'fallback' | 'none';

export interface ConsentHandled {
  type: 'consent';
  time: string;
  journeyId: string;
  outcome: ConsentOutcome;
  /** When the journey started answering the banner: hits before it fired without consent. */
  decidedAt: string;
  /** Which button was clicked, in which frame; or why the banner could not be answered. */
  detail?: string;
  /** The consent manager autoconsent recognised, when it did. */
  cmp?: string;
  /** The autoconsent rule that recognised the consent manager, when one did and it is not the name in `cmp`. */
  rule?: string;
  /** Who answered: autoconsent's rules, the click by button name, or nobody. */
  method?: 'autoconsent' | 'fallback' | 'none';
  /** The IAB TCF consent the page's __tcfapi reported after the answer, decoded; absent without a TCF CMP. */
  tcf?: {
    tcString: string;
    cmpId?: number;
    purposeConsents: number[];
    vendorConsents: number[];
  };
}

export type JourneyStatus = 'passed' | 'failed' | 'site-unreachable';

export interface JourneyEnd {
  type: 'journey-end';
  time: string;
  journeyId: string;
  status: JourneyStatus;
  error?: string;
  /** Non-loopback hosts whose requests were let through to the network, with counts. */
  networkHosts: Record<string, number>;
  /** Non-loopback hosts of requests (not tag hits) the condition's blocker stopped, with counts. Absent in older run logs. */
  blockedHosts?: Record<string, number>;
  /** Per host of networkHosts and blockedHosts, its first request: what the tracker inventory names it by. Absent in older run logs. */
  hostSamples?: Record<string, HostSample>;
  /** What was kept to see why a journey that did not pass failed; absent for passed journeys and in older run logs. */
  artifacts?: JourneyArtifacts;
}

/**
 * Files kept for a journey that did not pass, under `<runDir>/artifacts/<journeyId>/`, as paths
 * relative to the run folder (so a report beside results.json can link them). A file that could
 * not be made (the page had crashed) is absent.
 */
export interface JourneyArtifacts {
  /** The page where the journey stopped. */
  screenshot?: string;
  /** Playwright trace (open with `npx playwright show-trace`). */
  trace?: string;
  /** Every request of the journey's browser context; written when the context closes, just after journey-end. */
  har?: string;
}

/** One request to a host, kept so that the host can be classified (trackerdb matches URLs with their type). */
export interface HostSample {
  url: string;
  /** Chromium resource type: Script, XHR, Image, ... */
  resourceType?: string;
}

/**
 * A collector of the capture (network, datalayer, consent, cookie-caps, artifacts) failed in one
 * of its hooks: the journey went on without what it would have done there.
 */
export interface CaptureDiagnostic {
  type: 'diagnostic';
  time: string;
  /** The journey it happened in; absent for the worker's own hooks (attach, detach). */
  journeyId?: string;
  /** The collector's name. */
  collector: string;
  /** The hook that threw (attach, addContext, beforeJourney, afterJourney, ...). */
  hook: string;
  message: string;
}

/** The phases of a journey a run timed; what `tagwatch bench` breaks a journey's time down by. */
export type JourneyPhase = 'context' | 'capture' | 'consent' | 'steps' | 'settle' | 'teardown';

/**
 * Where one journey's time went, in milliseconds, written once its browser context has closed
 * (after journey-end): `context` the context's creation, `capture` the collectors' set-up,
 * `consent` answering the banner, `steps` the scenario's own clicks and page loads, `settle`
 * the waits for late tags (the confirmation dwell, the last beacons), `teardown` ending the
 * collectors and closing the context. Measurement only: the verdict never reads it.
 */
export interface JourneyTiming {
  type: 'journey-timing';
  time: string;
  journeyId: string;
  phases: Record<JourneyPhase, number>;
  /** The journey worker process that ran it (Playwright's workerIndex: a new number for every process started). */
  worker: number;
}

export interface RunEnd {
  type: 'run-end';
  time: string;
  runId: string;
  /** Exit code of the journey runner; non-zero when journeys failed or the runner crashed. */
  runnerExitCode: number;
}
