import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../src/storage/history-data.ts';
import { openHistory } from '../../src/storage/history.ts';
import { historySettings } from '../../src/storage/history-file.ts';
import { lossError, lossRow, verdict } from './verdicts.ts';

function historyFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'tagwatch-history-')), 'history.json');
}

describe('run history (lowdb JSON file)', () => {
  it('stores runs on disk: a new process (a fresh open) finds them per monitor, oldest first, without journeys', async () => {
    const file = historyFile();
    const writer = await openHistory(file);
    await writer.appendRun(verdict(2));
    await writer.appendRun(verdict(1));
    await writer.appendRun(verdict(3, { monitor: 'other-shop' }));
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.runs.map((r: { runId: string }) => r.runId)).toEqual(['run-0001', 'run-0002', 'run-0003']);
    expect(onDisk.runs[0].journeys).toBeUndefined();

    const reader = await openHistory(file);
    expect(reader.runsOf('shop').map((r) => r.runId)).toEqual(['run-0001', 'run-0002']);
    expect(reader.monitors()).toEqual(['other-shop', 'shop']);
    expect(reader.runsOf('shop')[0]).toMatchObject({ monitor: 'shop', status: 'pass', loss: [{ vendor: 'ga4', condition: 'baseline', lossRate: 0, overThreshold: false }] });
    expect(reader.diagnostics).toEqual([]);
  });

  it('lastRun (before a time) and lastPassingRun of one monitor', async () => {
    const history = await openHistory(historyFile());
    await history.appendRun(verdict(1));
    await history.appendRun(verdict(2, { status: 'fail', loss: [lossRow('ga4', 'baseline', 1, 1)], findings: [lossError('ga4', 'baseline')] }));
    await history.appendRun(verdict(3, { monitor: 'other-shop' }));
    expect(history.lastRun('shop')?.runId).toBe('run-0002');
    expect(history.lastRun('shop', { before: verdict(2).startedAt })?.runId).toBe('run-0001');
    expect(history.lastPassingRun('shop')?.runId).toBe('run-0001');
    expect(history.lastRun('no-such-monitor')).toBeUndefined();
    expect(history.lastRun('shop', { before: verdict(1).startedAt })).toBeUndefined();
  });

  it('the same run id stored twice is one run (the later version)', async () => {
    const file = historyFile();
    const history = await openHistory(file);
    await history.appendRun(verdict(1));
    await history.appendRun(verdict(1, { status: 'fail' }));
    expect((await openHistory(file)).runsOf('shop')).toMatchObject([{ runId: 'run-0001', status: 'fail' }]);
  });

  it('the cap drops the oldest runs, whichever monitor they belong to', async () => {
    const file = historyFile();
    const history = await openHistory(file, { maxRuns: 3 });
    for (const n of [5, 1, 4, 2, 3]) await history.appendRun(verdict(n, n % 2 ? {} : { monitor: 'other-shop' }));
    const reopened = await openHistory(file);
    expect([...reopened.runsOf('shop'), ...reopened.runsOf('other-shop')].map((r) => r.runId).sort()).toEqual(['run-0003', 'run-0004', 'run-0005']);
  });

  it('per-monitor alert state: get, set, update from the stored value; other monitors and runs kept', async () => {
    const file = historyFile();
    const history = await openHistory(file);
    await history.appendRun(verdict(1));
    expect(history.monitorState('shop')).toBeUndefined();
    await history.setMonitorState('shop', { lastStatus: 'fail', failingSince: 'run-0001', consecutiveFailures: 1 });
    await history.setMonitorState('other-shop', { lastStatus: 'pass', consecutiveFailures: 0 });
    const next = await (await openHistory(file)).updateMonitorState('shop', (previous) => ({ ...previous!, consecutiveFailures: previous!.consecutiveFailures + 1, lastAlertFingerprint: 'tag-missing|ga4|baseline', lastAlertAt: '2026-01-01T02:00:00.000Z' }));
    expect(next.consecutiveFailures).toBe(2);
    const reopened = await openHistory(file);
    expect(reopened.monitorState('shop')).toEqual({ lastStatus: 'fail', failingSince: 'run-0001', consecutiveFailures: 2, lastAlertFingerprint: 'tag-missing|ga4|baseline', lastAlertAt: '2026-01-01T02:00:00.000Z' });
    expect(reopened.monitorState('other-shop')).toEqual({ lastStatus: 'pass', consecutiveFailures: 0 });
    expect(reopened.runsOf('shop')).toHaveLength(1);
  });

  it('a truncated file (cut in the middle of the JSON) is moved aside with a message naming both files, and a new history starts', async () => {
    const file = historyFile();
    const history = await openHistory(file);
    await history.appendRun(verdict(1));
    await history.appendRun(verdict(2));
    const whole = readFileSync(file, 'utf8');
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    writeFileSync(file, cut);

    const reopened = await openHistory(file);
    const aside = readdirSync(join(file, '..')).filter((name) => name.startsWith('history.json.corrupt-'));
    expect(aside).toHaveLength(1);
    const asidePath = join(file, '..', aside[0]!);
    expect(readFileSync(asidePath, 'utf8')).toBe(cut);
    expect(reopened.diagnostics).toHaveLength(1);
    expect(reopened.diagnostics[0]).toContain(file);
    expect(reopened.diagnostics[0]).toContain(asidePath);
    expect(reopened.diagnostics[0]).toMatch(/not valid JSON/);
    expect(reopened.movedAside).toEqual([asidePath]);
    expect(reopened.runsOf('shop')).toEqual([]);

    await reopened.appendRun(verdict(3));
    const fresh = await openHistory(file);
    expect(fresh.runsOf('shop').map((r) => r.runId)).toEqual(['run-0003']);
    expect(fresh.diagnostics).toEqual([]);
    expect(readdirSync(join(file, '..')).filter((name) => name.startsWith('history.json.corrupt-'))).toHaveLength(1);
  });

  it('a file damaged after opening is moved aside by the next append, which then stores its run', async () => {
    const file = historyFile();
    const history = await openHistory(file);
    await history.appendRun(verdict(1));
    writeFileSync(file, '{"version": 1, "runs": [{"runId": 3}], "monitors": {}}');
    await history.appendRun(verdict(2));
    expect(history.diagnostics[0]).toMatch(/field runs\.0\.runId/);
    expect((await openHistory(file)).runsOf('shop').map((r) => r.runId)).toEqual(['run-0002']);
  });

  it('a history from a newer tagwatch is left in place: an error saying so', async () => {
    const file = historyFile();
    writeFileSync(file, JSON.stringify({ version: 99, runs: [], monitors: {} }));
    await expect(openHistory(file)).rejects.toThrow(HistoryError);
    await expect(openHistory(file)).rejects.toThrow(/newer tagwatch.*version 99/);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(99);
  });

  it('where the history is: <outDir>/history.json, or TAGWATCH_HISTORY_FILE; a bad cap names its variable', () => {
    expect(historySettings('/tmp/reports', {})).toEqual({ file: '/tmp/reports/history.json', maxRuns: 10_000 });
    expect(historySettings('/tmp/reports', { TAGWATCH_HISTORY_FILE: '/var/tagwatch/h.json', TAGWATCH_HISTORY_MAX_RUNS: '50' })).toEqual({ file: '/var/tagwatch/h.json', maxRuns: 50 });
    expect(() => historySettings('/tmp/reports', { TAGWATCH_HISTORY_MAX_RUNS: 'lots' })).toThrow(/TAGWATCH_HISTORY_MAX_RUNS is 'lots'/);
  });

  it('no lock file is left behind', async () => {
    const file = historyFile();
    const history = await openHistory(file);
    await history.appendRun(verdict(1));
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
