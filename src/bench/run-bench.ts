import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVendors } from '../catalog/index.ts';
import { CLI_START_TARGET_SECONDS, measureCliStart } from './cli-start.ts';
import { measureDecodeThroughput } from './decode-throughput.ts';
import { timeReconcile } from './reconcile-scaling.ts';
import type { RunEvent } from '../model/run-event.ts';

export type BenchPart = 'decode' | 'reconcile' | 'audit' | 'cli-start' | 'consent';

export interface BenchOptions {
  /**
   * Which measurements to run. Default all but consent; the audit part takes minutes, cli-start
   * about one (it packs and installs), consent several (4 browsers, 500 banner decisions, run
   * only when asked), the others seconds.
   */
  parts?: BenchPart[];
  /** Capture-on / capture-off pairs, alternated so drift hits both alike. Default 3. */
  rounds: number;
  repeat: number;
  write: (line: string) => void;
}

/** Journey durations of a run, from its run log (journey-start -> journey-end). */
function journeySeconds(runDir: string): number[] {
  const events = readFileSync(join(runDir, 'run-log.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RunEvent);
  const starts = new Map<string, number>();
  const durations: number[] = [];
  for (const event of events) {
    if (event.type === 'journey-start') starts.set(event.journeyId, Date.parse(event.time));
    if (event.type === 'journey-end' && starts.has(event.journeyId)) durations.push((Date.parse(event.time) - starts.get(event.journeyId)!) / 1000);
  }
  return durations;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
/** The median resists the one journey a busy 2-core machine slowed down. */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const silent = () => undefined;

/** Figures measured in one run, printed as `name: value` lines; targets are compared, not asserted. */
export async function runBench(options: BenchOptions): Promise<void> {
  const parts = options.parts ?? ['decode', 'reconcile', 'audit', 'cli-start'];
  if (parts.includes('decode')) await benchDecode(options.write);
  if (parts.includes('reconcile')) benchReconcile(options.write);
  if (parts.includes('audit')) await benchAudit(options);
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
  write(`target-cli-start-installed-help-seconds: ${CLI_START_TARGET_SECONDS} (${installedMedian < CLI_START_TARGET_SECONDS ? 'PASS' : 'FAIL'}: median ${installedMedian.toFixed(3)} s)`);
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

async function benchAudit(options: BenchOptions): Promise<void> {
  // Loaded here: the other parts need no browser.
  const { runAudit } = await import('../audit/run-audit.ts');
  const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-bench-'));
  try {
    const wallStart = performance.now();
    const first = await runAudit({ outDir, write: silent });
    const auditWall = (performance.now() - wallStart) / 1000;
    options.write(`audit-wall-seconds: ${auditWall.toFixed(1)}`);
    options.write(`audit-status: ${first.verdict.status}`);

    const withCapture: number[] = [];
    const withoutCapture: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate the order too, so warm-up never favours one side.
      const order = round % 2 === 0 ? [true, false] : [false, true];
      for (const capture of order) {
        // One browser at a time: two journeys sharing 2 cores make the noise larger than the overhead.
        // Baseline only: the overhead of capturing, not the cost of what other conditions simulate.
        const { runDir } = await runAudit({ outDir, write: silent, capture, repeat: options.repeat, workers: 1, conditions: ['baseline'] });
        (capture ? withCapture : withoutCapture).push(...journeySeconds(runDir));
      }
    }
    const ratio = median(withCapture) / median(withoutCapture);
    options.write(`journey-seconds-capture-median: ${median(withCapture).toFixed(2)}`);
    options.write(`journey-seconds-no-capture-median: ${median(withoutCapture).toFixed(2)}`);
    options.write(`journey-seconds-capture-mean: ${mean(withCapture).toFixed(2)}`);
    options.write(`journey-seconds-no-capture-mean: ${mean(withoutCapture).toFixed(2)}`);
    options.write(`journeys-per-side: ${withCapture.length}`);
    options.write(`capture-overhead-ratio: ${ratio.toFixed(3)}`);
    options.write(`capture-overhead-ratio-of-means: ${(mean(withCapture) / mean(withoutCapture)).toFixed(3)}`);
    options.write(`target-capture-overhead-ratio: 1.03 (${ratio <= 1.03 ? 'met' : 'missed'})`);
    options.write(`target-audit-wall-seconds: 45 (${auditWall <= 45 ? 'met' : 'missed'})`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
