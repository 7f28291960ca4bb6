import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreviousRun } from '../../src/audit/previous-run.ts';
import { openHistory } from '../../src/storage/history.ts';
import { journey, tracker, verdict } from './verdicts.ts';

/** An older report folder, from before the history. */
function writeFolderRun(outDir: string, folder: string, runId: string, startedAt: string): void {
  mkdirSync(join(outDir, folder), { recursive: true });
  const results = { ...verdict(0), runId, startedAt, trackers: [tracker('clarity', 'Microsoft Clarity')], journeys: [{ condition: 'baseline', scenario: 'purchase', status: 'passed' }] };
  writeFileSync(join(outDir, folder, 'results.json'), JSON.stringify(results));
}

describe('findPreviousRun with a run history', () => {
  it('the newest earlier run of the monitor in the history with trackers and a passed journey; the run folders are not read', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-prev-history-'));
    const history = await openHistory(join(outDir, 'history.json'));
    await history.appendRun(verdict(1));
    await history.appendRun(verdict(2, { trackers: [tracker('hotjar', 'Hotjar')] }));
    await history.appendRun(verdict(3, { journeys: [journey('baseline', [], { status: 'failed' })] }));
    await history.appendRun(verdict(4, { trackers: undefined }));
    await history.appendRun(verdict(5, { monitor: 'other-shop' }));
    await history.appendRun(verdict(7));
    writeFolderRun(outDir, '20260101-050000-ffff', 'folder-run', verdict(5).startedAt);
    const current = verdict(6);
    const previous = findPreviousRun(outDir, current, []);
    expect(previous?.runId).toBe('run-0002');
    expect(previous?.trackers.map((t) => t.id)).toEqual(['hotjar']);
    expect(previous?.journeys).toEqual([{ condition: 'baseline', scenario: 'purchase', status: 'passed' }]);
  });

  it('no earlier run of the monitor in the history: the run folders of older reports', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-prev-history-'));
    const history = await openHistory(join(outDir, 'history.json'));
    await history.appendRun(verdict(9));
    writeFolderRun(outDir, '20260101-010000-ffff', 'folder-run', verdict(1).startedAt);
    expect(findPreviousRun(outDir, verdict(6), [])?.runId).toBe('folder-run');
  });
});
