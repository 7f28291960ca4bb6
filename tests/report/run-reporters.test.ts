import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineReporter } from '../../src/report/define-reporter.ts';
import { loadReporters, runReporters } from '../../src/report/run-reporters.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

const verdict: Verdict = {
  runId: 'R1',
  monitor: 'm',
  baseUrl: 'http://127.0.0.1',
  startedAt: '2026-11-26T04:00:00Z',
  finishedAt: '2026-11-26T04:00:10Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4).',
  journeys: [],
  loss: [{ vendor: 'ga4', condition: 'baseline', orders: 2, tracked: 0, attributable: null, lost: 2, duplicated: 0, consentPings: 0, lossRate: 1, ci95: [0.34, 1] }],
  findings: [{ severity: 'error', kind: 'tag-missing', vendor: 'ga4', message: 'ga4 lost \u001b[2J order <script>' }],
  diagnostics: [],
};

describe('reporters', () => {
  it('one reporter throwing does not stop the next; its failure is returned', async () => {
    const seen: string[] = [];
    const problems = await runReporters(
      [
        defineReporter({ id: 'broken', description: '', onVerdict: () => { throw new Error('disk full'); } }),
        defineReporter({ id: 'ok', description: '', onVerdict: (v) => void seen.push(v.runId) }),
      ],
      verdict,
      { runDir: '/tmp', outDir: '/tmp', monitor: validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }, 'm'), write: () => undefined, env: {}, failedChannels: [] },
    );
    expect(seen).toEqual(['R1']);
    expect(problems).toEqual(['reporter broken failed: disk full']);
  });

  it('console and json reporters: loss table printed with control characters neutralised, results.json written', async () => {
    const { plugins, diagnostics } = await loadReporters();
    expect(diagnostics).toEqual([]);
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-report-'));
    const runDir = join(outDir, 'R1');
    let text = '';
    const problems = await runReporters(plugins, verdict, { runDir, outDir, monitor: validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }, 'm'), write: (t) => (text += t), env: {}, failedChannels: [] });
    expect(problems).toEqual([]);
    expect(text).toMatch(/ga4\s+baseline\s+2\s+0\s+2\s+0\s+100%\s+34%–100%/);
    expect(text).not.toContain('\u001b');
    expect(JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')).runId).toBe('R1');
    expect(JSON.parse(readFileSync(join(outDir, 'latest', 'results.json'), 'utf8')).status).toBe('fail');
  });

  it('console groups findings of one kind, vendor and condition into one line', async () => {
    const { plugins } = await loadReporters();
    const consoleReporter = plugins.filter((p) => p.id === 'console');
    const many = { ...verdict, findings: [1, 2, 3].map((n) => ({ severity: 'info' as const, kind: 'attribution-lost' as const, vendor: 'meta', condition: 'cross-device', message: `meta lost click on order ${n}` })) };
    let text = '';
    await runReporters(consoleReporter, many, { runDir: '/tmp/x', outDir: '/tmp', monitor: validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }, 'm'), write: (t) => (text += t), env: {}, failedChannels: [] });
    expect(text).toContain('Findings (3):');
    expect(text).toContain('meta lost click on order 1 (and 2 more like it)');
    expect(text).not.toContain('order 2');
  });
});
