import { describe, expect, it } from 'vitest';
import { baselineDiff, nothingChanged } from '../../src/judge/baseline-diff.ts';
import { toStoredRun } from '../../src/judge/stored-run.ts';
import { hit, journey, lossError, lossRow, tracker, verdict } from '../storage/verdicts.ts';

const baseline = toStoredRun(verdict(1));

describe('baselineDiff (since the last passing run)', () => {
  it('the same tags, rates and findings: nothing changed, naming the run compared with', () => {
    const changes = baselineDiff(toStoredRun(verdict(2)), baseline);
    expect(changes.since).toEqual({ runId: 'run-0001', startedAt: baseline.startedAt });
    expect(nothingChanged(changes)).toBe(true);
  });

  it('trackers that appeared and disappeared, per condition', () => {
    const current = toStoredRun(verdict(2, { trackers: [tracker('hotjar', 'Hotjar')] }));
    expect(baselineDiff(current, baseline).trackers).toEqual([
      { change: 'appeared', id: 'hotjar', name: 'Hotjar', condition: 'baseline' },
      { change: 'disappeared', id: 'google_analytics', name: 'Google Analytics', condition: 'baseline' },
    ]);
  });

  it('a vendor that sends another account, currency and event names', () => {
    const current = toStoredRun(verdict(2, { journeys: [journey('baseline', [hit('ga4', 'page_view', { account: 'G-2' }), hit('ga4', 'begin_checkout', { account: 'G-2', currency: 'USD' })])] }));
    expect(baselineDiff(current, baseline).parameters).toEqual([
      { vendor: 'ga4', condition: 'baseline', field: 'account', removed: ['G-1'], added: ['G-2'] },
      { vendor: 'ga4', condition: 'baseline', field: 'currency', removed: ['EUR'], added: ['USD'] },
      { vendor: 'ga4', condition: 'baseline', field: 'eventName', removed: ['purchase'], added: ['begin_checkout'] },
    ]);
  });

  it('tags under a condition where a run passed no journey are not compared: a broken journey is not a changed tag', () => {
    const current = toStoredRun(verdict(2, { journeys: [journey('baseline', [], { status: 'failed' })], trackers: [] }));
    const changes = baselineDiff(current, baseline);
    expect(changes.parameters).toEqual([]);
    expect(changes.trackers).toEqual([]);
  });

  it('loss: moves of 10 points or more are reported, smaller ones only when the intervals part', () => {
    const before = toStoredRun(verdict(1, { loss: [lossRow('ga4', 'baseline', 0, 3), lossRow('meta', 'baseline', 0, 20), lossRow('tiktok', 'baseline', 50, 1000), lossRow('pinterest', 'baseline', 0, 20)] }));
    const after = toStoredRun(verdict(2, { loss: [lossRow('ga4', 'baseline', 3, 3), lossRow('meta', 'baseline', 1, 20), lossRow('tiktok', 'baseline', 100, 1000), lossRow('pinterest', 'baseline', 2, 20)] }));
    expect(baselineDiff(after, before).loss).toEqual([
      // 0/3 -> 3/3: the intervals still overlap at three orders, but the tag broke.
      { vendor: 'ga4', condition: 'baseline', before: 0, after: 1, significant: false },
      // 5% -> 10% over a thousand orders: small, and real.
      { vendor: 'tiktok', condition: 'baseline', before: 0.05, after: 0.1, significant: true },
      { vendor: 'pinterest', condition: 'baseline', before: 0, after: 0.1, significant: false },
    ]);
  });

  it('an unmeasured rate on either side is no move', () => {
    const after = toStoredRun(verdict(2, { loss: [{ ...lossRow('ga4', 'baseline', 0, 0), orders: null, lossRate: null, ci95: null }] }));
    expect(baselineDiff(after, baseline).loss).toEqual([]);
  });

  it('finding kinds the baseline did not have, most serious first, with their vendors', () => {
    const before = toStoredRun(verdict(1, { findings: [{ severity: 'warning', kind: 'duplicate-hit', vendor: 'meta', message: 'dup' }] }));
    const after = toStoredRun(
      verdict(2, {
        findings: [
          { severity: 'warning', kind: 'duplicate-hit', vendor: 'ga4', message: 'dup' },
          { severity: 'info', kind: 'pii-in-hit', vendor: 'meta', message: 'pii' },
          lossError('ga4', 'baseline'),
          { ...lossError('meta', 'baseline'), severity: 'warning' },
        ],
      }),
    );
    expect(baselineDiff(after, before).newFindingKinds).toEqual([
      { kind: 'tag-missing', severity: 'error', vendors: ['ga4', 'meta'] },
      { kind: 'pii-in-hit', severity: 'info', vendors: ['meta'] },
    ]);
  });
});
