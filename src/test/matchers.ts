import { setTimeout as sleep } from 'node:timers/promises';
import { expect as baseExpect, type ExpectMatcherState, type MatcherReturnType } from 'playwright/test';
import type { VendorEvent } from '../model/vendor-event.ts';
import { describeEvents, describeVendorCounts } from './describe-events.ts';
import { eventMatches, expectedEventProblem, type ExpectedEvent } from './event-match.ts';
import { Tracking } from './tracking.ts';

/** Per-call options of the tracking matchers. */
export interface FiredOptions {
  /** How long to wait for the hit (toHaveFired) or for the tags to settle (absence). Default: the expect timeout. */
  timeout?: number;
}

/** An absence is checked once the tags are quiet, never later than this (the tap's settle cap). */
const MAX_SETTLE_MS = 3000;
const POLL_MS = 100;

function trackingOf(received: unknown, matcher: string): Tracking {
  if (received instanceof Tracking) return received;
  throw new Error(`tagwatch/test: ${matcher} checks the \`tracking\` fixture: write expect(tracking).${matcher}(...), got ${typeof received}`);
}

/** Arguments a typo would turn into a silent pass are errors, said at the call. */
function checkArguments(tracking: Tracking, matcher: string, vendor: string, expected: unknown): void {
  try {
    tracking.assertKnownVendor(vendor);
  } catch (error) {
    throw new Error(`${(error as Error).message} (in ${matcher})`);
  }
  const problem = expectedEventProblem(expected);
  if (problem) throw new Error(`tagwatch/test: ${matcher}('${vendor}', ...): ${problem}`);
}

const matching = (tracking: Tracking, vendor: string, expected: ExpectedEvent) => tracking.events(vendor).filter((event) => eventMatches(event, expected));

/** Polls until an event matches or the time is up: tag hits arrive after the click that caused them. */
async function waitForMatch(tracking: Tracking, vendor: string, expected: ExpectedEvent, timeout: number): Promise<VendorEvent[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = matching(tracking, vendor, expected);
    if (found.length || Date.now() >= deadline) return found;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

/** An absence only means something once the page's beacons and batch timers have landed. */
async function settledMatches(tracking: Tracking, vendor: string, expected: ExpectedEvent, timeout: number): Promise<VendorEvent[]> {
  await tracking.settle({ maxMs: Math.min(MAX_SETTLE_MS, timeout) });
  return matching(tracking, vendor, expected);
}

/** The "what did fire" part of a message about a vendor: its events, or which vendors fired instead. */
function firedList(tracking: Tracking, vendor: string, expected: ExpectedEvent): string {
  const events = tracking.events(vendor);
  if (events.length) return `${events.length} ${vendor} event${events.length === 1 ? '' : 's'} fired, none matching:\n${describeEvents(events, expected)}`;
  const others = describeVendorCounts(tracking.events());
  return others ? `no ${vendor} event fired; other vendors did: ${others}` : 'no tag hit at all (tracking captures from the moment a test requests it, in Chromium)';
}

function expectationText(vendor: string, expected: ExpectedEvent, utils: ExpectMatcherState['utils']): string {
  return Object.keys(expected).length ? `${vendor} event matching ${utils.printExpected(expected)}` : `${vendor} event`;
}

interface Verdict {
  pass: boolean;
  /** Events that matched. */
  found: VendorEvent[];
}

function result(state: ExpectMatcherState, name: string, args: [string, ExpectedEvent], verdict: Verdict, present: boolean, waited: string, tracking: Tracking): MatcherReturnType {
  const [vendor, expected] = args;
  const hint = state.utils.matcherHint(name, 'tracking', 'vendor, expected', { isNot: state.isNot });
  const what = expectationText(vendor, expected, state.utils);
  const message = () =>
    present
      ? `${hint}\n\nExpected: a ${what}\nReceived: ${firedList(tracking, vendor, expected)}\n(${waited})`
      : `${hint}\n\nExpected: no ${what}\nReceived: ${verdict.found.length} matching:\n${describeEvents(verdict.found, expected)}\n(${waited})`;
  return { pass: verdict.pass, message, name, expected, actual: verdict.found };
}

/**
 * Partial match on canonical fields. Asserting presence waits up to the timeout for the hit;
 * asserting absence (`.not`) waits for the tags to settle, then checks once.
 */
async function toHaveFired(this: ExpectMatcherState, received: Tracking, vendor: string, expected: ExpectedEvent = {}, options: FiredOptions = {}): Promise<MatcherReturnType> {
  const tracking = trackingOf(received, 'toHaveFired');
  checkArguments(tracking, 'toHaveFired', vendor, expected);
  const timeout = options.timeout ?? this.timeout;
  const wantsPresence = !this.isNot;
  const found = wantsPresence ? await waitForMatch(tracking, vendor, expected, timeout) : await settledMatches(tracking, vendor, expected, timeout);
  const waited = wantsPresence ? `waited ${timeout} ms` : 'checked once the tags settled';
  return result(this, 'toHaveFired', [vendor, expected], { pass: found.length > 0, found }, wantsPresence, waited, tracking);
}

/**
 * No event of the vendor (or none matching `expected`) once the tags have settled.
 * `.not.toNotHaveFired` waits for one, like toHaveFired.
 */
async function toNotHaveFired(this: ExpectMatcherState, received: Tracking, vendor: string, expected: ExpectedEvent = {}, options: FiredOptions = {}): Promise<MatcherReturnType> {
  const tracking = trackingOf(received, 'toNotHaveFired');
  checkArguments(tracking, 'toNotHaveFired', vendor, expected);
  const timeout = options.timeout ?? this.timeout;
  const wantsPresence = this.isNot;
  const found = wantsPresence ? await waitForMatch(tracking, vendor, expected, timeout) : await settledMatches(tracking, vendor, expected, timeout);
  const waited = wantsPresence ? `waited ${timeout} ms` : 'checked once the tags settled';
  return result(this, 'toNotHaveFired', [vendor, expected], { pass: found.length === 0, found }, wantsPresence, waited, tracking);
}

/** Playwright's `expect` with `toHaveFired` and `toNotHaveFired` for the `tracking` fixture. */
export const expect = baseExpect.extend({ toHaveFired, toNotHaveFired });
