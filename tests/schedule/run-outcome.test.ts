import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunOutcome, runIdFromOutput } from '../../src/schedule/run-outcome.ts';

const OUTPUT = [
  'tagwatch: auditing shop at http://127.0.0.1:3000 (baseline x 1)',
  'Running 1 journey...',
  '',
  'tagwatch shop · run 20260501-030000-ab12 · FAIL',
  'ga4 lost 1 of 1 orders',
].join('\n');

function writeResults(outDir: string, runId: string, fields: Record<string, unknown>): void {
  mkdirSync(join(outDir, runId), { recursive: true });
  writeFileSync(join(outDir, runId, 'results.json'), JSON.stringify({ runId, ...fields }));
}

describe('runIdFromOutput', () => {
  it('reads the run id from the console headline of this monitor only', () => {
    expect(runIdFromOutput(OUTPUT, 'shop')).toBe('20260501-030000-ab12');
    expect(runIdFromOutput(OUTPUT, 'sho')).toBeUndefined();
    expect(runIdFromOutput('tagwatch: auditing shop', 'shop')).toBeUndefined();
  });
});

describe('readRunOutcome', () => {
  it('run id from the log, status from its results.json', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-outcome-'));
    const log = join(outDir, 'run.log');
    writeFileSync(log, OUTPUT);
    writeResults(outDir, '20260501-030000-ab12', { monitor: 'shop', status: 'fail', startedAt: '2026-05-01T03:00:00.000Z' });
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:00:00Z'))).toEqual({ runId: '20260501-030000-ab12', status: 'fail' });
  });

  it('a run that died before its verdict: the id if it was printed, no status', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-outcome-'));
    const log = join(outDir, 'run.log');
    writeFileSync(log, OUTPUT);
    mkdirSync(join(outDir, '20260501-030000-ab12'));
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:00:00Z'))).toEqual({ runId: '20260501-030000-ab12', status: undefined });
    writeFileSync(join(outDir, '20260501-030000-ab12', 'results.json'), '{"status": "pa');
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:00:00Z')).status).toBeUndefined();
  });

  it('without a headline (console reporter off): the newest run folder of this monitor started since the run began', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-outcome-'));
    const log = join(outDir, 'run.log');
    writeFileSync(log, 'tagwatch: auditing shop\n');
    writeResults(outDir, '20260501-025500-0001', { monitor: 'shop', status: 'pass', startedAt: '2026-05-01T02:55:00.000Z' });
    writeResults(outDir, '20260501-030001-0002', { monitor: 'shop', status: 'inconclusive', startedAt: '2026-05-01T03:00:01.000Z' });
    writeResults(outDir, '20260501-030002-0003', { monitor: 'other-shop', status: 'fail', startedAt: '2026-05-01T03:00:02.000Z' });
    writeResults(outDir, 'latest', { monitor: 'shop', status: 'fail', startedAt: '2026-05-01T03:00:09.000Z' });
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:00:00Z'))).toEqual({ runId: '20260501-030001-0002', status: 'inconclusive' });
    // Only runs older than this one: none of them is its report.
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:10:00Z'))).toEqual({});
    expect(readRunOutcome(outDir, join(outDir, 'missing.log'), 'nobody', new Date(0))).toEqual({});
  });
});

describe('readRunOutcome of a run stopped before its verdict', () => {
  it('finds its folder by the run log\'s run-start line: the id, no status', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-outcome-'));
    const log = join(outDir, 'run.log');
    writeFileSync(log, 'tagwatch: auditing shop\nRunning 1 journey...\n');
    mkdirSync(join(outDir, '20260501-030001-0002'));
    writeFileSync(join(outDir, '20260501-030001-0002', 'run-log.ndjson'), `${JSON.stringify({ type: 'run-start', time: '2026-05-01T03:00:01.000Z', runId: '20260501-030001-0002', monitor: 'shop' })}\n{"type":"journ`);
    mkdirSync(join(outDir, '20260501-030002-0003'));
    writeFileSync(join(outDir, '20260501-030002-0003', 'run-log.ndjson'), `${JSON.stringify({ type: 'run-start', time: '2026-05-01T03:00:02.000Z', runId: '20260501-030002-0003', monitor: 'other' })}\n`);
    expect(readRunOutcome(outDir, log, 'shop', new Date('2026-05-01T03:00:00Z'))).toEqual({ runId: '20260501-030001-0002', status: undefined });
  });
});
