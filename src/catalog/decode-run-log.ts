import type { CaptureDiagnostic, HitEvent, RunEvent } from '../model/run-event.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { collectJourneys, type JourneyRecord } from '../reconcile/journeys.ts';
import type { Catalog } from './catalog.ts';

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
    return catalog.decode(request, hit.vendor, diagnostics);
  };
  const journeys = collectJourneys(events, decode);
  for (const [vendor, count] of unknown) {
    diagnostics.push(
      `run log: ${count} hit${count === 1 ? '' : 's'} captured as vendor "${vendor}" not decoded: the catalog has no such vendor now (known: ${catalog.vendors.map((v) => v.id).join(', ')}); was a vendor plugin removed or renamed since the capture?`,
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
