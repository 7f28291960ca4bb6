import type { Frame } from 'playwright';
import { CONSENT_MARK, consentStorageChanges, consentStorageSnapshot, frameLabel, probeFrame } from './page-probe.ts';
import { reactionWindowMs } from './time-budget.ts';

export interface ClickOutcome {
  /** The choice was taken: the button went away (or, failing that, the CMP wrote its storage). */
  answered: boolean;
  detail: string;
  /** The button's name when last seen. */
  button: string;
  /** Clicks Playwright performed (those that could not be performed are not counted). */
  clicks: number;
}

export interface ClickBudget {
  /** Everything (clicks, their checks) must be over by then (a Date.now() time). */
  until: number;
  /** The longest one click waits for its button to be visible, enabled and still. */
  clickTimeoutMs: number;
}

/**
 * Clicks beyond this are not retried: a CMP that ignored this many clicks on a button that was
 * visible, enabled and still will not take the next one either.
 */
const MAX_CLICKS = 8;
const POLL_MS = 150;

/**
 * Clicks the button the last probe of `frame` marked for `choice`, and checks the banner took it.
 *
 * Playwright's click waits until the button is visible, enabled, still (not sliding in) and the
 * one that receives the click, up to `clickTimeoutMs` (derived from the journey's time limit, not
 * from what an idle machine needs: on a loaded machine the click itself can take seconds). Whether
 * the click was *wired* only the banner can tell (tarteaucitron shows its buttons about 0.5 s
 * before it listens to them): after each click the banner gets a reaction window scaled on how
 * slowly the page answers now, longer once the CMP's storage changed (it may be fading out). The
 * button gone means answered. Otherwise the button is clicked again, at most MAX_CLICKS times,
 * until the budget runs out. A banner that stays after two clicks, with the CMP's storage changed
 * right after one of them, is a CMP keeping a bar up: answered. One click and a storage change is
 * not enough: some CMPs write a "not decided yet" value of their own (tarteaucitron's `=wait`).
 */
export async function clickAndVerify(frame: Frame, choice: 'accept' | 'refuse', name: string, budget: ClickBudget): Promise<ClickOutcome> {
  const where = frameLabel(frame);
  const before = await consentStorageSnapshot(frame);
  let clicks = 0;
  let unfinished = 0;
  let lastError: string | undefined;
  let button = name;
  /** Clicks right after which the CMP's storage changed. */
  let storedAfterClicks = 0;
  let force = false;
  while (clicks + unfinished < MAX_CLICKS) {
    const remaining = budget.until - Date.now();
    const snapshot = await consentStorageSnapshot(frame);
    try {
      const timeout = Math.max(1000, Math.min(budget.clickTimeoutMs, remaining));
      await frame.locator(`[${CONSENT_MARK}="${choice}"]`).first().click({ timeout, force });
      clicks++;
      force = false;
    } catch (error) {
      unfinished++;
      lastError = playwrightReason(error);
      // A whole click timeout and Playwright's checks did not pass (sliding, covered) or the click
      // did not come back (a renderer too busy): the next try clicks where the button is without
      // the checks. Either may have landed: the reaction below tells.
      force = true;
    }
    const window = await reactionWindowMs(frame);
    let reaction = await awaitReaction(frame, choice, snapshot, window);
    if (!reaction.gone && reaction.stored.length > 0) reaction = { ...(await awaitReaction(frame, choice, undefined, 2 * window)), stored: reaction.stored };
    const clickText = () => `clicked "${button}"${where}${clicks + unfinished > 1 ? ` (${clicks + unfinished} clicks: ${clicks + unfinished - 1} did not take)` : ''}`;
    if (reaction.gone) {
      if (clicks === 0 && unfinished === 0) break;
      if (clicks === 0 && consentStorageChanges(before, await consentStorageSnapshot(frame)).length === 0 && !reaction.navigated) {
        // Gone although no click of ours completed and the CMP stored nothing: not our answer.
        break;
      }
      return { answered: true, button, clicks, detail: clickText() };
    }
    button = reaction.button ?? button;
    if (reaction.stored.length > 0) storedAfterClicks++;
    const stored = consentStorageChanges(before, await consentStorageSnapshot(frame));
    if (clicks >= 2 && storedAfterClicks >= 1 && stored.length > 0) {
      return { answered: true, button, clicks, detail: `${clickText()}; the banner stayed but the CMP stored a choice (${stored.join(', ')})` };
    }
    if (Date.now() >= budget.until) break;
  }
  const parts: string[] = [];
  if (clicks > 0) parts.push(`stayed after ${clicks} click${clicks > 1 ? 's' : ''} that did not take`);
  if (unfinished > 0) parts.push(`${unfinished} click${unfinished > 1 ? 's' : ''} Playwright could not complete${lastError ? ` (${lastError})` : ''}`);
  return { answered: false, button, clicks, detail: `the "${button}" button${where} ${parts.join(', and ') || 'was not clicked'}` };
}

interface Reaction {
  gone: boolean;
  /** The frame left its document meanwhile (a CMP reloading the page on the choice). */
  navigated?: boolean;
  /** Consent-looking storage entries written since before the first click. */
  stored: string[];
  /** The button's name, if it is still there. */
  button?: string;
}

/**
 * Polls the frame for `windowMs`: the button gone ends the wait early, and so does the CMP's
 * storage changing since `before` (when given).
 */
async function awaitReaction(frame: Frame, choice: 'accept' | 'refuse', before: Record<string, string> | undefined, windowMs: number): Promise<Reaction> {
  const until = Date.now() + windowMs;
  const document = await frame.evaluate('document.timeline ? performance.timeOrigin : 0').catch(() => undefined);
  // Most banners go in the click's own task: look at once, then every POLL_MS.
  for (let look = 0; ; look++) {
    if (look > 0) await frame.page().waitForTimeout(POLL_MS).catch(() => undefined);
    const probe = await probeFrame(frame);
    if (!probe[choice]) {
      const now = await frame.evaluate('document.timeline ? performance.timeOrigin : 0').catch(() => undefined);
      return { gone: true, stored: [], navigated: frame.isDetached() || now !== document };
    }
    const stored = before ? consentStorageChanges(before, await consentStorageSnapshot(frame)) : [];
    if (stored.length > 0 || Date.now() >= until) return { gone: false, stored, button: probe[choice] };
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
