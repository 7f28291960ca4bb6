import type { AuditRuns } from './audit-runs.ts';
import { formatDuration } from './duration.ts';

export interface GracefulStopOptions {
  /** How long runs in flight may take to finish once a stop is asked for. */
  stopTimeoutMs: number;
  log: (text: string) => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * SIGTERM / SIGINT, escalating: the first stops new runs and lets the ones in flight finish
 * within `stopTimeoutMs`, then cancels them (SIGTERM, then SIGKILL); the second cancels them
 * at once; any later one SIGKILLs them. Runs write their results atomically, so a cancelled run
 * leaves no half-written file, only no verdict.
 */
export class GracefulStop {
  /** Resolves on the first signal. */
  readonly requested: Promise<NodeJS.Signals>;
  #resolveRequested!: (signal: NodeJS.Signals) => void;
  #signals = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #handler = (signal: NodeJS.Signals) => this.#onSignal(signal);

  constructor(
    private readonly runs: AuditRuns,
    private readonly options: GracefulStopOptions,
  ) {
    this.requested = new Promise((resolve) => (this.#resolveRequested = resolve));
    for (const signal of SIGNALS) process.on(signal, this.#handler);
  }

  /** Waits for the runs in flight to end (cancelled past the bound), then removes the signal handlers. */
  async finish(): Promise<void> {
    await this.runs.idle();
    clearTimeout(this.#timer);
    for (const signal of SIGNALS) process.off(signal, this.#handler);
  }

  #onSignal(signal: NodeJS.Signals): void {
    this.#signals++;
    if (this.#signals === 1) return this.#begin(signal);
    if (this.#signals === 2) {
      clearTimeout(this.#timer);
      if (this.runs.inFlight.length) this.options.log(`${signal} again: cancelling ${this.runs.inFlight.join(', ')} now`);
      this.runs.cancelAll();
      return;
    }
    if (this.runs.inFlight.length) this.options.log(`${signal} again: killing ${this.runs.inFlight.join(', ')}`);
    this.runs.killAll();
  }

  #begin(signal: NodeJS.Signals): void {
    this.runs.stopStarting();
    const going = this.runs.inFlight;
    if (going.length) {
      const bound = formatDuration(this.options.stopTimeoutMs);
      this.options.log(`stopping (${signal}): waiting up to ${bound} (--stop-timeout) for ${going.join(', ')}; signal again to cancel now`);
      this.#timer = setTimeout(() => {
        this.options.log(`stop timeout of ${bound} reached: cancelling ${this.runs.inFlight.join(', ')}`);
        this.runs.cancelAll();
      }, this.options.stopTimeoutMs);
    } else {
      this.options.log(`stopping (${signal})`);
    }
    this.#resolveRequested(signal);
  }
}
