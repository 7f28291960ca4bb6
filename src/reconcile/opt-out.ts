import type { Finding } from '../model/verdict.ts';
import { isConsentModePing } from './consent-mode.ts';
import type { JourneyRecord } from './journeys.ts';

/**
 * Advertising tags that fired while the browser sent an opt-out signal (Global Privacy Control):
 * one finding per vendor and journey, with the first hit as evidence.
 */
export function optOutFindings(journey: JourneyRecord, signal: string, advertisingVendors: string[]): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    for (const event of events) {
      if (!advertisingVendors.includes(event.vendor) || isConsentModePing(event) || findings.has(event.vendor)) continue;
      findings.set(event.vendor, {
        severity: 'warning',
        kind: 'fired-despite-opt-out',
        vendor: event.vendor,
        condition: journey.condition,
        journeyId: journey.journeyId,
        message: `${event.vendor} sent ${event.eventName} although the browser sent ${signal} (${journey.journeyId})`,
        evidence: { url: hit.url },
      });
    }
  }
  return [...findings.values()];
}
