import type { Finding } from '../model/verdict.ts';
import { isConsentModePing } from './consent-mode.ts';
import type { JourneyRecord } from './journeys.ts';

/**
 * What a journey's hits say about consent: tags that fired before the visitor decided (or when
 * they never did), after they refused, or whose Google consent signals contradict the decision.
 * Cookieless consent-mode pings are allowed before and after a refusal: that is their purpose.
 */
export function consentFindings(journey: JourneyRecord): Finding[] {
  const outcome = journey.consent;
  if (!outcome || outcome === 'no-banner' || outcome === 'not-handled' || !journey.consentAt) return [];
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const report = (kind: Finding['kind'], vendor: string, message: string, url: string, severity: Finding['severity'] = 'error') => {
    if (reported.has(`${kind}:${vendor}`)) return;
    reported.add(`${kind}:${vendor}`);
    findings.push({ severity, kind, vendor, condition: journey.condition, journeyId: journey.journeyId, message, evidence: { url } });
  };
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    const before = hit.time < journey.consentAt;
    const after = hit.time > (journey.consentDoneAt ?? journey.consentAt);
    for (const event of events) {
      const ping = isConsentModePing(event);
      if (!ping && (outcome === 'ignored' || before)) {
        const when = outcome === 'ignored' ? 'although the visitor never answered the consent banner' : 'before the visitor answered the consent banner';
        report('fired-before-consent', event.vendor, `${event.vendor} sent ${event.eventName} ${when} (${journey.journeyId})`, hit.url);
      } else if (!ping && outcome === 'refused' && after) {
        report('fired-after-refusal', event.vendor, `${event.vendor} sent ${event.eventName} after the visitor refused consent (${journey.journeyId})`, hit.url);
      }
      if (after && event.consent && (outcome === 'accepted' || outcome === 'refused')) {
        const expected = outcome === 'accepted' ? 'granted' : 'denied';
        const storage = event.vendor === 'ga4' ? event.consent.analyticsStorage : event.consent.adStorage;
        if (storage && storage !== expected) {
          report(
            'consent-signal-mismatch',
            event.vendor,
            `${event.vendor} ${event.eventName} says storage ${storage} (gcs=${event.consent.gcs ?? '?'}) but the visitor ${outcome} consent (${journey.journeyId})`,
            hit.url,
            'warning',
          );
        }
      }
    }
  }
  return findings;
}
