import type { JourneyPhase } from '../model/run-event.ts';

/**
 * Adds up where a journey's time goes, phase by phase (see JourneyTiming). Phases may nest: the
 * time of a phase timed inside `steps` (the consent banner, the confirmation dwell) counts for
 * that phase only, so the phases add up to the journey's wall time.
 */
export class JourneyClock {
  readonly #totals: Record<JourneyPhase, number> = { context: 0, capture: 0, consent: 0, steps: 0, settle: 0, teardown: 0 };
  #open: { phase: JourneyPhase; since: number } | undefined;

  /** Starts `phase`, ending the one running (its time so far is kept). */
  start(phase: JourneyPhase): void {
    this.stop();
    this.#open = { phase, since: performance.now() };
  }

  /** Ends the phase running, if any. */
  stop(): void {
    const open = this.#open;
    if (!open) return;
    this.#totals[open.phase] += performance.now() - open.since;
    this.#open = undefined;
  }

  /** Runs `work` as `phase`, then goes back to the phase that was running. */
  async time<T>(phase: JourneyPhase, work: () => Promise<T>): Promise<T> {
    const outer = this.#open?.phase;
    this.start(phase);
    try {
      return await work();
    } finally {
      if (outer) this.start(outer);
      else this.stop();
    }
  }

  /** Milliseconds per phase, whole numbers. */
  phases(): Record<JourneyPhase, number> {
    this.stop();
    return Object.fromEntries(Object.entries(this.#totals).map(([phase, ms]) => [phase, Math.round(ms)])) as Record<JourneyPhase, number>;
  }
}
