import type { Finding, JourneyResult, VerdictStatus } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';
import type { VendorExpectation } from './match-purchases.ts';

/**
 * The judgement of an order-free monitor (no order source: a consent or privacy audit of pages).
 * Nothing is reconciled with orders: each expectation is an event every journey must send where
 * its condition lets it, and the verdict comes from the findings alone.
 */

/** An expected event one journey did not send. */
export interface MissingEvent {
  journey: JourneyRecord;
  vendor: string;
  /** The event expected; undefined: any event of the vendor. */
  eventName: string | undefined;
}

/** Whether the journey sent the vendor's event (any of its events when no name is expected); a blocked request was not sent. */
export function eventSent(journey: JourneyRecord, vendor: string, eventName: string | undefined): boolean {
  return journey.hits.some(
    ({ hit, events }) => hit.status !== 'blocked' && events.some((e) => e.vendor === vendor && (eventName === undefined || e.eventName === eventName)),
  );
}

/** The pages a journey loaded, as paths when they are on one origin (the first one when it loaded none later). */
export function journeyPages(journey: JourneyRecord): string[] {
  const urls = [...new Set((journey.pageLoads ?? []).map((load) => load.url.split('#')[0]!))];
  return urls.map((url) => {
    try {
      const parsed = new URL(url);
      return `${parsed.origin}${parsed.pathname}${parsed.search}`;
    } catch {
      return url;
    }
  });
}

/**
 * One finding per vendor and condition whose journeys missed the event. Where the condition's
 * point is that tags stay quiet (refused or ignored consent, an ad blocker) or the visitor refused
 * or never answered, a missing event is what should happen: information. Elsewhere it is an error
 * naming each page that did not send it.
 */
export function missingEventFindings(missing: readonly MissingEvent[], lossIsExpected: (condition: string) => boolean): Finding[] {
  const groups = new Map<string, MissingEvent[]>();
  for (const m of missing) {
    const key = `${m.vendor}\u0000${m.journey.condition}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((group) => {
    const { vendor, eventName, journey } = group[0]!;
    const condition = journey.condition;
    const excused = lossIsExpected(condition) || group.every((m) => m.journey.consent === 'refused' || m.journey.consent === 'ignored');
    const what = eventName ? `no ${eventName}` : 'no event';
    const where = group.map((m) => `${journeyPages(m.journey)[0] ?? 'its first page'} (${m.journey.journeyId})`);
    return {
      severity: excused ? 'info' : 'error',
      kind: 'event-missing',
      vendor,
      condition,
      message:
        `${vendor} sent ${what} on ${group.length} journey${group.length === 1 ? '' : 's'} under ${condition}` +
        `${excused ? ', as expected under this condition' : ''}: ${where.join(', ')}`,
      evidence: {
        eventName: eventName ?? null,
        journeys: group.map((m) => ({ journeyId: m.journey.journeyId, pages: journeyPages(m.journey) })),
      },
    } satisfies Finding;
  });
}

/**
 * Pass or fail from the findings. Inconclusive only when something was not audited: no journey
 * ran, or one did not finish or could not answer its banner (its pages' consent is unknown).
 */
export function orderFreeStatus(journeys: readonly JourneyResult[], findings: readonly Finding[]): VerdictStatus {
  if (journeys.length === 0) return 'inconclusive';
  if (findings.some((f) => f.severity === 'error' && f.kind !== 'site-unreachable')) return 'fail';
  return journeys.some((j) => j.status !== 'passed') ? 'inconclusive' : 'pass';
}

export function orderFreeSummary(status: VerdictStatus, journeys: readonly JourneyResult[], findings: readonly Finding[], expectations: Record<string, VendorExpectation>): string {
  const conditions = [...new Set(journeys.map((j) => j.condition))];
  const ran = `${journeys.length} journey${journeys.length === 1 ? '' : 's'} under ${conditions.join(', ') || 'no condition'}`;
  if (status === 'pass') {
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const expected = Object.entries(expectations).map(([vendor, e]) => `${vendor} ${e.eventName ?? 'events'}`);
    return (
      `No error finding in ${ran}` +
      `${expected.length ? `; ${expected.join(', ')} sent wherever expected` : ''}` +
      `${warnings ? `; ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`
    );
  }
  if (status === 'inconclusive') {
    const reason = findings.find((f) => ['site-unreachable', 'journey-failed', 'consent-not-handled'].includes(f.kind));
    return `Could not audit every page: ${reason?.message ?? 'no journey completed'}.`;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const kinds = [...new Set(errors.map((f) => `${f.kind}${f.vendor ? ` (${f.vendor})` : ''}`))];
  return `${errors.length} error finding${errors.length === 1 ? '' : 's'} in ${ran}: ${kinds.join(', ')}. First: ${errors[0]!.message}.`;
}
