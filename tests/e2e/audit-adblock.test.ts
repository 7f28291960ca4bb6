import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultCacheDir, loadFilterLists } from '../../src/conditions/adblock/filter-lists.ts';
import { auditDemo } from '../support/audit.ts';

it('default demo monitor: baseline tracks everything, adblock blocks every purchase with the matching rule, nothing leaves the machine', async () => {
  const { verdict, exitCode, runLog } = await auditDemo({ repeat: 1, conditions: ['baseline', 'adblock'] });
  expect(verdict.loss.map((r) => [r.vendor, r.condition, r.lossRate])).toEqual([
    ['ga4', 'baseline', 0], ['ga4', 'adblock', 1],
    ['google-ads', 'baseline', 0], ['google-ads', 'adblock', 1],
    ['meta', 'baseline', 0], ['meta', 'adblock', 1],
    ['tiktok', 'baseline', 0], ['tiktok', 'adblock', 1],
  ]);
  // Expected loss under an ad blocker is reported with its cause, not as a broken tag.
  expect(exitCode).toBe(0);
  expect(verdict.status).toBe('pass');
  const blocked = verdict.findings.filter((f) => f.kind === 'tag-blocked');
  expect(blocked.map((f) => [f.vendor, f.severity])).toEqual([['ga4', 'info'], ['google-ads', 'info'], ['meta', 'info'], ['tiktok', 'info']]);
  expect(blocked.find((f) => f.vendor === 'ga4')?.message).toMatch(/blocked by EasyPrivacy line \d+: \S+/);

  const adblockJourney = verdict.journeys.find((j) => j.condition === 'adblock')!;
  const ga4Purchase = adblockJourney.hits.find((h) => h.vendor === 'ga4' && h.eventName === 'purchase');
  expect(ga4Purchase).toMatchObject({ status: 'blocked', rule: expect.any(String), filterList: 'EasyPrivacy', filterLine: expect.any(Number) });
  expect(adblockJourney.hits.every((h) => h.status === 'blocked')).toBe(true);
  expect(verdict.journeys.find((j) => j.condition === 'baseline')!.hits.every((h) => h.status === 'captured')).toBe(true);
  for (const end of runLog.filter((e) => e.type === 'journey-end')) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});

  // Every blocked hit names a line of the list itself: the rule byte-equal to that line of the
  // file the audit read (the same lookup as the condition's), never an engine's merged "<+>" form.
  const lists = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], cacheDir: defaultCacheDir(), allowDownload: false });
  const fileLines = new Map(lists.map((l) => [l.label, readFileSync(l.origin, 'utf8').split(/\r?\n/)]));
  const blockedHits = runLog.flatMap((e) => (e.type === 'hit' && e.status === 'blocked' ? [e] : []));
  expect(blockedHits.map((h) => h.vendor).sort()).toEqual(expect.arrayContaining(['ga4', 'google-ads', 'meta', 'tiktok']));
  for (const hit of blockedHits) {
    expect(hit.rule, hit.url).not.toContain('<+>');
    expect(fileLines.get(hit.filterList!)?.[hit.filterLine! - 1], `${hit.url}: ${hit.filterList} line ${hit.filterLine}`).toBe(hit.rule);
  }
  // The Meta pixel's loss names the line that blocked it, as the report shows it.
  const metaHit = blockedHits.find((h) => h.vendor === 'meta' && new URL(h.url).searchParams.get('ev') === 'Purchase')!;
  expect(adblockJourney.lossCauses.meta).toBe(`blocked by ${metaHit.filterList} line ${metaHit.filterLine}: ${metaHit.rule}`);
  // Two conditions of journeys plus the audit around them: measured 246 s at load average ~40 on 2 cores.
}, 600_000);
