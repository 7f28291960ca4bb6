import { loadVendors } from '../catalog/index.ts';
import { CLI_START_TARGET_SECONDS, measureCliStart } from './cli-start.ts';
import { batchLineFigures, measureDecodeThroughput } from './decode-throughput.ts';
import { median } from './median.ts';
import { timeReconcile } from './reconcile-scaling.ts';

export type BenchPart = 'decode' | 'reconcile' | 'journey-floor' | 'audit' | 'throughput' | 'memory' | 'cli-start' | 'consent';

/** Issue 14's targets on a 2-core machine; each figure is printed beside its own. */
export const TARGETS = { journeyFloorRatio: 1.3, auditWallSeconds: 25, journeysPerMinute: 30, cliStartSeconds: 0.3, rssGrowthRatio: 1.2 } as const;

export interface BenchOptions {
  /**
   * Which measurements to run. Default all but consent: journey-floor, audit, throughput and
   * memory run audits (about 8 minutes together, memory the longest), cli-start packs and
   * installs (a minute), consent several minutes (4 browsers, run only when asked), decode and
   * reconcile seconds.
   */
  parts?: BenchPart[];
  /** Journeys per side of the floor comparison. Default 10. */
  journeys?: number;
  /** Journeys of the throughput audit. Default 60. */
  throughputJourneys?: number;
  /** Journeys of the memory audit. Default 200. */
  memoryJourneys?: number;
  write: (line: string) => void;
}

/** Figures measured in one run, printed as `name: value` lines; targets are compared, not asserted. */
export async function runBench(options: BenchOptions): Promise<void> {
  const parts = options.parts ?? ['decode', 'reconcile', 'journey-floor', 'audit', 'throughput', 'memory', 'cli-start'];
  if (parts.includes('decode')) await benchDecode(options.write);
  if (parts.includes('reconcile')) benchReconcile(options.write);
  if (parts.includes('journey-floor')) await benchJourneyFloor(options);
  if (parts.includes('audit')) await benchAudit(options.write);
  if (parts.includes('throughput')) await benchThroughput(options);
  if (parts.includes('memory')) await benchMemory(options);
  if (parts.includes('cli-start')) await benchCliStart(options.write);
  if (parts.includes('consent')) await benchConsent(options.write);
}

/** Banner decisions on every CMP the tests install, 4 browsers at once: failures per CMP, target 0. */
async function benchConsent(write: (line: string) => void): Promise<void> {
  // Loaded here: the other parts need no browser.
  const { measureConsentStress } = await import('./consent-stress.ts');
  const { loadavg, cpus } = await import('node:os');
  write(`consent-cores: ${cpus().length}`);
  write(`consent-load-average-before: ${loadavg()[0]!.toFixed(1)}`);
  const results = await measureConsentStress({ decisions: 100, browsers: 4, progress: write });
  write(`consent-load-average-after: ${loadavg()[0]!.toFixed(1)}`);
  for (const result of results) {
    write(`consent-${result.cmp}-failed: ${result.failures.length}/${result.decisions}`);
    write(`consent-${result.cmp}-decision-seconds-median: ${median(result.seconds).toFixed(2)}`);
    write(`consent-${result.cmp}-decision-seconds-max: ${Math.max(...result.seconds).toFixed(2)}`);
    for (const failure of result.failures.slice(0, 5)) write(`consent-${result.cmp}-failure: ${failure.choice}: ${failure.problem}`);
  }
  const worst = Math.max(...results.map((r) => r.failures.length));
  write(`target-consent-failed-per-cmp: 0 (${worst === 0 ? 'met' : `missed: up to ${worst}`})`);
}

/** `tagwatch --help` from the installed package against the repository's dev entry (tsx on the sources). */
async function benchCliStart(write: (line: string) => void): Promise<void> {
  const runs = 10;
  const { installed, dev, bare, tarballBytes } = await measureCliStart(runs);
  const installedMedian = median(installed);
  const devMedian = median(dev);
  write(`cli-start-runs: ${runs}`);
  write(`cli-start-package-kilobytes: ${Math.round(tarballBytes / 1024)}`);
  write(`cli-start-installed-help-seconds-median: ${installedMedian.toFixed(3)}`);
  write(`cli-start-dev-help-seconds-median: ${devMedian.toFixed(3)}`);
  // The floor: what starting Node alone takes on this machine now; a busy machine raises every figure.
  write(`cli-start-node-alone-seconds-median: ${median(bare).toFixed(3)}`);
  write(`cli-start-dev-to-installed-ratio: ${(devMedian / installedMedian).toFixed(1)}`);
  write(`cli-start-seconds: ${installedMedian.toFixed(3)} (target < ${CLI_START_TARGET_SECONDS}: ${installedMedian < CLI_START_TARGET_SECONDS ? 'met' : 'missed'}; the installed package's tagwatch --help)`);
}

async function benchDecode(write: (line: string) => void): Promise<void> {
  const { vendors } = await loadVendors();
  const result = measureDecodeThroughput(vendors);
  write(`decode-requests: ${result.requests}`);
  write(`decode-events: ${result.events}`);
  write(`decode-seconds: ${result.seconds.toFixed(3)}`);
  write(`decode-hits-per-second: ${Math.round(result.hitsPerSecond)}`);
  // CPU time counts only this process: on a busy machine it is the steadier figure.
  write(`decode-hits-per-cpu-second: ${Math.round(result.hitsPerCpuSecond)}`);
  write(`target-decode-hits-per-second: 200000 (${result.hitsPerSecond >= 200_000 ? 'met' : 'missed'})`);
  // Hostile input: one GA4 request of 100k and 1M event lines (linear: the ratio of lines per second stays near 1).
  for (const line of batchLineFigures(vendors)) write(line);
}

/** Two sizes in one run: the ratio says whether reconciling grows linearly (10x the data, ~10x the time). */
function benchReconcile(write: (line: string) => void): void {
  timeReconcile(2_000);
  const small = timeReconcile(10_000);
  const large = timeReconcile(100_000);
  write(`reconcile-seconds-10k-orders-100k-events: ${small.seconds.toFixed(3)}`);
  write(`reconcile-seconds-100k-orders-1m-events: ${large.seconds.toFixed(3)}`);
  write(`reconcile-growth-ratio-10x-data: ${(large.seconds / small.seconds).toFixed(2)}`);
  write(`target-reconcile-seconds-100k-orders: 3 (${large.seconds < 3 ? 'met' : 'missed'})`);
}

/** The same journey in plain Playwright and in tagwatch, phase by phase: `journey-floor-ratio`. */
async function benchJourneyFloor(options: BenchOptions): Promise<void> {
  const { compareWithFloor, phaseMedians } = await import('./journey-speed.ts');
  const journeys = options.journeys ?? 10;
  const comparison = await compareWithFloor(journeys);
  const write = options.write;
  write(`journey-floor-journeys-per-side: ${comparison.floor.length} plain, ${comparison.tagwatch.length} tagwatch`);
  write(`journey-start-up-seconds: tagwatch ${(comparison.tagwatchStartUpMs / 1000).toFixed(2)} (audit start to first journey: site, runner, worker, browser), plain ${(comparison.floorBrowserStartMs / 1000).toFixed(2)} (browser launch)`);
  for (const row of phaseMedians(comparison)) write(`journey-phase-${row.phase}-ms: tagwatch ${Math.round(row.tagwatchMs)}, plain ${Math.round(row.floorMs)}`);
  const tagwatchMs = median(comparison.tagwatchJourneyMs);
  const floorMs = median(comparison.floor.map((j) => j.total));
  const ratio = tagwatchMs / floorMs;
  write(`journey-seconds-median: tagwatch ${(tagwatchMs / 1000).toFixed(2)}, plain ${(floorMs / 1000).toFixed(2)}`);
  write(`journey-floor-ratio: ${ratio.toFixed(2)} (target <= ${TARGETS.journeyFloorRatio}: ${ratio <= TARGETS.journeyFloorRatio ? 'met' : 'missed'})`);
}

/** The default demo audit (the monitor's 4 conditions), browser start included: `audit-wall-seconds`. */
async function benchAudit(write: (line: string) => void): Promise<void> {
  const { timeAudit } = await import('./journey-speed.ts');
  const timing = await timeAudit();
  write(`audit-journeys: ${timing.journeys} (status ${timing.status})`);
  write(`audit-wall-seconds: ${timing.wallSeconds.toFixed(1)} (target <= ${TARGETS.auditWallSeconds}: ${timing.wallSeconds <= TARGETS.auditWallSeconds ? 'met' : 'missed'})`);
  // The demo monitor runs carts of 1 and 3 products (8 journeys); the target was set when it ran
  // one cart (4 journeys, one per condition), measured here too.
  const oneCart = await timeAudit({ variants: {} });
  write(`audit-one-cart-journeys: ${oneCart.journeys} (status ${oneCart.status})`);
  write(`audit-one-cart-wall-seconds: ${oneCart.wallSeconds.toFixed(1)} (target <= ${TARGETS.auditWallSeconds}: ${oneCart.wallSeconds <= TARGETS.auditWallSeconds ? 'met' : 'missed'})`);
}

/**
 * A 60-journey audit of the floor's journey (the demo purchase, baseline, one product; the
 * monitor's 2 workers): `journeys-per-minute`, sustained. Beside it the same journeys in plain
 * Playwright, as many browsers at once as the audit has workers, and what each side cost the
 * machine in CPU: on a machine whose cores are the limit, that cost sets the ceiling of both.
 */
async function benchThroughput(options: BenchOptions): Promise<void> {
  const { timeAudit } = await import('./journey-speed.ts');
  const { machineCpu } = await import('./machine-cpu.ts');
  const { runFloorJourneys } = await import('./journey-floor.ts');
  const { startDemoShop } = await import('../demo-shop/server.ts');
  const total = options.throughputJourneys ?? 60;
  const workers = 2;
  const auditCpu = machineCpu();
  const timing = await timeAudit({ repeat: total, conditions: ['baseline'], variants: {}, workers });
  const auditBusy = auditCpu.stop();
  const perMinute = (timing.journeys / timing.journeysSeconds) * 60;
  const shop = await startDemoShop();
  let plainPerMinute: number;
  let plainBusy: ReturnType<ReturnType<typeof machineCpu>['stop']>;
  try {
    const plainCpu = machineCpu();
    const started = performance.now();
    const runs = await Promise.all(Array.from({ length: workers }, (_, i) => runFloorJourneys(shop.url, Math.floor(total / workers) + (i < total % workers ? 1 : 0))));
    const seconds = (performance.now() - started) / 1000 - Math.max(...runs.map((r) => r.browserStartMs)) / 1000;
    plainBusy = plainCpu.stop();
    plainPerMinute = (total / seconds) * 60;
  } finally {
    await shop.close();
  }
  const write = options.write;
  write(`throughput-journeys: ${timing.journeys} (baseline purchase, ${workers} workers) in ${timing.journeysSeconds.toFixed(1)} s of journeys, ${timing.wallSeconds.toFixed(1)} s of audit (status ${timing.status})`);
  write(`journeys-per-minute-whole-audit: ${((timing.journeys / timing.wallSeconds) * 60).toFixed(1)}`);
  write(`journeys-per-minute-plain-playwright: ${plainPerMinute.toFixed(1)} (${workers} browsers at once, browser start left out)`);
  write(`journeys-per-minute-floor-ratio: ${(plainPerMinute / perMinute).toFixed(2)} (plain / tagwatch)`);
  if (auditBusy && plainBusy) {
    const tagwatchCpu = auditBusy.busySeconds / timing.journeys;
    const plainJourneyCpu = plainBusy.busySeconds / total;
    write(`cpu-seconds-per-journey: tagwatch ${tagwatchCpu.toFixed(2)} (whole audit), plain ${plainJourneyCpu.toFixed(2)} (machine busy time / journeys, ${auditBusy.cores} cores)`);
    write(`journeys-per-minute-cpu-ceiling: tagwatch ${((auditBusy.cores * 60) / tagwatchCpu).toFixed(1)}, plain ${((auditBusy.cores * 60) / plainJourneyCpu).toFixed(1)} (cores x 60 / CPU seconds per journey)`);
  }
  write(`journeys-per-minute: ${perMinute.toFixed(1)} (target >= ${TARGETS.journeysPerMinute}: ${perMinute >= TARGETS.journeysPerMinute ? 'met' : 'missed'})`);
}

/** A 200-journey audit: node's memory in its first and last quarter (flat: the last no bigger than the first, within 20%). */
async function benchMemory(options: BenchOptions): Promise<void> {
  const { rssQuarters, timeAudit } = await import('./journey-speed.ts');
  const total = options.memoryJourneys ?? 200;
  const timing = await timeAudit({ repeat: Math.max(1, Math.round(total / 4)), variants: {} });
  const { firstMb, lastMb } = rssQuarters(timing);
  const ratio = lastMb / firstMb;
  const browserMax = Math.max(...timing.rss.map((s) => s.browserBytes)) / 1024 / 1024;
  options.write(`memory-journeys: ${timing.journeys} in ${timing.wallSeconds.toFixed(1)} s (status ${timing.status})`);
  options.write(`rss-node-first-quarter-mb: ${firstMb.toFixed(0)}`);
  options.write(`rss-node-last-quarter-mb: ${lastMb.toFixed(0)}`);
  options.write(`rss-browser-max-mb: ${browserMax.toFixed(0)}`);
  options.write(`rss-last-to-first-quarter-ratio: ${ratio.toFixed(2)} (target <= ${TARGETS.rssGrowthRatio}: ${ratio <= TARGETS.rssGrowthRatio ? 'met' : 'missed'})`);
}
