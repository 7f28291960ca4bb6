import type { Frame } from 'playwright';
import { CONSENT_MARK, consentStorageChanges, consentStorageSnapshot, frameLabel, probeFrame } from './page-probe.ts';

export interface ClickOutcome {
  /** The choice was taken: the button went away (or, failing that, the CMP wrote its storage). */
  answered: boolean;
  detail: string;
}

/**
 * Time a banner gets to react to a click before it is clicked again. tarteaucitron shows its
 * buttons about 0.5 s before it wires them, so a first click can land on a dead button.
 */
const SETTLE_MS = 400;
const CLICK_TIMEOUT_MS = 1500;

/**
 * Clicks the button the last probe of `frame` marked for `choice`, then checks that the banner
 * took it: the button must be gone on the next probe. A button still there is clicked again until
 * `budgetMs` runs out. A banner that stays up while the CMP's cookie or localStorage changed is
 * taken as answered (some CMPs keep a slim bar after the choice); one that stays up with nothing
 * written is not, whatever the click said.
 */
export async function clickAndVerify(frame: Frame, choice: 'accept' | 'refuse', name: string, budgetMs: number): Promise<ClickOutcome> {
  const until = Date.now() + budgetMs;
  const where = frameLabel(frame);
  const before = await consentStorageSnapshot(frame);
  let clicks = 0;
  let lastError: string | undefined;
  let currentName = name;
  let force = false;
  for (;;) {
    try {
      const timeout = Math.max(300, Math.min(CLICK_TIMEOUT_MS, until - Date.now()));
      await frame.locator(`[${CONSENT_MARK}="${choice}"]`).first().click({ timeout, force });
      clicks++;
      force = false;
    } catch (error) {
      lastError = (error as Error).message.split('\n')[0];
      // Mostly a banner still sliding in on a busy machine (Playwright waits for it to stand
      // still): the next try clicks where it is without that wait.
      force = true;
    }
    await frame.page().waitForTimeout(SETTLE_MS).catch(() => undefined);
    const after = await probeFrame(frame);
    if (!after[choice]) {
      if (clicks === 0) break; // It vanished without a click of ours (navigation, another script): not an answer.
      return { answered: true, detail: `clicked "${currentName}"${where}${clicks > 1 ? ` (${clicks} clicks: ${clicks - 1} did not take)` : ''}` };
    }
    currentName = after[choice];
    // Stored but still showing, twice in a row: a CMP that keeps its bar up; no need to insist.
    const stored = clicks > 1 ? consentStorageChanges(before, await consentStorageSnapshot(frame)) : [];
    if (stored.length > 0) {
      return { answered: true, detail: `clicked "${currentName}"${where}; the banner stayed but the CMP stored a choice (${stored.join(', ')})` };
    }
    if (Date.now() >= until) break;
  }
  const why = clicks === 0 ? `could not be clicked${lastError ? `: ${lastError}` : ''}` : `stayed after ${clicks} click${clicks > 1 ? 's' : ''}`;
  return { answered: false, detail: `"${currentName}" button${where} ${why}` };
}
