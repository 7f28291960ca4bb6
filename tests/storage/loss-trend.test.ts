import { describe, expect, it } from 'vitest';
import { monitorTrend } from '../../src/storage/loss-trend.ts';
import { toStoredRun } from '../../src/judge/stored-run.ts';
import { lossError, lossRow, verdict } from './verdicts.ts';

const ok = (n: number) => toStoredRun(verdict(n));
const broken = (n: number) => toStoredRun(verdict(n, { status: 'fail', loss: [lossRow('ga4', 'baseline', 1, 1)], findings: [lossError('ga4', 'baseline')] }));
const unmeasured = (n: number) => toStoredRun(verdict(n, { status: 'inconclusive', loss: [{ ...lossRow('ga4', 'baseline', 0, 0), orders: null, lossRate: null, ci95: null }] }));
const lossyWithinThreshold = (n: number) => toStoredRun(verdict(n, { loss: [lossRow('ga4', 'baseline', 1, 4)] }));

describe('monitorTrend', () => {
  it('breaks and recoveries: an unmeasured run changes nothing, a loss within the threshold is no break', () => {
    const trend = monitorTrend('shop', [ok(1), broken(2), unmeasured(3), broken(4), lossyWithinThreshold(5), ok(6), broken(7)]);
    expect(trend.events.map((e) => [e.change, e.runId, e.lossRate])).toEqual([
      ['broke', 'run-0002', 1],
      ['recovered', 'run-0005', 0.25],
      ['broke', 'run-0007', 1],
    ]);
    expect(trend.runs[2]!.loss[0]).toEqual({ vendor: 'ga4', condition: 'baseline', lossRate: null, broken: false });
  });

  it('the limit shows the newest runs; a break from before them is not reported again', () => {
    const trend = monitorTrend('shop', [ok(1), broken(2), broken(3), broken(4), ok(5)], 3);
    expect(trend.totalRuns).toBe(5);
    expect(trend.runs.map((r) => r.runId)).toEqual(['run-0003', 'run-0004', 'run-0005']);
    expect(trend.events.map((e) => [e.change, e.runId])).toEqual([['recovered', 'run-0005']]);
  });

  it('broken from the first run: it broke there', () => {
    expect(monitorTrend('shop', [broken(1), broken(2)]).events.map((e) => [e.change, e.runId])).toEqual([['broke', 'run-0001']]);
  });
});
