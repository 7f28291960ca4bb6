import type { BrowserContext, Frame, Page } from 'playwright';

/**
 * How long answering a banner may take, from the journey's own time limit rather than from what an
 * idle machine needs: on 2 cores shared by four audits a button can take seconds to become
 * clickable, and a banner seconds to appear after the load event. The budgets are generous
 * because they are only spent when something is slow: a banner that goes at once ends the wait.
 */

/** The monitor's default journey time limit (browser.journeyTimeoutSeconds), when none is known. */
export const DEFAULT_JOURNEY_TIME_LIMIT_MS = 60_000;

const limits = new WeakMap<BrowserContext, number>();

/** Records the journey's time limit for its context (the consent collector does, for every context a journey opens). */
export function setJourneyTimeLimit(context: BrowserContext, ms: number): void {
  if (Number.isFinite(ms) && ms > 0) limits.set(context, ms);
}

/** The time limit of the journey this page belongs to: recorded for its context, or the default. */
export function journeyTimeLimitOf(page: Page): number {
  return limits.get(page.context()) ?? DEFAULT_JOURNEY_TIME_LIMIT_MS;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export interface ConsentBudget {
  /** Longest look for a banner before calling it `no-banner`, however busy the page still is. */
  lookLimitMs: number;
  /** How long autoconsent, while still looking, may keep a button it has not claimed from being clicked by name. */
  autoconsentGraceMs: number;
  /** From the moment a button is found: clicks, their checks and autoconsent's answer must fit in it. */
  answerMs: number;
  /** The longest one click may wait for its button to be visible, enabled and still (Playwright's checks). */
  clickTimeoutMs: number;
  /** Autoconsent's own answer (its rules wait for their elements). */
  autoconsentActionMs: number;
}

/**
 * The budgets of one banner decision in a journey limited to `journeyLimitMs`: a quarter of it to
 * answer (15 s of the default 60 s), a fifth to look (12 s, spent only while the page is still
 * loading or autoconsent still expects a popup: a quiet page without banner ends at the caller's
 * `lookMs`). Consent is one step of a journey: the rest (checkout, confirmation) needs the remainder.
 */
export function consentBudget(journeyLimitMs: number, lookMs: number): ConsentBudget {
  const answerMs = clamp(journeyLimitMs * 0.25, 6_000, 45_000);
  return {
    lookLimitMs: Math.max(lookMs, clamp(journeyLimitMs * 0.2, 5_000, 30_000)),
    autoconsentGraceMs: clamp(journeyLimitMs * 0.1, 3_000, 10_000),
    answerMs,
    clickTimeoutMs: clamp(answerMs / 3, 4_000, 10_000),
    autoconsentActionMs: clamp(answerMs / 2, 5_000, 20_000),
  };
}

/**
 * How long a banner gets to react to a click before we decide the click did not take: five times
 * what one look at the frame costs now (a busy renderer answers slowly, and reacts to clicks as
 * slowly), at least 0.5 s, at most 3 s. Checked by polling, so a banner that goes at once costs
 * one poll, not the whole window.
 */
export async function reactionWindowMs(frame: Frame): Promise<number> {
  const started = performance.now();
  await frame.evaluate('document.readyState').catch(() => undefined);
  const roundTrip = performance.now() - started;
  return clamp(roundTrip * 5, 500, 3_000);
}

/**
 * How busy the machine is now, measured rather than assumed: how long one trivial round trip to
 * the page takes (our process, Playwright's driver and the renderer all have to be scheduled for
 * it), and how late this process's own timers fire.
 */
export interface MachineLoad {
  roundTripMs: number;
  /** How much later than asked a short timer of ours fired. */
  timerLagMs: number;
}

export async function measureLoad(frame: Frame): Promise<MachineLoad> {
  const asked = 10;
  const timerStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, asked));
  const timerLagMs = Math.max(0, performance.now() - timerStarted - asked);
  const started = performance.now();
  await frame.evaluate('0').catch(() => undefined);
  return { roundTripMs: performance.now() - started, timerLagMs };
}

/**
 * A wait of `baseMs` as the machine now allows it: grown by fifty round trips and fifty timer lags
 * (an idle machine answers a round trip in a millisecond or two, so nothing changes there; a renderer
 * that needs 200 ms per round trip gets 10 s more), at most `maxFactor` times the base.
 */
export function stretchedMs(baseMs: number, load: MachineLoad, maxFactor = 3): number {
  return Math.round(Math.min(baseMs * maxFactor, baseMs + 50 * (load.roundTripMs + load.timerLagMs)));
}

/**
 * A deadline that moves out by the time the machine took from us: each `pause` measures how much
 * longer than asked it lasted and pushes the end out by that, up to `maxEnd`. On an idle machine it
 * is a plain deadline; on a loaded one a budget counts the time the page was given, not the clock.
 */
export class StretchingDeadline {
  private end: number;
  constructor(
    end: number,
    private readonly maxEnd: number,
  ) {
    this.end = Math.min(end, maxEnd);
  }

  /** Milliseconds left (negative once over). */
  left(): number {
    return this.end - Date.now();
  }

  passed(): boolean {
    return Date.now() >= this.end;
  }

  /** Adds `lostMs` the machine took from us (a wait that overran, a round trip that crawled). */
  stretch(lostMs: number): void {
    if (lostMs > 0) this.end = Math.min(this.maxEnd, this.end + lostMs);
  }

  /** Waits `ms` and stretches the deadline by how much longer that took. */
  async pause(ms: number): Promise<void> {
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.stretch(Date.now() - started - ms);
  }
}
