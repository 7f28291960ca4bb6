import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutcome, type RunOutcome } from '../../src/record/outcome.ts';
import { outcomeFileFor, runEnd, takeRunOutcome } from '../../src/schedule/run-outcome.ts';

function outcome(fields: Partial<RunOutcome> = {}): RunOutcome {
  return { runId: '20260501-030000-ab12', monitor: 'shop', runDir: '/reports/20260501-030000-ab12', status: 'fail', exitCode: 1, kind: 'audit', finishedAt: '2026-05-01T03:01:00.000Z', ...fields };
}

describe('outcomeFileFor', () => {
  it('beside the run\'s pending log, named after it', () => {
    expect(outcomeFileFor('/reports/.schedule-logs/20260501-030000-123-shop.log')).toBe('/reports/.schedule-logs/20260501-030000-123-shop.outcome.json');
  });
});

describe('takeRunOutcome', () => {
  it('no file (the audit died before writing one): undefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-run-outcome-'));
    expect(takeRunOutcome(join(dir, 'run.outcome.json'))).toBeUndefined();
  });

  it('a torn file: undefined, and the file removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-run-outcome-'));
    const file = join(dir, 'run.outcome.json');
    writeFileSync(file, JSON.stringify(outcome()).slice(0, 50));
    expect(takeRunOutcome(file)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('the outcome the audit wrote (writeOutcome\'s extra file), then the daemon\'s copy removed; the run folder keeps its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-run-outcome-'));
    const runDir = join(dir, '20260501-030000-ab12');
    const file = join(dir, '.schedule-logs', '20260501-030000-123-shop.outcome.json');
    writeOutcome(outcome({ runDir, status: 'inconclusive', exitCode: 2 }), file);
    expect(takeRunOutcome(file)).toEqual(outcome({ runDir, status: 'inconclusive', exitCode: 2 }));
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(runDir, 'outcome.json'))).toBe(true);
  });
});

describe('runEnd', () => {
  it('run id and status from the outcome, the exit code from the process', () => {
    expect(runEnd(outcome(), { exitCode: 1, signal: null })).toEqual({ runId: '20260501-030000-ab12', status: 'fail', exit: '1', exitCode: 1 });
    expect(runEnd(outcome({ status: 'pass', exitCode: 0 }), { exitCode: 0, signal: null })).toEqual({ runId: '20260501-030000-ab12', status: 'pass', exit: '0', exitCode: 0 });
    expect(runEnd(outcome({ status: 'inconclusive', exitCode: 2 }), { exitCode: 2, signal: null })).toMatchObject({ status: 'inconclusive', exit: '2', exitCode: 2 });
    // The process has the last word on the exit code: it failed after writing its outcome.
    expect(runEnd(outcome({ status: 'pass', exitCode: 0 }), { exitCode: 2, signal: null })).toMatchObject({ status: 'pass', exit: '2', exitCode: 2 });
  });

  it('no outcome: reported from the process alone, exit code 2', () => {
    expect(runEnd(undefined, { exitCode: null, signal: 'SIGKILL' })).toEqual({ runId: undefined, status: 'crashed', exit: 'SIGKILL', exitCode: 2 });
    expect(runEnd(undefined, { exitCode: 13, signal: null })).toEqual({ runId: undefined, status: 'no-verdict', exit: '13', exitCode: 2 });
    // Exit 0 or 1 without an outcome is no verdict to count as one.
    expect(runEnd(undefined, { exitCode: 0, signal: null })).toMatchObject({ status: 'no-verdict', exit: '0', exitCode: 2 });
    expect(runEnd(undefined, { exitCode: null, signal: null, startError: 'spawn ENOENT' })).toEqual({ runId: undefined, status: 'not-started', exit: 'not started: spawn ENOENT', exitCode: 2 });
  });

  it('a run the daemon stopped is logged as stopped, with its run id when it had written its outcome', () => {
    expect(runEnd(undefined, { exitCode: null, signal: 'SIGTERM' }, 'timed-out')).toEqual({ runId: undefined, status: 'timed-out', exit: 'SIGTERM', exitCode: 2 });
    expect(runEnd(undefined, { exitCode: null, signal: 'SIGKILL' }, 'cancelled')).toMatchObject({ status: 'cancelled', exit: 'SIGKILL', exitCode: 2 });
    expect(runEnd(outcome({ status: 'pass', exitCode: 0 }), { exitCode: 0, signal: null }, 'cancelled')).toEqual({ runId: '20260501-030000-ab12', status: 'cancelled', exit: '0', exitCode: 2 });
  });
});
