import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreviousRun } from '../../src/audit/previous-run.ts';

const TRACKER = { id: 'google_analytics', name: 'Google Analytics', category: { key: 'site_analytics', name: 'Site Analytics' }, organization: 'Google', hosts: ['region1.google-analytics.com'], catalogVendors: ['ga4'], conditions: { baseline: { journeys: 1, passedJourneys: 1, hits: 3, blocked: 0, scenarios: ['purchase'] } } };

function results(runId: string, fields: Record<string, unknown> = {}) {
  return { runId, monitor: 'shop', baseUrl: 'https://shop.example', startedAt: `2026-01-0${runId.slice(-1)}T10:00:00.000Z`, status: 'pass', journeys: [{ journeyId: 'j', condition: 'baseline', scenario: 'purchase', status: 'passed', hits: [] }], loss: [], findings: [], trackers: [TRACKER], diagnostics: [], ...fields };
}

function write(outDir: string, folder: string, content: unknown): void {
  mkdirSync(join(outDir, folder), { recursive: true });
  writeFileSync(join(outDir, folder, 'results.json'), typeof content === 'string' ? content : JSON.stringify(content));
}

const current = { runId: '20260106-100000-aaaa', monitor: 'shop', startedAt: '2026-01-06T10:00:00.000Z' };

describe('findPreviousRun (run folders of the report directory)', () => {
  it('the newest earlier run of the same monitor with a tracker inventory and a passed journey', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-prev-'));
    write(outDir, '20260101-100000-0001', results('r1'));
    write(outDir, '20260102-100000-0002', results('r2'));
    write(outDir, '20260103-100000-0003', results('r3', { monitor: 'another-shop' }));
    write(outDir, '20260104-100000-0004', results('r4', { trackers: undefined }));
    write(outDir, '20260105-100000-0005', results('r5', { journeys: [{ condition: 'baseline', scenario: 'purchase', status: 'site-unreachable' }] }));
    write(outDir, '20260107-100000-0007', results('r7'));
    write(outDir, 'latest', results('r8'));
    mkdirSync(join(outDir, current.runId));
    const diagnostics: string[] = [];
    const previous = findPreviousRun(outDir, current, diagnostics);
    expect(previous?.runId).toBe('r2');
    expect(previous?.trackers).toEqual([TRACKER]);
    expect(previous?.journeys).toEqual([{ condition: 'baseline', scenario: 'purchase', status: 'passed' }]);
    expect(diagnostics).toEqual([]);
  });

  it('skips unreadable results with a diagnostic naming the file and why', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-prev-'));
    write(outDir, '20260101-100000-0001', results('r1'));
    write(outDir, '20260102-100000-0002', '{"runId": "r2", "monit');
    write(outDir, '20260103-100000-0003', { ...results('r3'), trackers: [{ ...TRACKER, hosts: 'region1.google-analytics.com' }] });
    const diagnostics: string[] = [];
    expect(findPreviousRun(outDir, current, diagnostics)?.runId).toBe('r1');
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toContain(join(outDir, '20260103-100000-0003', 'results.json'));
    expect(diagnostics[0]).toContain('trackers.0.hosts');
    expect(diagnostics[1]).toContain(join(outDir, '20260102-100000-0002', 'results.json'));
    expect(diagnostics[1]).toMatch(/could not be read .*JSON/);
  });

  it('no report directory or no earlier run: nothing to compare with', () => {
    expect(findPreviousRun(join(tmpdir(), 'tagwatch-prev-missing-dir'), current, [])).toBeUndefined();
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-prev-'));
    write(outDir, '20260107-100000-0007', results('r7'));
    expect(findPreviousRun(outDir, current, [])).toBeUndefined();
  });
});
