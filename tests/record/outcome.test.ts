import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTCOME_FILE, OUTCOME_FILE_ENV, outcomeOf, readOutcome, writeOutcome, type RunOutcome } from '../../src/record/outcome.ts';

function runFolder(): string {
  const runDir = join(mkdtempSync(join(tmpdir(), 'tagwatch-record-')), '20260501-030000-ab12');
  mkdirSync(runDir);
  return runDir;
}

function outcome(runDir: string, fields: Partial<RunOutcome> = {}): RunOutcome {
  return { runId: '20260501-030000-ab12', monitor: 'shop', runDir, status: 'fail', exitCode: 1, kind: 'audit', finishedAt: '2026-05-01T03:01:00.000Z', ...fields };
}

describe('writeOutcome / readOutcome', () => {
  it('writes <runDir>/outcome.json, read back as written', () => {
    const runDir = runFolder();
    writeOutcome(outcome(runDir));
    expect(readOutcome(join(runDir, OUTCOME_FILE))).toEqual(outcome(runDir));
    expect(JSON.parse(readFileSync(join(runDir, 'outcome.json'), 'utf8'))).toMatchObject({ runId: '20260501-030000-ab12', status: 'fail', exitCode: 1 });
  });

  it('atomically: replaces a previous outcome whole and leaves no temporary file behind', () => {
    const runDir = runFolder();
    writeOutcome(outcome(runDir, { status: 'pass', exitCode: 0 }));
    writeOutcome(outcome(runDir, { status: 'inconclusive', exitCode: 2 }));
    expect(readOutcome(join(runDir, OUTCOME_FILE))?.status).toBe('inconclusive');
    expect(readdirSync(runDir)).toEqual(['outcome.json']);
  });

  it('a write that cannot complete throws and leaves neither a torn file nor a temporary one', () => {
    const runDir = runFolder();
    // A folder where the file should go: the rename fails after the temporary file was written.
    mkdirSync(join(runDir, OUTCOME_FILE));
    expect(() => writeOutcome(outcome(runDir))).toThrow();
    expect(readdirSync(runDir)).toEqual(['outcome.json']);
    expect(readOutcome(join(runDir, OUTCOME_FILE))).toBeUndefined();
  });

  it('the same outcome to the extra file too, its folder made if need be; an empty name is none', () => {
    const runDir = runFolder();
    const extra = join(mkdtempSync(join(tmpdir(), 'tagwatch-record-extra-')), 'logs', 'run.outcome.json');
    writeOutcome(outcome(runDir, { kind: 'check' }), extra);
    expect(readOutcome(extra)).toEqual(outcome(runDir, { kind: 'check' }));
    expect(readFileSync(extra, 'utf8')).toBe(readFileSync(join(runDir, OUTCOME_FILE), 'utf8'));
    writeOutcome(outcome(runDir), '');
    expect(readOutcome(join(runDir, OUTCOME_FILE))?.kind).toBe('audit');
  });

  it('readOutcome: undefined for a missing, torn or foreign file, never a throw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-record-'));
    expect(readOutcome(join(dir, 'missing.json'))).toBeUndefined();
    expect(readOutcome(dir)).toBeUndefined();
    const file = join(dir, 'outcome.json');
    writeFileSync(file, JSON.stringify(outcome(dir)).slice(0, 40));
    expect(readOutcome(file)).toBeUndefined();
    for (const bad of [null, [], 'pass', { ...outcome(dir), status: 'crashed' }, { ...outcome(dir), exitCode: 3 }, { ...outcome(dir), kind: 'shard' }, { ...outcome(dir), runId: undefined }]) {
      writeFileSync(file, JSON.stringify(bad));
      expect(readOutcome(file)).toBeUndefined();
    }
    const { kind: _kind, ...withoutKind } = outcome(dir);
    writeFileSync(file, JSON.stringify(withoutKind));
    expect(readOutcome(file)).toEqual(withoutKind);
  });
});

describe('outcomeOf', () => {
  it('the run\'s id, monitor and status from its verdict, the folder made absolute, the exit code as returned', () => {
    const result = { verdict: { runId: '20260501-030000-ab12', monitor: 'shop', status: 'fail' as const, summary: 'x' }, runDir: 'reports/20260501-030000-ab12', exitCode: 1 as const };
    expect(outcomeOf(result, 'merge', new Date('2026-05-01T03:01:00Z'))).toEqual({
      runId: '20260501-030000-ab12',
      monitor: 'shop',
      runDir: join(process.cwd(), 'reports', '20260501-030000-ab12'),
      status: 'fail',
      exitCode: 1,
      kind: 'merge',
      finishedAt: '2026-05-01T03:01:00.000Z',
    });
    expect(OUTCOME_FILE_ENV).toBe('TAGWATCH_OUTCOME_FILE');
  });
});
