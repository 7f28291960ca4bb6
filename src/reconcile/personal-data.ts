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
    // The catalog puts personal data on the event whose line carries it (URL data on every event).
    for (const event of events) {
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
