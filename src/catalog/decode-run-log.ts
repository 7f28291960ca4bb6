import type { CaptureDiagnostic, HitEvent, RunEvent } from '../model/run-event.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { collectJourneys, type JourneyRecord } from '../reconcile/journeys.ts';
import type { Catalog } from './catalog.ts';
import { MAX_EVENTS_PER_REQUEST, notDecodedCount } from './parse/batch-limit.ts';

/** Journeys named in a diagnostic line; the rest are counted. */
const MAX_NAMED_JOURNEYS = 3;

/**
 * A run log as journeys with their hits decoded. A hit the capture recorded with its vendor is
 * decoded by that vendor, never classified again; only hits without one (run logs written before
 * hits carried it) are claimed by the catalog. Pure; what could not be decoded is said in
 * `diagnostics`, never thrown:
 * - a decoder that failed: one line per hit (vendor, request, reason);
 * - hits recorded with a vendor the catalog does not have (a plugin gone since the capture): one
 *   line per vendor id, with the count; those hits stay in their journeys, with no events;
 * - batches past the limit of events per request (parse/batch-limit.ts): one line per vendor,
 *   with the requests and the events not decoded; each such hit keeps the event saying so;
 * - a collector of the capture that failed (`diagnostic` events): one line per collector, hook
 *   and message, with the journeys it happened in.
 */
export function decodeRunLog(events: RunEvent[], catalog: Catalog, diagnostics: string[]): JourneyRecord[] {
  const unknown = new Map<string, number>();
  const decode = (hit: HitEvent): VendorEvent[] => {
    const request = { url: hit.url, method: hit.method, body: hit.body };
    if (hit.vendor !== undefined && !catalog.vendor(hit.vendor)) {
      unknown.set(hit.vendor, (unknown.get(hit.vendor) ?? 0) + 1);
      return [];
    }
    const decoded = catalog.decode(request, hit.vendor, diagnostics);
    for (const event of decoded) {
      const count = notDecodedCount(event);
      if (count === 0) continue;
      const entry = overLimit.get(event.vendor) ?? { requests: 0, events: 0 };
      entry.requests++;
      entry.events += count;
      overLimit.set(event.vendor, entry);
    }
    return decoded;
  };
  const overLimit = new Map<string, { requests: number; events: number }>();
  const journeys = collectJourneys(events, decode);
  for (const [vendor, count] of unknown) {
    diagnostics.push(
      `run log: ${count} hit${count === 1 ? '' : 's'} captured as vendor "${vendor}" not decoded: the catalog has no such vendor now (known: ${catalog.vendors.map((v) => v.id).join(', ')}); was a vendor plugin removed or renamed since the capture?`,
    );
  }
  for (const [vendor, { requests, events: count }] of overLimit) {
    diagnostics.push(
      `run log: ${requests} ${vendor} request${requests === 1 ? '' : 's'} carried more than ${MAX_EVENTS_PER_REQUEST} events; ${count} event${count === 1 ? '' : 's'} past that were not decoded (an event "(not decoded)" stands for them on each hit)`,
    );
  }
  diagnostics.push(...collectorProblems(events));
  return journeys;
}

/** One line per collector, hook and message of the capture's `diagnostic` events. */
function collectorProblems(events: RunEvent[]): string[] {
  const byProblem = new Map<string, { event: CaptureDiagnostic; journeys: string[]; count: number }>();
  for (const event of events) {
    if (event.type !== 'diagnostic') continue;
    const key = `${event.collector}\u0000${event.hook}\u0000${event.message}`;
    const entry = byProblem.get(key) ?? { event, journeys: [], count: 0 };
    entry.count++;
    if (event.journeyId !== undefined && !entry.journeys.includes(event.journeyId)) entry.journeys.push(event.journeyId);
    byProblem.set(key, entry);
  }
  return [...byProblem.values()].map(({ event, journeys, count }) => {
    const named = journeys.slice(0, MAX_NAMED_JOURNEYS).join(', ');
    const more = journeys.length > MAX_NAMED_JOURNEYS ? ` and ${journeys.length - MAX_NAMED_JOURNEYS} more` : '';
    const where = journeys.length ? ` in ${journeys.length} journey${journeys.length === 1 ? '' : 's'} (${named}${more})` : count > 1 ? ` ${count} times` : '';
    return `capture: the ${event.collector} collector failed in ${event.hook}${where}: ${event.message}`;
  });
}
