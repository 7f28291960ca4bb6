import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright';
import type { ConsentChoice } from '../conditions/define-condition.ts';
import type { ConsentOutcome } from '../model/run-event.ts';
import { autoconsentFor, type AutoconsentPage } from './consent/autoconsent-bridge.ts';
import { clickAndVerify } from './consent/fallback-click.ts';
import { frameLabel, probePage, type FrameProbe } from './consent/page-probe.ts';

export { installConsentAutomation } from './consent/autoconsent-bridge.ts';
export { decodeTcString, readTcfConsent, type TcfConsent } from './consent/tcf-consent.ts';

/** Who answered the banner: autoconsent's rule for a CMP it knows, the name-click fallback, or nobody. */
export type ConsentMethod = 'autoconsent' | 'fallback' | 'none';

export interface ConsentResult {
  outcome: ConsentOutcome;
  /** What was clicked or run, in which frame; or why the banner could not be answered. */
  detail?: string;
  /** The CMP autoconsent recognised (e.g. "Klaro", "cookieconsent3"), when it did. */
  cmp?: string;
  method: ConsentMethod;
}

export interface ConsentBannerOptions {
  /** Let autoconsent answer the CMPs it has rules for before clicking by button name. Default true. */
  autoconsent?: boolean;
}

/** Autoconsent's rules wait up to 10 s for an element; its answer gets that long. */
const AUTOCONSENT_ACTION_TIMEOUT_MS = 10_000;
/**
 * While autoconsent is still looking, or has seen a CMP but not its popup yet, it gets up to this
 * long to claim the banner before we click by name: its detection is slow on a busy machine.
 */
const AUTOCONSENT_GRACE_MS = 3000;
/**
 * A button autoconsent has not claimed is clicked once it has shown this long: a banner that
 * appears late is seen by autoconsent's next detection round, which follows DOM changes within
 * half a second.
 */
const TARGET_SETTLE_MS = 700;
/** How long a banner autoconsent answered may take to go away before we click ourselves. */
const VERIFY_MS = 1500;
/** A click found late in the wait still gets this long to be retried and verified. */
const MIN_CLICK_BUDGET_MS = 3000;
const POLL_MS = 150;

/**
 * Answers the consent banner as the condition says. Autoconsent (installed up front by the
 * fixtures, or now) answers the CMPs it has rules for; when it finds none, or its answer does not
 * take, the button is clicked by name, in every frame, and the click is verified. `no-banner` when
 * nothing showed within `waitMs`; `not-handled` when a banner showed but could not be answered:
 * the caller must treat that journey as inconclusive, never as a pass.
 */
export async function handleConsentBanner(
  page: Page,
  choice: ConsentChoice,
  waitMs = 3000,
  options: ConsentBannerOptions = {},
): Promise<ConsentResult> {
  if (choice === 'ignore') return { outcome: 'ignored', method: 'none' };
  const started = Date.now();
  const deadline = started + waitMs;
  const answered: ConsentOutcome = choice === 'accept' ? 'accepted' : 'refused';
  let autoconsent: AutoconsentPage | undefined;
  let autoconsentFailure: string | undefined;
  if (options.autoconsent !== false) {
    try {
      autoconsent = await autoconsentFor(page);
    } catch (error) {
      autoconsentFailure = `autoconsent unavailable: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  const graceUntil = started + Math.min(AUTOCONSENT_GRACE_MS, waitMs);
  let sawBanner: string | undefined;
  let targetSince: number | undefined;
  const autoconsentHadItsChance = (now: number, shownSince: number): boolean =>
    !autoconsent ||
    autoconsentFailure !== undefined ||
    now >= graceUntil ||
    (!autoconsent.searching() && now - shownSince >= TARGET_SETTLE_MS);

  for (;;) {
    const popup = autoconsentFailure === undefined ? autoconsent?.popup() : undefined;
    if (autoconsent && popup) {
      sawBanner ??= `${popup.cmp} popup${frameLabel(popup.frame)}`;
      const attempt = await answerWithAutoconsent(page, autoconsent, popup, choice);
      if (attempt.answered) return { outcome: answered, method: 'autoconsent', cmp: popup.cmp, detail: attempt.detail };
      autoconsentFailure = attempt.detail;
    }
    const probes = await probePage(page);
    const target = probes.find((probe) => probe[choice]);
    sawBanner ??= describeBanner(probes);
    const now = Date.now();
    if (target) targetSince ??= now;
    if (target && autoconsentHadItsChance(now, targetSince ?? now)) {
      const click = await clickAndVerify(target.frame, choice, target[choice]!, Math.max(MIN_CLICK_BUDGET_MS, deadline - now));
      const detail = autoconsentFailure ? `${autoconsentFailure}; then ${click.detail}` : click.detail;
      return { outcome: click.answered ? answered : 'not-handled', method: 'fallback', cmp: autoconsent?.detectedCmp(), detail };
    }
    if (now >= deadline) break;
    await sleep(POLL_MS);
  }

  const cmp = autoconsent?.detectedCmp();
  if (autoconsentFailure && sawBanner) {
    return { outcome: 'not-handled', method: autoconsent ? 'autoconsent' : 'none', cmp, detail: `${autoconsentFailure}, and no "${choice}" button to click instead` };
  }
  if (sawBanner) return { outcome: 'not-handled', method: 'none', cmp, detail: `banner shown (${sawBanner}) but no "${choice}" button found` };
  const quietCmp = cmp ? `${cmp} is on the page but showed no banner within ${waitMs} ms (a choice already stored?)` : undefined;
  return { outcome: 'no-banner', method: 'none', cmp, detail: quietCmp };
}

async function answerWithAutoconsent(
  page: Page,
  autoconsent: AutoconsentPage,
  popup: NonNullable<ReturnType<AutoconsentPage['popup']>>,
  choice: 'accept' | 'refuse',
): Promise<{ answered: boolean; detail: string }> {
  const action = choice === 'accept' ? 'optIn' : 'optOut';
  const label = `autoconsent ${popup.cmp} ${choice === 'accept' ? 'opt-in' : 'opt-out'}${frameLabel(popup.frame)}`;
  const { result, done, navigated } = await autoconsent.act(popup.frame, action, AUTOCONSENT_ACTION_TIMEOUT_MS);
  if (navigated) {
    // The CMP reloaded the page on the choice: answered if the new page does not ask again.
    await page.waitForLoadState('load', { timeout: AUTOCONSENT_ACTION_TIMEOUT_MS }).catch(() => undefined);
    const asked = await buttonShownWithin(page, choice, VERIFY_MS);
    return asked
      ? { answered: false, detail: `${label}: the page reloaded and asked again ("${asked}")` }
      : { answered: true, detail: `${label} (the CMP reloaded the page)` };
  }
  if (!result) return { answered: false, detail: `${label} gave no result within ${AUTOCONSENT_ACTION_TIMEOUT_MS / 1000} s` };
  if (!result.result) return { answered: false, detail: `${label} failed` };
  // A rule can report success on a click the CMP had not wired yet: the button must be gone.
  const until = Date.now() + VERIFY_MS;
  for (;;) {
    const still = (await probePage(page)).find((probe) => probe[choice]);
    if (!still) return { answered: true, detail: `${label}${clickCount(done?.totalClicks)}` };
    if (Date.now() >= until) return { answered: false, detail: `${label} reported success but "${still[choice]}" still showed` };
    await sleep(POLL_MS);
  }
}

/** The name of a `choice` button that shows at any point within `ms`, if one does. */
async function buttonShownWithin(page: Page, choice: 'accept' | 'refuse', ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  do {
    const shown = (await probePage(page)).find((probe) => probe[choice]);
    if (shown) return shown[choice];
    await sleep(POLL_MS);
  } while (Date.now() < until);
  return undefined;
}

function clickCount(clicks: number | undefined): string {
  return clicks ? ` (${clicks} click${clicks > 1 ? 's' : ''})` : '';
}

function describeBanner(probes: FrameProbe[]): string | undefined {
  for (const probe of probes) {
    const button = probe.accept ?? probe.refuse;
    if (button) return `"${button}" button${frameLabel(probe.frame)}`;
    if (probe.box) return `${probe.box}${frameLabel(probe.frame)}`;
  }
  return undefined;
}
