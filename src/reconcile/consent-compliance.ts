import type { ConsentOutcome } from '../model/run-event.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import type { Finding, Severity } from '../model/verdict.ts';
import { isConsentModePing } from './consent-mode.ts';
import type { ConsentDecision, JourneyRecord } from './journeys.ts';
import { batchLine, eventText, lineOf } from './match-purchases.ts';

/** The consent state a hit was sent under, as the journey's banner answers tell it. */
type HitState = 'unclear' | 'pending' | 'accepted' | 'refused' | 'ignored';

/**
 * - while a banner was being answered: unclear (left out);
 * - before the first banner answered: pending, no decision yet;
 * - between two answered banners (a second device, a return visit whose consent cookie expired):
 *   unclear, since hits do not say which device sent them: a missed finding is better than a
 *   false alarm;
 * - otherwise the last decision before it ("no banner" later means the decision was remembered).
 */
function stateOf(time: string, decisions: ConsentDecision[]): HitState {
  if (decisions.some((d) => time >= d.decidedAt && time <= d.doneAt)) return 'unclear';
  const next = decisions.find((d) => d.decidedAt > time);
  const previous = [...decisions].reverse().find((d) => d.doneAt < time && d.outcome !== 'no-banner');
  if (next && (next.outcome === 'accepted' || next.outcome === 'refused')) return previous ? 'unclear' : 'pending';
  const outcome: ConsentOutcome | undefined = previous?.outcome ?? decisions.find((d) => d.outcome === 'ignored')?.outcome;
  return outcome === 'accepted' || outcome === 'refused' || outcome === 'ignored' ? outcome : 'unclear';
}

export interface ConsentFindingOptions {
  /**
   * Severity of `fired-without-banner`: marketing hits on a journey whose pages never showed a
   * consent banner (the monitor's consent.firedWithoutBanner). Default 'warning'.
   */
  firedWithoutBanner?: Severity;
}

/**
 * What a journey's hits say about consent: tags that fired before the visitor decided (or when
 * they never did), after they refused, or whose Google consent signals contradict the decision.
 * Cookieless consent-mode pings are allowed before and after a refusal: that is their purpose.
 * A journey whose every look found no banner (in any condition, ignore included) was never asked:
 * its marketing hits are `fired-without-banner`, at the severity the monitor gives it.
 */
export function consentFindings(journey: JourneyRecord, options: ConsentFindingOptions = {}): Finding[] {
  const decisions = journey.consents;
  if (!decisions.length || decisions.some((d) => d.outcome === 'not-handled')) return [];
  if (decisions.every((d) => d.outcome === 'no-banner')) return firedWithoutBanner(journey, options.firedWithoutBanner ?? 'warning');
  const findings: Finding[] = [];
  const reported = new Set<string>();
  // The evidence points at the hit, and at its line when the request batched several events.
  // The page the hit was sent from is named: a consent audit of many pages must say which one leaks.
  const report = (kind: Finding['kind'], event: VendorEvent, line: number | undefined, message: string, hit: { url: string; time: string }, severity: Finding['severity'] = 'error') => {
    if (reported.has(`${kind}:${event.vendor}`)) return;
    reported.add(`${kind}:${event.vendor}`);
    const page = pageOf(journey, hit.time);
    findings.push({
      severity,
      kind,
      vendor: event.vendor,
      condition: journey.condition,
      journeyId: journey.journeyId,
      message: `${message}${page ? ` on ${page}` : ''} (${journey.journeyId})`,
      evidence: { url: hit.url, ...lineOf(line), ...(page ? { page } : {}) },
    });
  };
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    const state = stateOf(hit.time, decisions);
    if (state === 'unclear') continue;
    for (const event of events) {
      const ping = isConsentModePing(event);
      const line = batchLine(event, events);
      if (!ping && (state === 'pending' || state === 'ignored')) {
        const when = state === 'ignored' ? 'although the visitor never answered the consent banner' : 'before the visitor answered the consent banner';
        report('fired-before-consent', event, line, `${event.vendor} sent ${eventText(event, line)} ${when}`, hit);
      } else if (!ping && state === 'refused') {
        report('fired-after-refusal', event, line, `${event.vendor} sent ${eventText(event, line)} after the visitor refused consent`, hit);
      }
      if (event.consent && (state === 'accepted' || state === 'refused')) {
        const expected = state === 'accepted' ? 'granted' : 'denied';
        // The signals the vendor relies on: analytics storage for GA4, the ad signals for ads.
        const signals = event.vendor === 'ga4' ? { analytics_storage: event.consent.analyticsStorage } : { ad_storage: event.consent.adStorage, ad_user_data: event.consent.adUserData };
        const contradicting = Object.entries(signals).filter(([, value]) => value && value !== expected);
        if (contradicting.length) {
          report(
            'consent-signal-mismatch',
            event,
            line,
            `${event.vendor} ${eventText(event, line)} says ${contradicting.map(([name, value]) => `${name} ${value}`).join(', ')} (gcs=${event.consent.gcs ?? '-'}, gcd=${event.consent.gcd ?? '-'}) but the visitor ${state} consent`,
            hit,
            'warning',
          );
        }
      }
    }
  }
  return findings;
}

/**
 * Marketing hits (every event but a cookieless consent-mode ping) of a journey that never met a
 * banner: one finding per vendor, naming the page the hit was sent from and the consent manager
 * the page carried, if any (on the page, but no banner shown: a decision already stored?).
 */
function firedWithoutBanner(journey: JourneyRecord, severity: Severity): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const cmp = journey.consents.find((d) => d.cmp)?.cmp;
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    for (const event of events) {
      if (isConsentModePing(event) || reported.has(event.vendor)) continue;
      reported.add(event.vendor);
      const line = batchLine(event, events);
      const page = pageOf(journey, hit.time);
      findings.push({
        severity,
        kind: 'fired-without-banner',
        vendor: event.vendor,
        condition: journey.condition,
        journeyId: journey.journeyId,
        message: `${event.vendor} sent ${eventText(event, line)} with no consent banner shown${page ? ` on ${page}` : ''} (${journey.journeyId}): the visitor was never asked${cmp ? ` (${cmp} was on the page but showed no banner)` : ''}`,
        evidence: { url: hit.url, ...lineOf(line), ...(page ? { page } : {}), ...(cmp ? { cmp } : {}) },
      });
    }
  }
  return findings;
}

/**
 * The page the journey was on when a hit was sent: the last main-frame load before it; before the
 * first load event, the first page (still loading). Undefined when no page load was recorded.
 */
function pageOf(journey: JourneyRecord, time: string): string | undefined {
  const loads = journey.pageLoads ?? [];
  return ([...loads].reverse().find((load) => load.time <= time) ?? loads[0])?.url;
}
