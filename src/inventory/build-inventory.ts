import type { HostSample } from '../model/run-event.ts';
import type { Tracker } from '../model/tracker.ts';
import type { JourneyRecord } from '../reconcile/journeys.ts';
import { hostnameOf } from './third-party.ts';

/** What the inventory calls a tracker: its trackerdb identity. */
export type TrackerIdentity = Pick<Tracker, 'id' | 'name' | 'category' | 'organization'>;

/** How the inventory names requests: trackerdb in an audit. */
export interface TrackerNamer {
  classify(request: HostSample): TrackerIdentity;
  /** Whether a host is a third party of the audited site. */
  isThirdParty(host: string): boolean;
}

/** Requests of one journey to one URL or host, before they are named. */
interface Observation {
  request: HostSample;
  hits: number;
  blocked: number;
  /** Catalog vendor that decoded it, for tag hits. */
  vendor?: string;
}

interface ConditionTally {
  journeys: Set<string>;
  passed: Set<string>;
  hits: number;
  blocked: number;
  scenarios: Set<string>;
}

interface TrackerTally {
  identity: TrackerIdentity;
  hosts: Set<string>;
  vendors: Set<string>;
  conditions: Map<string, ConditionTally>;
}

/**
 * Every third party the journeys sent requests to, one entry per tracker, with per condition
 * the journeys it was seen in, its requests and how many were blocked. Tag hits are named by
 * their own URL; other requests by their host's first request (or the bare host, for run logs
 * written before samples were kept).
 */
export function buildTrackerInventory(journeys: readonly JourneyRecord[], namer: TrackerNamer): Tracker[] {
  const trackers = new Map<string, TrackerTally>();
  for (const journey of journeys) {
    for (const observation of observe(journey)) {
      const host = hostnameOf(observation.request.url);
      if (!host || !namer.isThirdParty(host)) continue;
      const identity = namer.classify(observation.request);
      let tracker = trackers.get(identity.id);
      if (!tracker) trackers.set(identity.id, (tracker = { identity, hosts: new Set(), vendors: new Set(), conditions: new Map() }));
      tracker.hosts.add(host);
      if (observation.vendor) tracker.vendors.add(observation.vendor);
      let tally = tracker.conditions.get(journey.condition);
      if (!tally) tracker.conditions.set(journey.condition, (tally = { journeys: new Set(), passed: new Set(), hits: 0, blocked: 0, scenarios: new Set() }));
      tally.journeys.add(journey.journeyId);
      if (isMeasured(journey)) {
        tally.passed.add(journey.journeyId);
        tally.scenarios.add(journey.scenario);
      }
      tally.hits += observation.hits;
      tally.blocked += observation.blocked;
    }
  }
  return [...trackers.values()].map(toTracker).sort(byKnownThenName);
}

/**
 * A journey whose trackers can be compared with another run's: it passed, and its consent banner
 * was answered (a banner left up keeps consent-gated tags silent, which is no disappearance).
 */
export function isMeasured(journey: Pick<JourneyRecord, 'status' | 'consent'>): boolean {
  return journey.status === 'passed' && journey.consent !== 'not-handled';
}

function observe(journey: JourneyRecord): Observation[] {
  const observations: Observation[] = [];
  for (const { hit, events } of journey.hits) {
    // A live hit went to the network too, so networkHosts counts it: it names its tracker here, counted once there.
    observations.push({
      request: { url: hit.url, resourceType: hit.resourceType },
      hits: hit.status === 'live' ? 0 : 1,
      blocked: hit.status === 'blocked' ? 1 : 0,
      vendor: events[0]?.vendor,
    });
  }
  const sample = (host: string): HostSample => journey.hostSamples?.[host] ?? { url: `https://${host}/` };
  for (const [host, count] of Object.entries(journey.networkHosts)) observations.push({ request: sample(host), hits: count, blocked: 0 });
  for (const [host, count] of Object.entries(journey.blockedHosts ?? {})) observations.push({ request: sample(host), hits: count, blocked: count });
  return observations;
}

function toTracker(tally: TrackerTally): Tracker {
  return {
    ...tally.identity,
    hosts: [...tally.hosts].sort(),
    catalogVendors: [...tally.vendors].sort(),
    conditions: Object.fromEntries(
      [...tally.conditions].map(([condition, t]) => [
        condition,
        { journeys: t.journeys.size, passedJourneys: t.passed.size, hits: t.hits, blocked: t.blocked, scenarios: [...t.scenarios].sort() },
      ]),
    ),
  };
}

/** Named trackers first, unknown hosts after them; alphabetical within each. */
function byKnownThenName(a: Tracker, b: Tracker): number {
  const unknown = Number(a.category.key === 'unknown') - Number(b.category.key === 'unknown');
  return unknown || a.name.localeCompare(b.name);
}
