import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../audit/run-audit.ts';
import { startDemoShop } from '../demo-shop/server.ts';
import type { JourneyPhase, RunEvent } from '../model/run-event.ts';
import { readRunLog } from '../record/run-log.ts';
import { runFloorJourneys, type FloorJourney } from './journey-floor.ts';
import { median } from './median.ts';
import { startRssSampling, type RssSample } from './process-tree-rss.ts';

const PHASES: JourneyPhase[] = ['context', 'capture', 'consent', 'steps', 'settle', 'teardown'];
const silent = () => undefined;

/** One tagwatch journey as its run log tells it: phases, and the time between it and the previous one on its worker. */
export interface TimedJourney {
  journeyId: string;
  phases: Record<JourneyPhase, number>;
  /** From the previous journey's end (or the run's start) to this journey's context: worker start or Playwright's own work between tests. */
  gapMs: number;
  startMs: number;
  endMs: number;
}

/** The journeys of a run with one worker, in order, from their journey-timing lines. */
export function timedJourneys(events: RunEvent[]): TimedJourney[] {
  const runStart = events.find((e) => e.type === 'run-start');
  let previousEnd = runStart ? Date.parse(runStart.time) : Number.NaN;
  const journeys: TimedJourney[] = [];
  for (const event of events) {
    if (event.type !== 'journey-timing') continue;
    const total = PHASES.reduce((sum, phase) => sum + event.phases[phase], 0);
    const endMs = Date.parse(event.time);
    const startMs = endMs - total;
    journeys.push({ journeyId: event.journeyId, phases: event.phases, gapMs: startMs - previousEnd, startMs, endMs });
    previousEnd = endMs;
  }
  return journeys;
}

export interface FloorComparison {
  tagwatch: TimedJourney[];
  floor: FloorJourney[];
  floorBrowserStartMs: number;
  /** Run start (site, runner, worker, browser) to the first journey's context. */
  tagwatchStartUpMs: number;
  /** A tagwatch journey: its phases plus what the worker spent between it and the previous one. */
  tagwatchJourneyMs: number[];
}

/**
 * The same purchase journey (the demo shop, one product) in plain Playwright and in a tagwatch
 * audit, one browser at a time, `count` journeys each side; the floor's are split in two halves
 * around the audit so that a machine getting busier or quieter weighs on both sides alike.
 */
export async function compareWithFloor(count: number): Promise<FloorComparison> {
  const shop = await startDemoShop();
  const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-bench-floor-'));
  try {
    const first = await runFloorJourneys(shop.url, Math.ceil(count / 2));
    const { runDir } = await runAudit({ outDir, write: silent, conditions: ['baseline'], repeat: count, workers: 1, variants: {} });
    const second = await runFloorJourneys(shop.url, Math.floor(count / 2));
    const tagwatch = timedJourneys(readRunLog(runDir).events);
    return {
      tagwatch,
      floor: [...first.journeys, ...second.journeys],
      floorBrowserStartMs: median([first.browserStartMs, second.browserStartMs]),
      tagwatchStartUpMs: tagwatch[0]?.gapMs ?? Number.NaN,
      // The first journey's gap is the run's start-up, reported on its own.
      tagwatchJourneyMs: tagwatch.map((j, i) => PHASES.reduce((sum, phase) => sum + j.phases[phase], 0) + (i === 0 ? 0 : j.gapMs)),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await shop.close();
  }
}

/** Median milliseconds per phase: tagwatch's and the floor's (0 where plain Playwright has no such phase). */
export function phaseMedians(comparison: FloorComparison): { phase: string; tagwatchMs: number; floorMs: number }[] {
  const rows: { phase: string; tagwatchMs: number; floorMs: number }[] = PHASES.map((phase) => ({
    phase,
    tagwatchMs: median(comparison.tagwatch.map((j) => j.phases[phase])),
    floorMs: phase === 'context' || phase === 'consent' || phase === 'steps' || phase === 'teardown' ? median(comparison.floor.map((j) => j[phase])) : 0,
  }));
  rows.push({ phase: 'between-journeys', tagwatchMs: median(comparison.tagwatch.slice(1).map((j) => j.gapMs)), floorMs: 0 });
  return rows;
}

export interface AuditTiming {
  wallSeconds: number;
  status: string;
  journeys: number;
  /** First journey's context to the last journey's end. */
  journeysSeconds: number;
  rss: RssSample[];
  /** Journey ends, seconds since the audit started (the RSS samples share that clock). */
  journeyEnds: number[];
}

/** One audit of the demo shop with `overrides`, its wall time, its journeys' span and the process tree's memory. */
export async function timeAudit(overrides: Parameters<typeof runAudit>[0] = {}): Promise<AuditTiming> {
  const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-bench-audit-'));
  try {
    const sampling = startRssSampling(1000);
    const started = performance.now();
    const startedAt = Date.now();
    const result = await runAudit({ outDir, write: silent, ...overrides });
    const wallSeconds = (performance.now() - started) / 1000;
    const rss = sampling.stop();
    const journeys = readRunLog(result.runDir).events.filter((e) => e.type === 'journey-timing');
    const ends = journeys.map((e) => Date.parse(e.time));
    const starts = journeys.map((e) => Date.parse(e.time) - PHASES.reduce((sum, phase) => sum + (e.type === 'journey-timing' ? e.phases[phase] : 0), 0));
    return {
      wallSeconds,
      status: result.verdict.status,
      journeys: journeys.length,
      journeysSeconds: journeys.length ? (Math.max(...ends) - Math.min(...starts)) / 1000 : Number.NaN,
      rss,
      journeyEnds: ends.map((end) => (end - startedAt) / 1000).sort((a, b) => a - b),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Node's memory in the first and the last quarter of the journeys (by journeys done, not by
 * time): mean RSS of the tree's node processes while those journeys ran. Flat means the last
 * quarter is no bigger than the first, give or take what a garbage collection moves.
 */
export function rssQuarters(timing: AuditTiming): { firstMb: number; lastMb: number } {
  const ends = timing.journeyEnds;
  const quarter = Math.max(1, Math.floor(ends.length / 4));
  const firstWindow = [ends[0]! - 1, ends[quarter - 1]!];
  const lastWindow = [ends[ends.length - quarter - 1] ?? ends[0]!, ends[ends.length - 1]!];
  const meanIn = ([from, to]: number[]) => {
    const inside = timing.rss.filter((s) => s.at >= from! && s.at <= to!);
    return inside.reduce((sum, s) => sum + s.nodeBytes, 0) / Math.max(1, inside.length) / 1024 / 1024;
  };
  return { firstMb: meanIn(firstWindow), lastMb: meanIn(lastWindow) };
}
