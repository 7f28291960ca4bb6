import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportRun } from '../../src/audit/report-run.ts';
import { judgeRunFolder } from '../../src/judge/judge-run-folder.ts';
import { judge } from '../../src/judge/judge.ts';
import { loadVendors } from '../../src/catalog/index.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { readRunRecord } from '../../src/record/run-record.ts';
import { withEffects } from '../../src/record/run-effects.ts';
import { SEQUENCES } from '../fixtures/runs/record-runs.ts';

const RUNS = join(import.meta.dirname, '..', 'fixtures', 'runs');
const FOLDERS = readdirSync(RUNS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** A recorded run copied to a temp report folder: `tagwatch report` writes its files there, never into the fixtures. */
function copyOf(folder: string): string {
  const runDir = join(mkdtempSync(join(tmpdir(), 'tagwatch-recorded-')), folder);
  cpSync(join(RUNS, folder), runDir, { recursive: true });
  return runDir;
}

const expected = (folder: string) => readFileSync(join(RUNS, folder, 'results.json'), 'utf8');

describe('recorded run folders, judged again offline', () => {
  it('holds the recorded runs, each one record-runs.ts records again', () => {
    expect(FOLDERS).toEqual([
      'adblock-observed',
      'alerts-1-clean',
      'alerts-2-broken',
      'alerts-3-still-broken',
      'alerts-4-recovered',
      'datalayer-purchase-missing',
      'demo-pass',
      'ga4-intermittent',
      'ga4-lost-after-a-pass',
      'ga4-missing-meta-double',
      'ga4-value-mismatch',
      'meta-before-consent',
      'order-not-saved',
      'orders-api-down',
      'orders-none-found',
      'sgtm-declared',
      'sgtm-undeclared',
      'site-conventions',
      'site-down',
      'trackers-1-clean',
      'trackers-2-clarity-pasted',
      'trackers-3-clarity-removed',
      'visitor-conditions',
    ]);
    expect(SEQUENCES.flatMap((sequence) => sequence.runs.map((run) => run.name)).sort()).toEqual(FOLDERS);
  });

  it.each(FOLDERS)('%s: judge(run folder) gives the verdict it was reported with, byte for byte', async (folder) => {
    const runDir = copyOf(folder);
    const { verdict, record } = await judgeRunFolder(runDir);
    expect(`${JSON.stringify(withEffects(verdict, record.effects), null, 2)}\n`).toBe(expected(folder));
  });

  it.each(FOLDERS)('%s: `tagwatch report` writes its reports again, the same', async (folder) => {
    const runDir = copyOf(folder);
    let printed = '';
    const { exitCode, verdict } = await reportRun(runDir, { write: (text) => (printed += text) });
    expect(readFileSync(join(runDir, 'results.json'), 'utf8')).toBe(expected(folder));
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain(verdict.runId);
    expect(readFileSync(join(runDir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(printed).toContain(`run ${verdict.runId}`);
    expect(exitCode).toBe({ pass: 0, fail: 1, inconclusive: 2 }[verdict.status]);
  });

  it('the judge is pure: the same record twice gives equal verdicts, and the record is left as it was', async () => {
    const record = readRunRecord(copyOf('ga4-lost-after-a-pass'));
    const snapshot = JSON.stringify(record);
    const { vendors } = await loadVendors();
    const first = judge(record, { vendors });
    const second = judge(record, { vendors });
    expect(second).toEqual(first);
    expect(JSON.stringify(record)).toBe(snapshot);
    // Derived facts are on the verdict when it is made.
    expect(first.loss.find((r) => r.vendor === 'ga4' && r.condition === 'baseline')).toMatchObject({ lossRate: 1, maxLossRate: 0, overThreshold: true });
    expect(first.loss.find((r) => r.vendor === 'ga4' && r.condition === 'adblock')).toMatchObject({ maxLossRate: 1, overThreshold: false });
    expect(first.broke).toEqual([expect.objectContaining({ vendor: 'ga4', condition: 'baseline', lossRate: 1, exampleOrder: expect.stringMatching(/^DS-/) })]);
    expect(first.alert?.alert).toMatchObject({ kind: 'failure', since: first.runId });
    expect(first.changes?.since.runId).toBe(JSON.parse(expected('demo-pass')).runId);
    // Without the tracker database there is no inventory, and the verdict says why.
    expect(first.trackers).toBeUndefined();
    expect(first.diagnostics).toContain('tracker inventory skipped: no tracker database');
  });

  it('judged as a release check against the recorded baseline: the lost purchase is a regression, and no alert is decided', async () => {
    const runDir = copyOf('ga4-lost-after-a-pass');
    const settings = JSON.parse(readFileSync(join(runDir, 'run-settings.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(runDir, 'run-settings.json'), JSON.stringify({ ...settings, kind: 'check' }));
    const { verdict }: { verdict: Verdict } = await judgeRunFolder(runDir);
    expect(verdict.kind).toBe('check');
    expect(verdict.alert).toBeUndefined();
    expect(verdict.releaseBaseline?.runId).toBe(JSON.parse(expected('demo-pass')).runId);
    expect(verdict.findings[0]).toMatchObject({ kind: 'regression', severity: 'error', vendor: 'ga4', message: expect.stringMatching(/^ga4: purchase lost 100% under baseline/) });
    expect(verdict.summary).toMatch(/^Release check: 1 regression against production run /);
  });

  it('a folder that is not a finished run is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-not-a-run-'));
    await expect(judgeRunFolder(dir)).rejects.toThrow(/has no run-settings\.json: it is not a tagwatch run folder/);
    cpSync(join(RUNS, 'demo-pass', 'run-settings.json'), join(dir, 'run-settings.json'));
    await expect(judgeRunFolder(dir)).rejects.toThrow(/has no inputs\.json: the run never got to its verdict/);
  });
});
