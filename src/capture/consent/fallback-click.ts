import type { Frame } from 'playwright';
import { CONSENT_MARK, consentStorageSnapshot, decisionContradicts, decisionMatches, frameLabel, probeFrame, storedDecision, type StoredDecision } from './page-probe.ts';
import { measureLoad, reactionWindowMs, stretchedMs, StretchingDeadline } from './time-budget.ts';

export interface ClickOutcome {
  /** The choice took: the CMP stored it, or the banner went after a click the page received. */
  answered: boolean;
  detail: string;
  /** The button's name when last seen. */
  button: string;
  /** Clicks Playwright performed (those it reported as failed are not counted). */
  clicks: number;
}

export interface ClickBudget {
  /** Everything (clicks, their checks) should be over by then (a Date.now() time); moved out by the time a loaded machine takes from us. */
  until: number;
  /** The longest one click waits for its button to be visible, enabled and still, on an idle machine (grown with the measured load). */
  clickTimeoutMs: number;
}

/**
 * Clicks beyond this are not retried: a CMP that ignored this many clicks on a button that was
 * visible, enabled and still will not take the next one either.
 */
const MAX_CLICKS = 8;
const POLL_MS = 150;

/**
 * Run in the frame before each click: counts, per choice, the trusted clicks that reach an element
 * the probe marked (capture phase on the window, so it runs before the CMP's own handlers and
 * whatever they do next: remove the banner, reload, block the main thread). That is how a click
 * Playwright reports as failed (a timeout because the CMP's handler kept the renderer busy) is still
 * known to have reached the button.
 */
const WITNESS_SOURCE = `(() => {
  if (!window.__tagwatchConsentClicks) {
    const seen = (window.__tagwatchConsentClicks = { accept: 0, refuse: 0 });
    window.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      for (const element of event.composedPath()) {
        const choice = element instanceof Element ? element.getAttribute('${CONSENT_MARK}') : null;
        if (choice === 'accept' || choice === 'refuse') { seen[choice]++; return; }
      }
    }, true);
  }
  return window.__tagwatchConsentClicks;
})()`;

/** Clicks on marked `choice` buttons the frame's document saw so far; undefined when it cannot be read. */
async function clicksSeen(frame: Frame, choice: 'accept' | 'refuse'): Promise<number | undefined> {
  try {
    return ((await frame.evaluate(WITNESS_SOURCE)) as Record<string, number>)[choice];
  } catch {
    return undefined;
  }
}

/**
 * Clicks the button the last probe of `frame` marked for `choice`, and checks the banner took it.
 *
 * The outcome is what the page shows and stores, not what Playwright says: after every attempt,
 * completed or thrown, the banner is looked at and the CMP's stored decision read (its cookie or
 * localStorage entry, the TC string, a Google consent update; see storedDecision). The choice
 * stored means answered, whether the banner stays or Playwright threw (a CMP whose handler keeps the
 * renderer busy makes Playwright time out on a click that was delivered and taken). The banner gone
 * means answered when the page received the click (a capture-phase witness counts it), Playwright
 * completed it, or the CMP stored something; gone with none of those is not our answer. A stored
 * "not decided yet" (tarteaucitron's `=wait`, written before it wires its buttons) or nothing at
 * all means the click did not take: the button is clicked again, at most MAX_CLICKS times, until
 * the budget runs out. The opposite decision stored (accept when asked to refuse) is never taken
 * for the answer.
 *
 * Playwright's click waits until the button is visible, enabled, still and the one that receives
 * the click, up to `clickTimeoutMs` grown with the machine's measured load (stretchedMs); the whole
 * budget moves out by the time the machine took from us (StretchingDeadline).
 */
export async function clickAndVerify(frame: Frame, choice: 'accept' | 'refuse', name: string, budget: ClickBudget): Promise<ClickOutcome> {
  const where = frameLabel(frame);
  const before = await consentStorageSnapshot(frame);
  const started = Date.now();
  const deadline = new StretchingDeadline(budget.until, budget.until + Math.max(budget.until - started, budget.clickTimeoutMs));
  let clicks = 0;
  let attempts = 0;
  let lastError: string | undefined;
  let button = name;
  let force = false;
  let lastStored: StoredDecision = { entries: [] };
  while (attempts < MAX_CLICKS) {
    const load = await measureLoad(frame);
    deadline.stretch(load.timerLagMs + load.roundTripMs);
    const clickTimeoutMs = stretchedMs(budget.clickTimeoutMs, load);
    const timeout = Math.round(Math.max(stretchedMs(1000, load), Math.min(clickTimeoutMs, deadline.left())));
    const seenBefore = await clicksSeen(frame, choice);
    let thrown: string | undefined;
    const clickStarted = Date.now();
    try {
      await frame.locator(`[${CONSENT_MARK}="${choice}"]`).first().click({ timeout, force });
      clicks++;
      force = false;
    } catch (error) {
      thrown = playwrightReason(error);
      lastError = thrown;
      // Playwright's checks did not pass (sliding, covered) or the click did not come back (a
      // renderer too busy): the next try clicks where the button is without the checks. Either may
      // have landed: what the page shows and stores tells.
      force = true;
    }
    attempts++;
    // A click that took its whole timeout was time the machine took from the rest of the budget.
    if (thrown) deadline.stretch(Math.min(Date.now() - clickStarted, clickTimeoutMs) / 2);
    const window = await reactionWindowMs(frame);
    const reaction = await awaitReaction(frame, choice, before, window, deadline);
    lastStored = reaction.stored;
    const seenAfter = await clicksSeen(frame, choice);
    const received = seenBefore !== undefined && seenAfter !== undefined && seenAfter > seenBefore;
    const tries = () => (attempts > 1 ? ` (${attempts} clicks: ${attempts - 1} did not take)` : '');
    const thrownNote = thrown ? `; Playwright reported "${thrown}" but the page took the click` : '';
    const clickText = () => `clicked "${button}"${where}${tries()}${thrownNote}`;
    if (decisionContradicts(choice, reaction.stored.choice)) {
      return { answered: false, button, clicks, detail: `the CMP stored ${describeStored(reaction.stored)} after a click on "${button}"${where}, the opposite of the ${choice === 'accept' ? 'acceptance' : 'refusal'} asked for` };
    }
    if (decisionMatches(choice, reaction.stored.choice)) {
      const stayed = reaction.gone ? '' : `; the banner stayed but the CMP stored a choice (${reaction.stored.entries.join(', ')})`;
      return { answered: true, button, clicks, detail: `${clickText()}${stayed}` };
    }
    if (reaction.gone) {
      if (!thrown || received || reaction.navigated || reaction.stored.entries.length > 0) return { answered: true, button, clicks, detail: clickText() };
      // Gone although the page saw no click of ours and the CMP stored nothing: not our answer.
      return { answered: false, button, clicks, detail: `the "${button}" button${where} went away without a click of ours reaching it (Playwright: ${thrown}) and nothing was stored` };
    }
    button = reaction.button ?? button;
    // A consent entry this module cannot read, written on this click, with the banner still up
    // after its reaction window: a CMP keeping a bar up after storing the answer.
    if (reaction.stored.entries.length > 0 && reaction.stored.choice === undefined && (received || !thrown)) {
      return { answered: true, button, clicks, detail: `${clickText()}; the banner stayed but the CMP stored a choice (${reaction.stored.entries.join(', ')})` };
    }
    if (deadline.passed()) break;
  }
  const failed = attempts - clicks;
  const parts: string[] = [];
  if (clicks > 0) parts.push(`stayed after ${clicks} click${clicks > 1 ? 's' : ''} that did not take`);
  if (failed > 0) parts.push(`${failed} click${failed > 1 ? 's' : ''} Playwright could not complete${lastError ? ` (${lastError})` : ''}`);
  if (lastStored.entries.length > 0) parts.push(`the CMP stored ${describeStored(lastStored)}`);
  return { answered: false, button, clicks, detail: `the "${button}" button${where} ${parts.join(', and ') || 'was not clicked'}` };
}

function describeStored(stored: StoredDecision): string {
  const what = stored.choice === 'accept' ? 'an acceptance' : stored.choice === 'refuse' ? 'a refusal' : stored.choice === 'partial' ? 'a partial consent' : stored.choice === 'pending' ? '"not decided yet"' : 'something';
  return `${what} (${stored.entries.join(', ')})`;
}

interface Reaction {
  gone: boolean;
  /** The frame left its document meanwhile (a CMP reloading the page on the choice). */
  navigated?: boolean;
  /** What the CMP stored since before the first click. */
  stored: StoredDecision;
  /** The button's name, if it is still there. */
  button?: string;
}

/**
 * Polls the frame for `windowMs` (stretched by the time the machine takes from us): the button
 * gone, or a decision stored (not "not decided yet"), ends the wait early. A decision stored with
 * the banner still up gets two more windows for the banner to go (it may be fading out).
 */
async function awaitReaction(frame: Frame, choice: 'accept' | 'refuse', before: Record<string, string>, windowMs: number, budget: StretchingDeadline): Promise<Reaction> {
  const window = new StretchingDeadline(Date.now() + windowMs, Date.now() + 4 * windowMs);
  const document = await frame.evaluate('document.timeline ? performance.timeOrigin : 0').catch(() => undefined);
  let storedAt: number | undefined;
  // Most banners go in the click's own task: look at once, then every POLL_MS.
  for (let look = 0; ; look++) {
    if (look > 0) {
      const paused = Date.now();
      await window.pause(POLL_MS);
      budget.stretch(Date.now() - paused - POLL_MS);
    }
    const probe = await probeFrame(frame);
    const stored = storedDecision(before, await consentStorageSnapshot(frame));
    if (!probe[choice]) {
      const now = await frame.evaluate('document.timeline ? performance.timeOrigin : 0').catch(() => undefined);
      return { gone: true, stored, navigated: frame.isDetached() || now !== document };
    }
    const decided = stored.entries.length > 0 && stored.choice !== 'pending';
    if (decided) storedAt ??= Date.now();
    if (decided && Date.now() - storedAt! >= 2 * windowMs) return { gone: false, stored, button: probe[choice] };
    if (!decided && window.passed()) return { gone: false, stored, button: probe[choice] };
    if (decided && decisionMatches(choice, stored.choice) && window.passed()) return { gone: false, stored, button: probe[choice] };
  }
}

/**
 * Playwright's first line ("locator.click: Timeout 5000ms exceeded.") plus the last check of its
 * call log ("element is not stable", "<div ...> intercepts pointer events"): why it could not click.
 */
export function playwrightReason(error: unknown): string {
  const lines = ((error as Error)?.message ?? String(error)).replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((line) => line.trim()).filter(Boolean);
  const first = (lines[0] ?? 'unknown error').replace(/^locator\.click:\s*/, '').replace(/\.$/, '');
  const checks = lines.filter((line) => line.startsWith('- ') && !/^- (retrying|waiting \d+ms|attempting|waiting for element|scrolling)/.test(line));
  const last = checks.at(-1)?.slice(2).replace(/\s+/g, ' ');
  return last && !first.includes(last) ? `${first}: ${last.length > 120 ? `${last.slice(0, 120)}…` : last}` : first;
}
