import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditHistory, storeVerdict } from '../../src/storage/audit-history.ts';
import { openHistory } from '../../src/storage/history.ts';
import { lossError, lossRow, verdict } from './verdicts.ts';

function reportFolder(): string {
  return mkdtempSync(join(tmpdir(), 'tagwatch-check-runs-'));
}

describe('release checks in the run history', () => {
  it('a check stored beside a nightly audit at the same time: each stored as what its verdict says', async () => {
    const outDir = reportFolder();
    const history = (await openAuditHistory(outDir, []))!;
    await Promise.all([storeVerdict(history, { ...verdict(2), kind: 'check' }), storeVerdict(history, verdict(3))]);
    const runs = (await openHistory(join(outDir, 'history.json'))).runsOf('shop', { includeChecks: true });
    expect(runs.map((r) => [r.runId, r.kind])).toEqual([['run-0002', 'check'], ['run-0003', undefined]]);
  });

  it('a passing check never becomes the baseline, the last run or part of the trend; asked for, it is there', async () => {
    const outDir = reportFolder();
    const history = (await openAuditHistory(outDir, []))!;
    await storeVerdict(history, verdict(1));
    await storeVerdict(history, verdict(2, { status: 'fail', loss: [lossRow('ga4', 'baseline', 1, 1)], findings: [lossError('ga4', 'baseline')] }));
    await storeVerdict(history, { ...verdict(3, { baseUrl: 'https://staging.shop.example' }), kind: 'check' });

    const reopened = await openHistory(join(outDir, 'history.json'));
    expect(reopened.lastPassingRun('shop')?.runId).toBe('run-0001');
    expect(reopened.lastRun('shop')?.runId).toBe('run-0002');
    expect(reopened.runsOf('shop').map((r) => r.runId)).toEqual(['run-0001', 'run-0002']);
    expect(reopened.lastPassingRun('shop', { includeChecks: true })?.runId).toBe('run-0003');
    expect(reopened.runsOf('shop', { includeChecks: true })).toHaveLength(3);

    // The next nightly audit compares with production's last passing run, not with the check.
    expect(reopened.lastPassingRun('shop', { before: verdict(4).startedAt })?.runId).toBe('run-0001');
  });

  it('a verdict that says it is a check is stored as one', async () => {
    const file = join(reportFolder(), 'history.json');
    const history = await openHistory(file);
    await history.appendRun({ ...verdict(1), kind: 'check' });
    expect((await openHistory(file)).runsOf('shop', { includeChecks: true })[0]?.kind).toBe('check');
    expect((await openHistory(file)).lastRun('shop')).toBeUndefined();
  });
});
