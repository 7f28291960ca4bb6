import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../src/model/tracker.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { auditDemo } from '../support/audit.ts';

const trackerChangesOf = (verdict: Verdict) => verdict.findings.filter((f) => f.kind === 'tag-appeared' || f.kind === 'tag-disappeared');

describe('tracker inventory and tag-appeared / tag-disappeared (real Chromium, demo shop)', () => {
  it('clean run, then a Clarity snippet pasted outside the tag plan (appeared), then clean again (disappeared)', async () => {
    // Three runs of the same monitor into one report folder: each compares with the one before.
    const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-e2e-trackers-'));
    const audit = (demoFaults: string[]) => auditDemo({ outDir, demoFaults, repeat: 1, conditions: ['baseline'] });

    const clean = await audit([]);
    expect(clean.exitCode).toBe(0);
    expect(trackerChangesOf(clean.verdict)).toEqual([]);
    const stored = JSON.parse(readFileSync(join(clean.runDir, 'results.json'), 'utf8')) as Verdict;
    const named = (trackers: Tracker[]) => Object.fromEntries(trackers.map((t) => [t.name, t.category.name]));
    expect(named(stored.trackers!)).toMatchObject({ 'Google Analytics': 'Site Analytics', 'TikTok Analytics': 'Site Analytics' });
    expect(stored.trackers!.find((t) => t.name === 'Google Analytics')).toMatchObject({ organization: 'Google', catalogVendors: ['ga4'], hosts: ['region1.google-analytics.com'], conditions: { baseline: { journeys: 1, passedJourneys: 1 } } });
    // Every catalog vendor of the demo is named by trackerdb, under its own company.
    const vendors = new Set(stored.trackers!.flatMap((t) => t.catalogVendors));
    expect([...vendors].sort()).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);
    expect(stored.trackers!.filter((t) => t.catalogVendors.includes('meta')).map((t) => t.organization)).toEqual(expect.arrayContaining(['Meta']));
    expect(stored.trackers!.some((t) => t.name === 'Microsoft Clarity')).toBe(false);
    expect(clean.output).toMatch(/Trackers \(\d+\):\n(.*\n)*\s+Google Analytics\s+Site Analytics\s+baseline\n/);

    const pasted = await audit(['unplanned-tracker']);
    // The new tracker is a warning; the snippet also loads before consent, which is the error that fails the run.
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
    const clarity = (JSON.parse(readFileSync(join(pasted.runDir, 'results.json'), 'utf8')) as Verdict).trackers!.find((t) => t.name === 'Microsoft Clarity');
    expect(clarity).toMatchObject({ category: { key: 'site_analytics', name: 'Site Analytics' }, catalogVendors: ['clarity'], conditions: { baseline: { journeys: 1, passedJourneys: 1 } } });
    // The snippet's script went to the (unreachable) network: the run log keeps its first request for the inventory.
    const end = pasted.runLog.find((e) => e.type === 'journey-end');
    expect(end?.type === 'journey-end' && end.hostSamples?.['www.clarity.ms']).toEqual({ url: 'https://www.clarity.ms/tag/tw0demo0sh', resourceType: 'Script' });
    expect(pasted.output).toMatch(/WARNING tag-appeared: Microsoft Clarity/);

    const removed = await audit([]);
    expect(trackerChangesOf(removed.verdict)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'tag-disappeared',
        condition: 'baseline',
        message: `Microsoft Clarity (Site Analytics, Microsoft) disappeared under baseline since run ${pasted.verdict.runId}: no more requests to www.clarity.ms`,
      }),
    ]);
  });
});
