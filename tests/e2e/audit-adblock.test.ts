import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { journeyArtifactsPath } from '../../src/capture/failure-artifacts.ts';
import { defaultCacheDir, loadFilterLists } from '../../src/conditions/adblock/filter-lists.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import { auditDemo } from '../support/audit.ts';

/**
 * The one real audit of the demo shop under every condition that changes the visitor rather than
 * the shop: what the capture does under each (real Chromium, the real filter lists, devices,
 * cookies, headers). What the judge makes of each condition is tests/judge/recorded-conditions.test.ts,
 * on recorded runs of the same shop (tests/fixtures/runs/adblock-observed, visitor-conditions).
 */
const CONDITIONS = ['baseline', 'adblock', 'consent-refused', 'gpc', 'itp', 'cross-device'];

it('one audit, six conditions: blocked hits name their list line, consent refused sends pings only, the ITP return visit loses the capped cookies, two devices, nothing leaves the machine', async () => {
  const { verdict, runDir, runLog } = await auditDemo({ repeat: 1, conditions: CONDITIONS });
  const journeyOf = (condition: string) => verdict.journeys.find((j) => j.condition === condition)!;
  const eventsOf = (condition: string) => runLog.filter((e) => 'journeyId' in e && e.journeyId === journeyOf(condition).journeyId);
  // Every journey ran to its purchase; passing journeys keep no screenshot, trace or HAR.
  // (In whatever order the journeys were scheduled: the longest may go first.)
  expect(Object.fromEntries(verdict.journeys.map((j) => [j.condition, [j.status, j.orderInBackend]]))).toEqual(Object.fromEntries(CONDITIONS.map((c) => [c, ['passed', true]])));
  expect(verdict.journeys).toHaveLength(CONDITIONS.length);
  for (const journey of verdict.journeys) {
    expect(journey.artifacts).toBeUndefined();
    expect(existsSync(join(runDir, journeyArtifactsPath(journey.journeyId)))).toBe(false);
  }
  // The six conditions are context-level settings of one project: one worker (one browser) ran them all.
  expect(new Set(runLog.flatMap((e) => (e.type === 'journey-timing' ? [e.worker] : []))).size).toBe(1);
  // Nothing left the machine, under any condition: every tag request was answered by the capture or blocked.
  const ends = runLog.filter((e) => e.type === 'journey-end');
  expect(ends).toHaveLength(CONDITIONS.length);
  for (const end of ends) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});

  // baseline: every tag tracked; adblock: every purchase blocked, each by a line of the list itself.
  expect(verdict.loss.filter((r) => r.condition === 'baseline' || r.condition === 'adblock').map((r) => [r.vendor, r.condition, r.lossRate])).toEqual([
    ['ga4', 'baseline', 0], ['ga4', 'adblock', 1],
    ['google-ads', 'baseline', 0], ['google-ads', 'adblock', 1],
    ['meta', 'baseline', 0], ['meta', 'adblock', 1],
    ['tiktok', 'baseline', 0], ['tiktok', 'adblock', 1],
  ]);
  expect(journeyOf('baseline').hits.every((h) => h.status === 'captured')).toBe(true);
  expect(journeyOf('adblock').hits.every((h) => h.status === 'blocked')).toBe(true);
  // The rule byte-equal to that line of the file the audit read (the same lookup as the condition's), never an engine's merged "<+>" form.
  const lists = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], cacheDir: defaultCacheDir(), allowDownload: false });
  const fileLines = new Map(lists.map((l) => [l.label, readFileSync(l.origin, 'utf8').split(/\r?\n/)]));
  const blockedHits = runLog.flatMap((e) => (e.type === 'hit' && e.status === 'blocked' ? [e] : []));
  expect(blockedHits.map((h) => h.vendor).sort()).toEqual(expect.arrayContaining(['ga4', 'google-ads', 'meta', 'tiktok']));
  for (const hit of blockedHits) {
    expect(hit.rule, hit.url).not.toContain('<+>');
    expect(fileLines.get(hit.filterList!)?.[hit.filterLine! - 1], `${hit.url}: ${hit.filterList} line ${hit.filterLine}`).toBe(hit.rule);
  }

  // consent-refused: the banner answered "refuse"; only Google's cookieless consent-mode pings went out.
  expect(journeyOf('consent-refused').consent).toBe('refused');
  expect(new Set(journeyOf('consent-refused').hits.map((h) => h.vendor))).toEqual(new Set(['ga4']));

  // gpc: the browser said so on every request; the demo shop ignores it, and the judge says who fired anyway.
  expect(verdict.findings.filter((f) => f.kind === 'fired-despite-opt-out').map((f) => f.vendor).sort()).toEqual(['google-ads', 'meta', 'tiktok']);

  // itp: the return visit two days later has lost the ad click's capped cookies.
  const returnVisit = eventsOf('itp').find((e) => e.type === 'return-visit');
  expect(returnVisit?.type === 'return-visit' && returnVisit.removedCookies).toEqual(expect.arrayContaining(['_ga', '_gcl_aw', '_fbc', 'ttclid']));

  // cross-device: the phone clicks the ad, the laptop buys; the tags see a phone and a desktop
  // (Meta's pixel sends the screen it runs on: sw, sh), and every page of both loads.
  const crossDevice = eventsOf('cross-device');
  expect(crossDevice.filter((e) => e.type === 'ad-click')).toHaveLength(1);
  const meta = crossDevice.flatMap((e) => (e.type === 'hit' && e.vendor === 'meta' ? [`${e.url}&${e.body ?? ''}`] : []));
  const screen = (hit: string) => [new URLSearchParams(hit.split('?')[1]).get('sw'), new URLSearchParams(hit.split('?')[1]).get('sh')];
  expect(screen(meta.find((hit) => hit.includes('ev=PageView'))!)).toEqual(['412', '915']);
  expect(screen(meta.find((hit) => hit.includes('ev=Purchase'))!)).toEqual(['1920', '1080']);
  const loads = crossDevice.filter((e): e is Extract<RunEvent, { type: 'page-load' }> => e.type === 'page-load').map((e) => new URL(e.url).pathname);
  expect(loads).toEqual(expect.arrayContaining(['/', '/cart']));
  expect(loads.length).toBeGreaterThanOrEqual(4);
  // Six journeys (one on two devices), the demo shop and the judge: minutes on a shared 2-core machine.
}, 900_000);
