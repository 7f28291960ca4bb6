import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/storage/history.ts';
import { auditDemo } from '../support/audit.ts';

describe('audit + run history (real Chromium, demo shop)', () => {
  // Two whole audits: room beyond the default timeout on a shared 2-core machine.
  it('two audits into one report folder: both stored, the second compared with the first', { timeout: 300_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-history-'));
    const first = await auditDemo({ outDir, conditions: ['baseline'], repeat: 1, workers: 1 });
    expect(first.verdict.status).toBe('pass');
    expect(first.verdict.changes).toBeUndefined();
    const second = await auditDemo({ outDir, conditions: ['baseline'], repeat: 1, workers: 1 });
    expect(second.verdict.status).toBe('pass');

    const history = await openHistory(join(outDir, 'history.json'));
    const runs = history.runsOf(first.verdict.monitor);
    expect(runs.map((run) => run.runId)).toEqual([first.verdict.runId, second.verdict.runId]);
    expect(runs[0]!.fingerprint.ga4?.baseline?.eventNames).toContain('purchase');
    expect(runs[0]!.trackers?.length).toBeGreaterThan(0);

    // The same shop twice: the diff names the first run and finds no parameter, tracker or loss change.
    expect(second.verdict.changes?.since.runId).toBe(first.verdict.runId);
    expect(second.verdict.changes).toMatchObject({ trackers: [], parameters: [], loss: [] });
    expect(second.output).toContain(`Since the last passing run ${first.verdict.runId}:`);
    expect(second.verdict.diagnostics.filter((d) => d.includes('history'))).toEqual([]);
  });
});
