import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/run-event.ts';
import { collectJourneys } from '../../../src/reconcile/journeys.ts';
import { reconcile } from '../../../src/reconcile/reconcile.ts';

const T = '2026-11-26T04:00:00.000Z';
const ARTIFACTS = { screenshot: 'artifacts/a/screenshot.png', trace: 'artifacts/a/trace.zip', har: 'artifacts/a/journey.har' };

function events(id: string, end: Partial<Extract<RunEvent, { type: 'journey-end' }>>): RunEvent[] {
  return [
    { type: 'journey-start', time: T, journeyId: id, scenario: 'purchase', condition: 'baseline', repeat: 1 },
    { type: 'hit', time: T, journeyId: id, url: 'https://region1.google-analytics.com/g/collect?v=2&en=page_view&dt=Shop', method: 'POST', status: 'captured' },
    { type: 'journey-end', time: T, journeyId: id, status: 'passed', networkHosts: {}, ...end },
  ];
}

describe('failed journeys\' artifacts, from the run log to the verdict', () => {
  it('journey-end artifacts reach the journey result; a journey-end without them (passed, older logs) adds none', () => {
    const records = collectJourneys([...events('a', { status: 'failed', error: 'Timeout', artifacts: ARTIFACTS }), ...events('b', {})], (hit) => [
      { vendor: 'ga4', eventName: 'page_view', kind: 'pageview', params: { en: 'page_view', dt: new URL(hit.url).searchParams.get('dt')! } },
    ]);
    expect(records.map((r) => r.artifacts)).toEqual([ARTIFACTS, undefined]);
    const { journeys } = reconcile({ journeys: records, orders: { ok: true, orders: [] }, expectations: {}, maxLossRate: () => 0, conditions: ['baseline'] });
    expect(journeys[0]!.artifacts).toEqual(ARTIFACTS);
    expect('artifacts' in journeys[1]!).toBe(false);
    // The decoded parameters travel with each hit, for the report's timeline.
    expect(journeys[1]!.hits[0]!.params).toEqual({ en: 'page_view', dt: 'Shop' });
  });
});
