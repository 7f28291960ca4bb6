import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../src/model/tracker.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { reportRecorded } from './recorded-run.ts';

const trackerChangesOf = (verdict: Verdict) => verdict.findings.filter((f) => f.kind === 'tag-appeared' || f.kind === 'tag-disappeared');

/**
 * Three recorded audits of the demo monitor into one report folder (tests/fixtures/runs/trackers-*):
 * clean, then a Clarity snippet pasted outside the tag plan (unplanned-tracker), then clean again.
 * Each was judged against the history the one before left (its inputs.json). Were the three
 * audits of tests/e2e/audit-trackers.test.ts and the two of audit-history.test.ts.
 */
describe('tracker inventory, tag-appeared / tag-disappeared and changes since the last passing run, from recorded runs', () => {
  it('clean: the inventory names every catalog vendor under its company, and nothing changed', async () => {
    const clean = await reportRecorded('trackers-1-clean');
    expect(clean.exitCode).toBe(0);
    expect(clean.verdict.changes).toBeUndefined();
    expect(trackerChangesOf(clean.verdict)).toEqual([]);
    const named = (trackers: Tracker[]) => Object.fromEntries(trackers.map((t) => [t.name, t.category.name]));
    const trackers = clean.verdict.trackers!;
    expect(named(trackers)).toMatchObject({ 'Google Analytics': 'Site Analytics', 'TikTok Analytics': 'Site Analytics' });
    expect(trackers.find((t) => t.name === 'Google Analytics')).toMatchObject({ organization: 'Google', catalogVendors: ['ga4'], hosts: ['region1.google-analytics.com'], conditions: { baseline: { journeys: 1, passedJourneys: 1 } } });
    expect([...new Set(trackers.flatMap((t) => t.catalogVendors))].sort()).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
    expect(trackers.filter((t) => t.catalogVendors.includes('meta')).map((t) => t.organization)).toEqual(expect.arrayContaining(['Meta']));
    expect(trackers.some((t) => t.name === 'Microsoft Clarity')).toBe(false);
    expect(clean.output).toMatch(/Trackers \(\d+\):\n(.*\n)*\s+Google Analytics\s+Site Analytics\s+baseline\n/);
  });

  it('a Clarity snippet pasted: tag-appeared (a warning), and the snippet loads before consent, the error that fails the run', async () => {
    const clean = await reportRecorded('trackers-1-clean');
    const pasted = await reportRecorded('trackers-2-clarity-pasted');
    expect(pasted.verdict.findings.filter((f) => f.severity === 'error').map((f) => [f.kind, f.vendor])).toEqual([['fired-before-consent', 'clarity']]);
    expect(trackerChangesOf(pasted.verdict)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'tag-appeared',
        condition: 'baseline',
        vendor: 'clarity',
        message: `Microsoft Clarity (Site Analytics, Microsoft) appeared under baseline since run ${clean.verdict.runId}: requests to www.clarity.ms`,
        evidence: expect.objectContaining({ tracker: 'Microsoft Clarity', category: 'site_analytics', hosts: ['www.clarity.ms'] }),
      }),
    ]);
    const clarity = pasted.verdict.trackers!.find((t) => t.name === 'Microsoft Clarity');
    expect(clarity).toMatchObject({ category: { key: 'site_analytics', name: 'Site Analytics' }, catalogVendors: ['clarity'], conditions: { baseline: { journeys: 1, passedJourneys: 1 } } });
    // The snippet's script went to the (unreachable) network: the run log keeps its first request for the inventory.
    const end = pasted.runLog.find((e) => e.type === 'journey-end');
    expect(end?.type === 'journey-end' && end.hostSamples?.['www.clarity.ms']).toEqual({ url: 'https://www.clarity.ms/tag/tw0demo0sh', resourceType: 'Script' });
    expect(pasted.output).toMatch(/WARNING tag-appeared: Microsoft Clarity/);
  });

  it('clean again: tag-disappeared against the run before; compared with the last passing run, nothing else changed', async () => {
    const clean = await reportRecorded('trackers-1-clean');
    const pasted = await reportRecorded('trackers-2-clarity-pasted');
    const removed = await reportRecorded('trackers-3-clarity-removed');
    expect(removed.verdict.status).toBe('pass');
    expect(trackerChangesOf(removed.verdict)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'tag-disappeared',
        condition: 'baseline',
        message: `Microsoft Clarity (Site Analytics, Microsoft) disappeared under baseline since run ${pasted.verdict.runId}: no more requests to www.clarity.ms`,
      }),
    ]);
    // The same clean shop as the last passing run: the diff names it and finds no parameter, tracker or loss change.
    expect(removed.verdict.changes?.since.runId).toBe(clean.verdict.runId);
    expect(removed.verdict.changes).toMatchObject({ trackers: [], parameters: [], loss: [] });
    expect(removed.output).toContain(`Since the last passing run ${clean.verdict.runId}:`);
    expect(removed.verdict.diagnostics.filter((d) => d.includes('history'))).toEqual([]);
  });
});
