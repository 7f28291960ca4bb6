import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/run-event.ts';
import { collectJourneys, consentAnswersOf } from '../../src/reconcile/journeys.ts';

const T = (s: number) => `2026-12-04T10:00:${String(s).padStart(2, '0')}.000Z`;
const NOT_ANSWERED = 'tagwatch could not answer the consent banner: no "refuse" button found in 9.2 s';

/** A journey that met two banners: one not answered (Osano, by name), one answered on another device. */
const events: RunEvent[] = [
  { type: 'journey-start', time: T(0), journeyId: 'consent-refused.purchase.r1', scenario: 'purchase', condition: 'consent-refused', repeat: 1 },
  { type: 'consent', time: T(9), journeyId: 'consent-refused.purchase.r1', outcome: 'not-handled', decidedAt: T(1), method: 'fallback', cmp: 'Osano cookieconsent', rule: 'Complianz optin', detail: NOT_ANSWERED },
  { type: 'consent', time: T(12), journeyId: 'consent-refused.purchase.r1', outcome: 'refused', decidedAt: T(10), method: 'autoconsent', cmp: 'Klaro', detail: 'autoconsent Klaro opt-out' },
  { type: 'journey-end', time: T(13), journeyId: 'consent-refused.purchase.r1', status: 'failed', error: NOT_ANSWERED, networkHosts: {} },
  { type: 'journey-start', time: T(20), journeyId: 'baseline.purchase.r1', scenario: 'purchase', condition: 'baseline', repeat: 1 },
  { type: 'journey-end', time: T(25), journeyId: 'baseline.purchase.r1', status: 'passed', networkHosts: {} },
];

describe("a journey's consent answers, as results.json gives them", () => {
  it('keeps each banner\'s outcome, method, detail and consent manager from the run log, in order', () => {
    const [answered, none] = collectJourneys(events, () => []);
    expect(answered!.consent).toBe('not-handled');
    expect(consentAnswersOf(answered!)).toEqual({
      consentAnswers: [
        // The name the page gives its consent manager, the autoconsent rule that matched kept apart.
        { outcome: 'not-handled', method: 'fallback', cmp: 'Osano cookieconsent', rule: 'Complianz optin', detail: NOT_ANSWERED },
        { outcome: 'refused', method: 'autoconsent', cmp: 'Klaro', detail: 'autoconsent Klaro opt-out' },
      ],
    });
    // A journey that never looked for a banner gets no field (results stay as they were).
    expect(consentAnswersOf(none!)).toEqual({});
  });

  it('an older run log without method, detail or cmp gives the outcome alone', () => {
    const [journey] = collectJourneys([events[0]!, { type: 'consent', time: T(3), journeyId: 'consent-refused.purchase.r1', outcome: 'refused', decidedAt: T(1) }], () => []);
    expect(consentAnswersOf(journey!)).toEqual({ consentAnswers: [{ outcome: 'refused' }] });
  });
});
