import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditHistory, storeVerdict } from '../../src/storage/audit-history.ts';
import { baselineDiff } from '../../src/judge/baseline-diff.ts';
import { toStoredRun } from '../../src/judge/stored-run.ts';
import { openHistory } from '../../src/storage/history.ts';
import { hit, journey, verdict } from './verdicts.ts';

function reportFolder(): string {
  return mkdtempSync(join(tmpdir(), 'tagwatch-audit-history-'));
}

describe('the history in an audit', () => {
  it('a corrupt history: the verdict diagnostics say where it was moved, and the run is stored in the new one', async () => {
    const outDir = reportFolder();
    writeFileSync(join(outDir, 'history.json'), '{"version": 1, "runs": [{"runId": "r1", "moni');
    const v = verdict(1);
    const history = await openAuditHistory(outDir, v.diagnostics);
    const aside = readdirSync(outDir).find((name) => name.startsWith('history.json.corrupt-'))!;
    expect(v.diagnostics).toEqual([expect.stringContaining(`moved aside to ${join(outDir, aside)}`)]);
    expect(await storeVerdict(history!, v)).toEqual([]);
    expect((await openHistory(join(outDir, 'history.json'))).runsOf('shop').map((r) => r.runId)).toEqual(['run-0001']);
  });

  it('the last passing run before this one is the baseline of its changes; none without one', async () => {
    const outDir = reportFolder();
    const history = (await openAuditHistory(outDir, []))!;
    const before = (runId: string, startedAt: string) => history.lastPassingRun('shop', { before: startedAt, where: (run) => run.runId !== runId });
    const first = verdict(1);
    expect(before(first.runId, first.startedAt)).toBeUndefined();
    await storeVerdict(history, first);
    await storeVerdict(history, verdict(2, { status: 'fail' }));
    const third = verdict(3, { journeys: [journey('baseline', [hit('ga4', 'purchase', { account: 'G-9', currency: 'EUR' }), hit('ga4', 'page_view', { account: 'G-9' })])] });
    const baseline = before(third.runId, third.startedAt)!;
    expect(baseline.runId).toBe('run-0001');
    expect(baselineDiff(toStoredRun(third), baseline).parameters).toEqual([{ vendor: 'ga4', condition: 'baseline', field: 'account', removed: ['G-1'], added: ['G-9'] }]);
  });

  it('a run that cannot be stored (history locked by a live process) is a problem returned, not a failed audit', async () => {
    const outDir = reportFolder();
    const history = await openAuditHistory(outDir, []);
    const lockFile = join(outDir, 'history.json.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: 'another writer' }));
    // The audit's default wait is 30 s: a history opened with a short one stands in for it.
    const impatient = await openHistory(history!.file, { lock: { waitMs: 200 } });
    const v = verdict(1);
    expect(await storeVerdict(impatient, v)).toEqual([expect.stringMatching(/run run-0001 was not stored in the run history: .*lock file .*history\.json\.lock/)]);
    // The verdict is left as judged: the problem goes into the run's record of its effects.
    expect(v.diagnostics).toEqual([]);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).token).toBe('another writer');
  });
});
