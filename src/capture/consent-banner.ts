import type { Frame, Page } from 'playwright';
import type { ConsentChoice } from '../conditions/define-condition.ts';
import type { ConsentOutcome } from '../model/run-event.ts';

/** Button names of common consent banners, in the languages our users' shops speak. */
const BUTTON_NAMES: Record<'accept' | 'refuse', RegExp> = {
  accept: /^(accept all|accept all cookies|allow all|accept|i agree|tout accepter|accepter( et fermer)?|alle akzeptieren|akzeptieren|aceptar todo|aceptar|accetta tutti|accetta)$/i,
  refuse: /^(reject all|refuse all|decline all|reject|decline|tout refuser|continuer sans accepter|refuser|alle ablehnen|ablehnen|rechazar todo|rechazar|rifiuta tutti|rifiuta)$/i,
};

export interface ConsentResult {
  outcome: ConsentOutcome;
  detail?: string;
}

/**
 * Clicks the banner button for the condition's choice, in every frame (CMPs often live in
 * iframes). `no-banner` when nothing showed within the wait; `not-handled` when a banner showed
 * but its button could not be clicked: the caller must treat that journey as inconclusive.
 */
export async function handleConsentBanner(page: Page, choice: ConsentChoice, waitMs = 3000): Promise<ConsentResult> {
  if (choice === 'ignore') return { outcome: 'ignored' };
  const deadline = Date.now() + waitMs;
  const wanted = BUTTON_NAMES[choice];
  const other = BUTTON_NAMES[choice === 'accept' ? 'refuse' : 'accept'];
  let sawBanner = false;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const button = await visibleButton(frame, wanted);
      if (button) {
        try {
          const name = (await button.textContent())?.trim() ?? '';
          await button.click({ timeout: 2000 });
          return { outcome: choice === 'accept' ? 'accepted' : 'refused', detail: `clicked "${name}"${frame === page.mainFrame() ? '' : ` in frame ${frame.url()}`}` };
        } catch (error) {
          return { outcome: 'not-handled', detail: `button found but not clickable: ${(error as Error).message.split('\n')[0]}` };
        }
      }
      if (!sawBanner && (await visibleButton(frame, other))) sawBanner = true;
    }
    await page.waitForTimeout(100);
  }
  return sawBanner ? { outcome: 'not-handled', detail: `banner shown but no "${choice}" button found` } : { outcome: 'no-banner' };
}

async function visibleButton(frame: Frame, name: RegExp) {
  try {
    const candidates = frame.getByRole('button', { name });
    const count = await candidates.count();
    for (let i = 0; i < count; i++) {
      const candidate = candidates.nth(i);
      if (await candidate.isVisible()) return candidate;
    }
  } catch {
    // Frames detach while we look; the next round sees the new ones.
  }
  return undefined;
}
