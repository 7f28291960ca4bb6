import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_PROCESS_FILE, claimUnfinishedRuns, describeUnfinishedRun, recordAuditProcess } from '../../src/audit/unfinished-runs.ts';

/** A pid that belonged to a process which has ended (and was reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function runFolder(out: string, runId: string, owner: { pid: number; host?: string; monitor?: string }, files: Record<string, string> = {}): string {
  const runDir = join(out, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, AUDIT_PROCESS_FILE), JSON.stringify({ pid: owner.pid, host: owner.host ?? hostname(), monitor: owner.monitor ?? 'shop', startedAt: '2026-12-04T08:00:00.000Z' }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(runDir, name), text);
  return runDir;
}

const orderPlaced = (orderId: string) => `${JSON.stringify({ type: 'order-placed', time: '2026-12-04T08:00:05.000Z', journeyId: 'baseline.purchase.r1', orderId })}\n`;

describe('runs whose audit died before its verdict', () => {
  it('are named once, with the orders their journeys placed; finished, living, shard and foreign runs are not', () => {
    const out = mkdtempSync(join(tmpdir(), 'tagwatch-unfinished-'));
    const dead = deadPid();
    runFolder(out, '20261204-080000-dead', { pid: dead }, { 'run-log.w0.ndjson': orderPlaced('DS-1') + orderPlaced('DS-2') });
    runFolder(out, '20261204-080100-done', { pid: dead }, { 'results.json': '{}' });
    runFolder(out, '20261204-080200-live', { pid: process.pid });
    runFolder(out, '20261204-080300-shrd', { pid: dead }, { 'shard.json': '{}' });
    runFolder(out, '20261204-080400-othr', { pid: dead, monitor: 'another-monitor' });
    runFolder(out, '20261204-080500-away', { pid: dead, host: 'another-machine' });

    const first = claimUnfinishedRuns(out, 'shop', 'now');
    expect(first.map((r) => [r.runId, r.ordersPlaced])).toEqual([['20261204-080000-dead', ['DS-1', 'DS-2']]]);
    const line = describeUnfinishedRun(first[0]!);
    expect(line).toContain('run 20261204-080000-dead');
    expect(line).toContain('DS-1, DS-2');
    expect(line).toContain('20261204-080000-dead-*');
    // Said once: the next audit does not repeat it.
    expect(claimUnfinishedRuns(out, 'shop', 'later')).toEqual([]);
  });

  it('a run folder records the process that audits it', () => {
    const out = mkdtempSync(join(tmpdir(), 'tagwatch-unfinished-'));
    const runDir = join(out, '20261204-090000-mine');
    mkdirSync(runDir);
    recordAuditProcess(runDir, 'shop', new Date());
    // This process lives: its run is not unfinished.
    expect(claimUnfinishedRuns(out, 'shop', 'x')).toEqual([]);
  });
});
