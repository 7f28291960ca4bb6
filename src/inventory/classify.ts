import type { HostSample } from '../model/run-event.ts';
import type { Tracker } from '../model/tracker.ts';
import type { TrackerIdentity, TrackerNamer } from './build-inventory.ts';
import { hostnameOf, isThirdPartyHost } from './third-party.ts';
import { filterRequestType } from '../browser/filter-request-type.ts';
import type { TrackerDb, TrackerDbRequestType } from './trackerdb.ts';

/** Who a request belongs to: everything of a tracker but what the journeys did with it. */

export const UNKNOWN_CATEGORY = { key: 'unknown', name: 'Unknown' } as const;

/**
 * Names the tracker a request goes to, by its URL and type as seen from the page. A host
 * trackerdb does not know is still a third party the site talks to: it stays in the inventory
 * as `unknown:<registrable domain>`, named after that domain.
 */
export function classifyRequest(db: TrackerDb, request: HostSample, pageUrl: string): TrackerIdentity {
  // A third-party document in a journey is a frame; as main_frame trackerdb would take it for first-party.
  const type = filterRequestType(request.resourceType, 'sub_frame') as TrackerDbRequestType;
  const match = db.match({ url: request.url, type, sourceUrl: pageUrl });
  if (match) {
    return { id: match.key, name: match.name, category: match.category, ...(match.organization ? { organization: match.organization } : {}) };
  }
  const domain = db.registrableDomain(hostnameOf(request.url) ?? request.url);
  return { id: `unknown:${domain}`, name: domain, category: { ...UNKNOWN_CATEGORY } };
}

/** How an audit names requests: trackerdb, with the audited site's domain as the first party. */
export function trackerDbNamer(db: TrackerDb, pageUrl: string): TrackerNamer {
  const pageHost = hostnameOf(pageUrl) ?? pageUrl;
  return {
    classify: (request) => classifyRequest(db, request, pageUrl),
    isThirdParty: (host) => isThirdPartyHost(host, pageHost, db.registrableDomain),
  };
}
