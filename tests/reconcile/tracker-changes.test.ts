import { describe, expect, it } from 'vitest';
import type { Tracker, TrackerConditionStats } from '../../src/model/tracker.ts';
import { trackerChanges, type RunTrackers } from '../../src/reconcile/tracker-changes.ts';

const seen = (overrides: Partial<TrackerConditionStats> = {}): TrackerConditionStats => ({ journeys: 1, passedJourneys: 1, hits: 2, blocked: 0, scenarios: ['purchase'], ...overrides });

function tracker(id: string, name: string, conditions: Record<string, TrackerConditionStats>, catalogVendors: string[] = []): Tracker {
  return { id, name, category: { key: 'site_analytics', name: 'Site Analytics' }, organization: 'Acme', hosts: [`${id}.example.net`], catalogVendors, conditions };
}

const journey = (condition: string, status = 'passed', scenario = 'purchase') => ({ condition, scenario, status });

function run(runId: string, trackers: Tracker[], journeys = [journey('baseline')]): RunTrackers {
  return { runId, trackers, journeys };
}

const GA = tracker('google_analytics', 'Google Analytics', { baseline: seen() }, ['ga4']);
const CLARITY = tracker('microsoft_clarity', 'Microsoft Clarity', { baseline: seen() });

describe('trackerChanges', () => {
  it('a tracker the previous run did not have appeared: a warning naming it, its category, the condition, hosts and the run', () => {
    const findings = trackerChanges(run('r2', [GA, CLARITY]), run('r1', [GA]));
    expect(findings).toEqual([
      {
        severity: 'warning',
        kind: 'tag-appeared',
        condition: 'baseline',
        message: 'Microsoft Clarity (Site Analytics, Acme) appeared under baseline since run r1: requests to microsoft_clarity.example.net',
        evidence: { tracker: 'Microsoft Clarity', trackerId: 'microsoft_clarity', category: 'site_analytics', organization: 'Acme', hosts: ['microsoft_clarity.example.net'], previousRunId: 'r1' },
      },
    ]);
  });

  it('a tracker the previous run had and this one does not disappeared, with its catalog vendor when there is one', () => {
    const findings = trackerChanges(run('r2', [CLARITY]), run('r1', [GA, CLARITY]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', kind: 'tag-disappeared', condition: 'baseline', vendor: 'ga4', evidence: { tracker: 'Google Analytics', previousRunId: 'r1' } });
    expect(findings[0]!.message).toBe('Google Analytics (Site Analytics, Acme) disappeared under baseline since run r1: no more requests to google_analytics.example.net');
  });

  it('the same trackers: nothing', () => {
    expect(trackerChanges(run('r2', [GA, CLARITY]), run('r1', [CLARITY, GA]))).toEqual([]);
  });

  it('compares only conditions both runs ran', () => {
    const adblockOnly = tracker('hotjar', 'Hotjar', { adblock: seen() });
    const current = run('r2', [GA, adblockOnly], [journey('baseline'), journey('adblock')]);
    const previous = run('r1', [GA], [journey('baseline')]);
    expect(trackerChanges(current, previous)).toEqual([]);
    // Under a condition both ran, the same tracker is a change.
    expect(trackerChanges(current, run('r1', [GA], [journey('baseline'), journey('adblock')])).map((f) => [f.kind, f.condition, f.evidence?.tracker])).toEqual([
      ['tag-appeared', 'adblock', 'Hotjar'],
    ]);
  });

  it('failed journeys prove nothing: no disappearance when this run did not pass the scenario, no appearance from a failed journey', () => {
    // Every baseline journey of this run failed: the trackers it did not see may still be there.
    expect(trackerChanges(run('r2', [], [journey('baseline', 'failed')]), run('r1', [GA]))).toEqual([]);
    // The scenario that loads Clarity failed this time; another one passed.
    const previous = run('r1', [GA, tracker('microsoft_clarity', 'Microsoft Clarity', { baseline: seen({ scenarios: ['return-purchase'] }) })], [journey('baseline'), journey('baseline', 'passed', 'return-purchase')]);
    expect(trackerChanges(run('r2', [GA], [journey('baseline'), journey('baseline', 'failed', 'return-purchase')]), previous)).toEqual([]);
    // Seen only in a failed (or banner-blocked) journey: not a tracker of the measured site yet.
    expect(trackerChanges(run('r2', [GA, tracker('hotjar', 'Hotjar', { baseline: seen({ passedJourneys: 0, scenarios: [] }) })]), run('r1', [GA]))).toEqual([]);
    // Still there, though only in a failed journey: not gone.
    expect(trackerChanges(run('r2', [GA, tracker('microsoft_clarity', 'Microsoft Clarity', { baseline: seen({ passedJourneys: 0, scenarios: [] }) })], [journey('baseline'), journey('baseline', 'failed')]), run('r1', [GA, CLARITY]))).toEqual([]);
  });

  it('a previous run whose journeys all failed compares nothing', () => {
    expect(trackerChanges(run('r2', [GA, CLARITY]), run('r1', [], [journey('baseline', 'site-unreachable')]))).toEqual([]);
  });
});
