/**
 * A third party the journeys sent requests to, named by Ghostery's tracker database
 * (@ghostery/trackerdb), whether or not our catalog decodes its requests.
 */
export interface Tracker {
  /** trackerdb pattern key (`google_analytics`), or `unknown:<registrable domain>` for a host it does not know. */
  id: string;
  /** Display name: `Google Analytics`; the registrable domain for an unknown host. */
  name: string;
  /** trackerdb category (`site_analytics` / `Site Analytics`); key `unknown` for an unknown host. */
  category: { key: string; name: string };
  /** The company behind it (`Google`), when trackerdb names one. */
  organization?: string;
  /** Hosts the journeys reached it on, sorted. */
  hosts: string[];
  /** Catalog vendor ids whose decoded hits went to it (`ga4`); empty when our catalog decodes none of its requests. */
  catalogVendors: string[];
  /** Per condition it was seen under. */
  conditions: Record<string, TrackerConditionStats>;
}

export interface TrackerConditionStats {
  /** Journeys that sent it at least one request. */
  journeys: number;
  /** Of those, journeys that passed (a comparison between runs relies only on them). */
  passedJourneys: number;
  /** Requests seen, blocked ones included. */
  hits: number;
  /** Requests the condition's blocker stopped. */
  blocked: number;
  /** Scenarios of the passed journeys it was seen in: a scenario that failed in the other run tells nothing. */
  scenarios: string[];
}
