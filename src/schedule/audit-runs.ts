import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TagwatchChild, type ChildEnd } from './audit-child.ts';
import { compareEndText, compareStartText, runEndText, runStartText, type RunReport, type RunTrigger } from './daemon-log.ts';
import { formatDuration } from './duration.ts';
import type { ScheduledMonitor } from './load-scheduled-monitors.ts';
import { compareEnd, outcomeFileFor, runEnd, takeRunOutcome } from './run-outcome.ts';
import { RunSlots } from './run-slots.ts';

export interface AuditRunsOptions {
  /** Absolute report folder, given to every audit (and comparison) as --out. */
  outDir: string;
  maxParallel: number;
  /** A run still going after this long is stopped and logged as timed out; so is the comparison after it, on a clock of its own. */
  runTimeoutMs: number;
  /** Between SIGTERM and SIGKILL when a run is stopped. Default 5 s. */
  killGraceMs?: number;
  /** Receives one daemon log line (without its time). */
  log: (text: string) => void;
  /** The audits' environment. Default: the daemon's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Where each run's output goes until its run folder is known, and the outcome file the daemon
 * gives it (`<stamp>-<monitor>.outcome.json`, read then removed); the output of the comparison
 * after it too (`<stamp>-<monitor>.compare.log`). Dot folder: not a run folder.
 */
export const PENDING_LOGS_DIR = '.schedule-logs';
/** The run's output, once moved next to its report. */
export const RUN_LOG_NAME = 'audit.log';
/** The output of the comparison after the run (`compare.afterScheduledAudit`), beside the run's own. */
export const COMPARE_LOG_NAME = 'compare.log';

interface Run {
  monitor: string;
  /** Set once it has a slot and its process: the audit's, then the comparison's after it. */
  child?: TagwatchChild;
  startedAt?: number;
  /** Why the daemon ended its process in flight (the audit, then the comparison), when it did. */
  endedBy?: 'timed-out' | 'cancelled';
}

/**
 * The audits the daemon starts: one at a time per monitor (a tick that comes while the
 * monitor's previous run is still going or waiting is skipped, and logged), at most
 * `maxParallel` at once, each in its own process, each bounded by `runTimeoutMs`. A monitor with
 * `compare.afterScheduledAudit` has `tagwatch compare` run right after its audit, whatever the
 * verdict, in the same slot and the same way (a process of its own, bounded, stopped with the
 * run); not once the daemon is stopping, nor after an audit it stopped.
 */
export class AuditRuns {
  readonly #options: Required<Omit<AuditRunsOptions, 'env'>> & Pick<AuditRunsOptions, 'env'>;
  readonly #slots: RunSlots;
  readonly #runs = new Map<string, Run>();
  readonly #idleWaiters: Array<() => void> = [];
  #stopping = false;

  constructor(options: AuditRunsOptions) {
    this.#options = { killGraceMs: 5_000, ...options };
    this.#slots = new RunSlots(options.maxParallel);
  }

  /**
   * Runs the monitor's audit once and reports how it went; undefined when it did not start
   * (previous run still going, or stopping).
   */
  async run(monitor: ScheduledMonitor, trigger: RunTrigger): Promise<RunReport | undefined> {
    const { log } = this.#options;
    if (this.#stopping) return undefined;
    const going = this.#runs.get(monitor.name);
    if (going) {
      const since = going.startedAt === undefined ? 'waiting for a free slot (--max-parallel)' : `started ${formatDuration(Date.now() - going.startedAt)} ago`;
      log(`${monitor.name} skipped: previous run still going (${since})`);
      return undefined;
    }
    const run: Run = { monitor: monitor.name };
    this.#runs.set(monitor.name, run);
    try {
      if (!(await this.#slots.acquire())) {
        log(`${monitor.name} skipped: stopping before it got a free slot`);
        return undefined;
      }
      try {
        return await this.#execute(monitor, trigger, run);
      } finally {
        this.#slots.release();
      }
    } finally {
      this.#runs.delete(monitor.name);
      if (this.#runs.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  /** Monitors whose audit process is running now. */
  get inFlight(): string[] {
    return [...this.#runs.values()].filter((run) => run.child).map((run) => run.monitor);
  }

  /** Resolves when no run is going or waiting. */
  idle(): Promise<void> {
    if (this.#runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Nothing new starts from now on; runs waiting for a slot are dropped. Runs in flight go on. */
  stopStarting(): void {
    this.#stopping = true;
    this.#slots.dropWaiting();
  }

  /** Stops every run in flight: SIGTERM to its process group, SIGKILL after the grace. */
  cancelAll(): void {
    this.stopStarting();
    for (const run of this.#runs.values()) {
      if (!run.child) continue;
      run.endedBy ??= 'cancelled';
      void run.child.terminate(this.#options.killGraceMs);
    }
  }

  /** SIGKILL to every run in flight, now. */
  killAll(): void {
    this.stopStarting();
    for (const run of this.#runs.values()) {
      if (!run.child) continue;
      run.endedBy ??= 'cancelled';
      run.child.kill();
    }
  }

  async #execute(monitor: ScheduledMonitor, trigger: RunTrigger, run: Run): Promise<RunReport> {
    const { outDir, log, env } = this.#options;
    const started = new Date();
    const pendingDir = join(outDir, PENDING_LOGS_DIR);
    // 20260501-030000-123-demo-shop.log: sorts by start, like run folders.
    const stamp = started.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
    const pendingLog = join(pendingDir, `${stamp}-${monitor.name}.log`);
    const outcomeFile = outcomeFileFor(pendingLog);
    let child: TagwatchChild;
    try {
      mkdirSync(pendingDir, { recursive: true });
      // Only what this run writes counts.
      rmSync(outcomeFile, { force: true });
      child = new TagwatchChild({ args: ['audit', monitor.file, '--out', outDir], logFile: pendingLog, outcomeFile, env });
    } catch (error) {
      // An unwritable report folder fails this run, not the daemon: the next tick tries again.
      const report: RunReport = { monitor: monitor.name, trigger, status: 'not-started', exit: `not started: ${(error as Error).message}`, exitCode: 2, durationMs: Date.now() - started.getTime(), logFile: pendingLog };
      log(runEndText(report));
      return report;
    }
    run.child = child;
    run.startedAt = started.getTime();
    log(runStartText(monitor.name, trigger, child.pid, pendingLog));
    const end = await this.#ended(child, run, `${monitor.name}`);
    // The run's id, folder and verdict from the outcome its audit wrote; the exit code from its process.
    const outcome = takeRunOutcome(outcomeFile);
    const report: RunReport = {
      monitor: monitor.name,
      trigger,
      ...runEnd(outcome, end, run.endedBy),
      durationMs: Date.now() - started.getTime(),
      logFile: outcome ? moveNextToReport(pendingLog, outcome.runDir, RUN_LOG_NAME) : pendingLog,
    };
    log(runEndText(report));
    if (monitor.compareAfterAudit) await this.#compare(monitor, run, join(pendingDir, `${stamp}-${monitor.name}.compare.log`), outcome?.runDir);
    return report;
  }

  /** How the child ended; stopped (SIGTERM, then SIGKILL after the grace) once it runs past --run-timeout. */
  async #ended(child: TagwatchChild, run: Run, what: string): Promise<ChildEnd> {
    const { log, runTimeoutMs, killGraceMs } = this.#options;
    const timer = setTimeout(() => {
      run.endedBy = 'timed-out';
      log(`${what} timed out after ${formatDuration(runTimeoutMs)} (--run-timeout): stopping it`);
      void child.terminate(killGraceMs);
    }, runTimeoutMs);
    try {
      return await child.ended;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * `tagwatch compare <monitor> --out <dir>` after the monitor's audit (its default period: the
   * monitor's compare.days up to yesterday), whatever the audit's verdict: a failed audit is when
   * the comparison matters most. Not after an audit the daemon stopped, nor once it is stopping.
   * Its output goes next to the audit's (the run folder's compare.log, or the pending folder when
   * the audit left no run folder); the daemon logs how it ended, from its exit code alone.
   */
  async #compare(monitor: ScheduledMonitor, run: Run, pendingLog: string, runDir: string | undefined): Promise<void> {
    const { outDir, log, env } = this.#options;
    if (run.endedBy) return log(`${monitor.name} compare skipped: the audit was ${run.endedBy}`);
    if (this.#stopping) return log(`${monitor.name} compare skipped: stopping`);
    const started = Date.now();
    let child: TagwatchChild;
    try {
      child = new TagwatchChild({ args: ['compare', monitor.file, '--out', outDir], logFile: pendingLog, env });
    } catch (error) {
      const end = compareEnd({ exitCode: null, signal: null, startError: (error as Error).message });
      return log(compareEndText({ monitor: monitor.name, ...end, durationMs: Date.now() - started, logFile: pendingLog }));
    }
    run.child = child;
    log(compareStartText(monitor.name, child.pid, pendingLog));
    const end = await this.#ended(child, run, `${monitor.name} compare`);
    const logFile = runDir ? moveNextToReport(pendingLog, runDir, COMPARE_LOG_NAME) : pendingLog;
    log(compareEndText({ monitor: monitor.name, ...compareEnd(end, run.endedBy), durationMs: Date.now() - started, logFile }));
  }
}

/** Into the run folder of a run with an outcome (one that died before writing it keeps its log here). */
function moveNextToReport(pendingLog: string, runDir: string, name: string): string {
  const target = join(runDir, name);
  try {
    renameSync(pendingLog, target);
    return target;
  } catch {
    return pendingLog;
  }
}
