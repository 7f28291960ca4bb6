import type { ConsentAnswer } from '../model/verdict.ts';
import type { ConsentMethod, ConsentOutcome, DataLayerPush, HitEvent, HostSample, JourneyArtifacts, RunEvent } from '../model/run-event.ts';
import type { Variant } from '../model/variant.ts';
import type { VendorEvent } from '../model/vendor-event.ts';

/** Everything the run log says about one journey, gathered in one place. */
export interface JourneyRecord {
  journeyId: string;
  scenario: string;
  condition: string;
  /** The monitor's variant combination the journey ran; absent without variants. */
  variant?: Variant;
  repeat: number;
  status: 'passed' | 'failed' | 'site-unreachable' | 'incomplete';
  error?: string;
  orderId?: string;
  /** When the journey recorded its order as placed (the order-placed event). */
  orderPlacedAt?: string;
  /** Main-frame load events of the journey's pages, in order; absent in older run logs. */
  pageLoads?: { url: string; time: string }[];
  stamp?: string;
  consent?: ConsentOutcome;
  /** Every banner the journey met (one per device or return visit), in order. */
  consents: ConsentDecision[];
  networkHosts: Record<string, number>;
  /** Hosts of requests the condition's blocker stopped (not tag hits), with counts; absent in older run logs. */
  blockedHosts?: Record<string, number>;
  /** First request per host of networkHosts and blockedHosts; absent in older run logs. */
  hostSamples?: Record<string, HostSample>;
  hits: DecodedHit[];
  /** Click ids of the ad click the journey landed from, if it did. */
  adClickIds?: Record<string, string>;
  /**
   * What the site pushed into the dataLayer, in order: tells a tag that did not fire from a site
   * that never pushed the purchase. Absent when the record was not built from a run log.
   */
  dataLayer?: DataLayerPush[];
  /** Screenshot, trace and HAR kept because the journey did not pass (paths relative to the run folder). */
  artifacts?: JourneyArtifacts;
  /** 1, 2, ...: set when the same condition x scenario x repeat ran more than once (a retry). */
  attempt?: number;
  /** The later attempt that replaced this one: its result is evidence, never measured. */
  supersededBy?: string;
}

/**
 * One banner answer: when the journey started answering it, and when it was done. Hits between
 * the two are neither clearly before nor clearly after: compliance checks leave them out rather
 * than risk a false alarm.
 */
export interface ConsentDecision {
  outcome: ConsentOutcome;
  decidedAt: string;
  doneAt: string;
  /** Who answered (autoconsent, the click by name, nobody); absent in older run logs. */
  method?: ConsentMethod;
  /** What was clicked, or why the banner could not be answered. */
  detail?: string;
  /** The consent manager, when recognised. */
  cmp?: string;
  /** The autoconsent rule that recognised it, when not the name in `cmp`. */
  rule?: string;
}

/**
 * The journey's banners as results.json gives them (JourneyResult.consentAnswers): outcome,
 * method, detail and consent manager of each, in order; {} when the journey never looked for one.
 */
export function consentAnswersOf(journey: Pick<JourneyRecord, 'consents'>): { consentAnswers?: ConsentAnswer[] } {
  if (!journey.consents.length) return {};
  return {
    consentAnswers: journey.consents.map((d) => ({
      outcome: d.outcome,
      ...(d.method ? { method: d.method } : {}),
      ...(d.detail ? { detail: d.detail } : {}),
      ...(d.cmp ? { cmp: d.cmp } : {}),
      ...(d.rule ? { rule: d.rule } : {}),
    })),
  };
}

export interface DecodedHit {
  hit: HitEvent;
  events: VendorEvent[];
}

/** Groups run log events by journey; hits are paired with their decoded vendor events. */
export function collectJourneys(events: RunEvent[], decode: (hit: HitEvent) => VendorEvent[]): JourneyRecord[] {
  const byId = new Map<string, JourneyRecord>();
  for (const event of events) {
    if (event.type === 'journey-start') {
      byId.set(event.journeyId, {
        journeyId: event.journeyId,
        scenario: event.scenario,
        condition: event.condition,
        ...(event.variant ? { variant: event.variant } : {}),
        repeat: event.repeat,
        status: 'incomplete',
        consents: [],
        networkHosts: {},
        hits: [],
        dataLayer: [],
      });
      continue;
    }
    // A capture diagnostic of a worker (attach, detach) belongs to no journey.
    if (!('journeyId' in event) || event.journeyId === undefined) continue;
    const journey = byId.get(event.journeyId);
    if (!journey) continue;
    switch (event.type) {
      case 'hit':
        journey.hits.push({ hit: event, events: decode(event) });
        break;
      case 'order-placed':
        journey.orderId = event.orderId;
        journey.orderPlacedAt = event.time;
        journey.stamp = event.stamp;
        break;
      case 'page-load':
        (journey.pageLoads ??= []).push({ url: event.url, time: event.time });
        break;
      case 'datalayer':
        journey.dataLayer?.push(event);
        break;
      case 'ad-click':
        journey.adClickIds = { ...journey.adClickIds, ...event.clickIds };
        break;
      case 'consent':
        // One unanswered banner makes the whole journey unmeasured.
        // A later "no banner" (the decision is remembered) does not undo the earlier answer.
        if (event.outcome === 'not-handled' || !journey.consent || journey.consent === 'no-banner') journey.consent = event.outcome;
        journey.consents.push({
          outcome: event.outcome,
          decidedAt: event.decidedAt ?? event.time,
          doneAt: event.time,
          ...(event.method ? { method: event.method } : {}),
          ...(event.detail ? { detail: event.detail } : {}),
          ...(event.cmp ? { cmp: event.cmp } : {}),
          ...(event.rule ? { rule: event.rule } : {}),
        });
        break;
      case 'journey-end':
        journey.status = event.status;
        journey.error = event.error;
        journey.networkHosts = event.networkHosts;
        journey.blockedHosts = event.blockedHosts;
        journey.hostSamples = event.hostSamples;
        if (event.artifacts) journey.artifacts = event.artifacts;
        break;
      default:
        break;
    }
  }
  return markAttempts([...byId.values()]);
}

/**
 * Attempts of one journey (a retry has its own journey id) share condition, scenario and repeat,
 * and start one after the other: numbered in start order, all but the last superseded by it.
 */
function markAttempts(journeys: JourneyRecord[]): JourneyRecord[] {
  const attempts = new Map<string, JourneyRecord[]>();
  for (const journey of journeys) {
    const key = `${journey.condition}\u0000${journey.scenario}\u0000${JSON.stringify(journey.variant ?? {})}\u0000${journey.repeat}`;
    attempts.set(key, [...(attempts.get(key) ?? []), journey]);
  }
  for (const group of attempts.values()) {
    if (group.length < 2) continue;
    const last = group.at(-1)!;
    group.forEach((journey, index) => {
      journey.attempt = index + 1;
      if (journey !== last) journey.supersededBy = last.journeyId;
    });
  }
  return journeys;
}
