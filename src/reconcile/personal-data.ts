import type { PersonalData, VendorEvent } from '../model/vendor-event.ts';
import type { Finding } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';
import { batchLine, eventText, lineOf } from './match-purchases.ts';

/**
 * A vendor receiving an e-mail or phone number in clear: one finding per vendor and journey,
 * naming the event that carries it, down to its line in a batched request (a GA4 beacon of a
 * page_view and a purchase whose purchase line carries the e-mail names the purchase).
 */
export function personalDataFindings(journey: JourneyRecord): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    for (const event of carriers(events)) {
      if (!event.pii || findings.has(event.vendor)) continue;
      const what = [event.pii.emails.length ? 'an e-mail address' : '', event.pii.phones.length ? 'a phone number' : ''].filter(Boolean).join(' and ');
      if (!what) continue;
      const line = batchLine(event, events);
      findings.set(event.vendor, {
        severity: 'error',
        kind: 'pii-in-hit',
        vendor: event.vendor,
        condition: journey.condition,
        journeyId: journey.journeyId,
        // The values themselves stay out of the message: reports travel further than the run log.
        message: `${event.vendor} ${eventText(event, line)} carries ${what} in clear (${journey.journeyId}): hash it or leave it out`,
        evidence: { url: hit.url.split('?')[0], eventName: event.eventName, ...lineOf(line), emails: event.pii.emails.length, phones: event.pii.phones.length },
      });
    }
  }
  return [...findings.values()];
}

/**
 * The events of one request that carry its personal data. A decoder that finds it per line says
 * so on each line's event; one that found it in the whole request puts it on every event, and
 * then the events whose own parameters hold the value are the ones carrying it (in a GA4 batch,
 * the purchase line with `ep.customer_email`, not the page_view line beside it).
 */
function carriers(events: readonly VendorEvent[]): readonly VendorEvent[] {
  const withPii = events.filter((e) => e.pii);
  if (withPii.length < 2) return withPii;
  const holding = withPii.filter((e) => holds(e.params, e.pii!));
  return holding.length ? holding : withPii;
}

function holds(params: Record<string, string>, pii: PersonalData): boolean {
  const values = [...pii.emails, ...pii.phones].map((v) => v.toLowerCase());
  return Object.values(params).some((param) => {
    const text = param.toLowerCase();
    return values.some((value) => text.includes(value));
  });
}
