import type { Finding } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';

/** A vendor receiving an e-mail or phone number in clear: one finding per vendor and journey. */
export function personalDataFindings(journey: JourneyRecord): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    for (const event of events) {
      if (!event.pii || findings.has(event.vendor)) continue;
      const what = [event.pii.emails.length ? 'an e-mail address' : '', event.pii.phones.length ? 'a phone number' : ''].filter(Boolean).join(' and ');
      findings.set(event.vendor, {
        severity: 'error',
        kind: 'pii-in-hit',
        vendor: event.vendor,
        condition: journey.condition,
        journeyId: journey.journeyId,
        // The values themselves stay out of the message: reports travel further than the run log.
        message: `${event.vendor} ${event.eventName} carries ${what} in clear (${journey.journeyId}): hash it or leave it out`,
        evidence: { url: hit.url.split('?')[0], emails: event.pii.emails.length, phones: event.pii.phones.length },
      });
    }
  }
  return [...findings.values()];
}
