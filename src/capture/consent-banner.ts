import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright';
import type { ConsentChoice } from '../conditions/define-condition.ts';
import type { ConsentOutcome } from '../model/run-event.ts';
import { autoconsentFor, type AutoconsentPage } from './consent/autoconsent-bridge.ts';
import { cmpFromGlobals } from './consent/cmp-name.ts';
import { clickAndVerify } from './consent/fallback-click.ts';
import { consentStorageSnapshot, decisionContradicts, decisionMatches, frameLabel, probePage, storedDecision, type FrameProbe } from './consent/page-probe.ts';
import { pageActivity, trackPageActivity } from './consent/page-activity.ts';
import { consentBudget, journeyTimeLimitOf, reactionWindowMs, StretchingDeadline, type ConsentBudget } from './consent/time-budget.ts';

export { installConsentAutomation, retireConsentAutomation } from './consent/autoconsent-bridge.ts';
export { decodeTcString, readTcfConsent, type TcfConsent } from './consent/tcf-consent.ts';
export { setJourneyTimeLimit } from './consent/time-budget.ts';

/**
 * How every `not-handled` detail starts: a banner tagwatch could not answer is tagwatch's problem,
 * not the site's; the reconciliation keys on this prefix not to call the journey's site flaky.
 */
export const CONSENT_NOT_ANSWERED = 'tagwatch could not answer the consent banner';

/** Who answered the banner: autoconsent's rule for a CMP it knows, the name-click fallback, or nobody. */
export type ConsentMethod = 'autoconsent' | 'fallback' | 'none';

export interface ConsentResult {
  outcome: ConsentOutcome;
  /** What was clicked or run, in which frame; or, starting with CONSENT_NOT_ANSWERED, why the banner could not be answered. */
  detail?: string;
  /**
   * The consent manager as the page identifies it (its global, else its cookie: "Klaro",
   * "Osano cookieconsent"), else the autoconsent rule that recognised it, when either did.
   */
  cmp?: string;
  /** The autoconsent rule that recognised the CMP, when one did and it is not the name above. */
  rule?: string;
  method: ConsentMethod;
}

export interface ConsentBannerOptions {
  /** Let autoconsent answer the CMPs it has rules for before clicking by button name. Default true. */
  autoconsent?: boolean;
  /**
   * The journey's time limit, which the budgets of the answer derive from. Default: the one the
   * consent collector recorded for the page's context, else the monitor's default (60 s).
   */
  journeyTimeLimitMs?: number;
}

/**
 * A button autoconsent has not claimed is clicked once it has shown this long: a banner that
 * appears late is seen by autoconsent's next detection round, which follows DOM changes within
 * DETECT_ROUND_MS (autoconsent-bridge.ts). Not waited when a detection round (its second or a
 * later one) came after the button showed (it looked at it and knew no CMP): on a page whose
 * banner is there at load, that is most of the difference between a click by name and a plain
 * Playwright click.
 */
const TARGET_SETTLE_MS = 700;
const POLL_MS = 150;

/**
 * Answers the consent banner as the condition says. Autoconsent (installed up front by the
 * fixtures, or now) answers the CMPs it has rules for; when it finds none, or its answer does not
 * take, the button is clicked by name, in every frame, until the banner takes it (see
 * clickAndVerify). `waitMs` is how long a banner gets on an idle machine; `no-banner` needs more
 * than that: the page loaded and quiet for a while (a CMP builds its banner from scripts it loads
 * after the load event), within a limit from the journey's time limit. `not-handled` when a banner
 * showed but could not be answered, its detail starting with CONSENT_NOT_ANSWERED: the caller
 * must treat that journey as inconclusive, never as a pass.
 */
export async function handleConsentBanner(
  page: Page,
  choice: ConsentChoice,
  waitMs = 3000,
  options: ConsentBannerOptions = {},
): Promise<ConsentResult> {
  // Requests followed from now on when the automation was not installed up front (page-activity.ts).
  trackPageActivity(page.context());
  if (choice === 'ignore') return lookWithoutAnswering(page, waitMs, options);
  const budget = consentBudget(options.journeyTimeLimitMs ?? journeyTimeLimitOf(page), waitMs);
  const started = Date.now();
  /** Time the machine took from our waits (polls that overran): every deadline below moves out by it, up to as much again. */
  const lost = new LostTime();
  const answered: ConsentOutcome = choice === 'accept' ? 'accepted' : 'refused';
  /** What was tried, in order, for the message of a banner we could not answer. */
  const tried: string[] = [];
  let autoconsent: AutoconsentPage | undefined;
  let autoconsentFailure: string | undefined;
  if (options.autoconsent !== false) {
    try {
      autoconsent = await autoconsentFor(page);
    } catch (error) {
      autoconsentFailure = `autoconsent unavailable: ${(error as Error).message.split('\n')[0]}`;
      tried.push(autoconsentFailure);
    }
  }
  // While autoconsent is still looking, or has seen a CMP but not its popup yet, it gets a while to
  // claim the banner before we click by name: its detection is slow on a busy machine.
  const graceUntil = started + budget.autoconsentGraceMs;
  let sawBanner: string | undefined;
  let targetSince: number | undefined;
  /** When the banner was first seen: the answer's budget runs from then. */
  let answerSince: number | undefined;
  const autoconsentHadItsChance = (now: number, shownSince: number): boolean =>
    !autoconsent ||
    autoconsentFailure !== undefined ||
    now >= graceUntil ||
    // It looked at the page with this button on it and knew no CMP there: nothing to wait for.
    (!autoconsent.searching() && autoconsent.lookedAfter(shownSince)) ||
    (!autoconsent.searching() && now - shownSince >= TARGET_SETTLE_MS);

  for (;;) {
    const popup = autoconsentFailure === undefined ? autoconsent?.popup() : undefined;
    if (autoconsent && popup) {
      sawBanner ??= `${popup.cmp} popup${frameLabel(popup.frame)}`;
      answerSince ??= Date.now();
      const attempt = await answerWithAutoconsent(page, autoconsent, popup, choice, budget, waitMs);
      if (attempt.answered) return { outcome: answered, method: 'autoconsent', ...(await named(page, popup.cmp)), detail: attempt.detail };
      autoconsentFailure = attempt.detail;
      tried.push(attempt.detail);
    }
    const probes = await probePage(page);
    const target = probes.find((probe) => probe[choice]);
    sawBanner ??= describeBanner(probes);
    const now = Date.now();
    if (sawBanner) answerSince ??= now;
    if (target) targetSince ??= now;
    if (target && autoconsentHadItsChance(now, targetSince ?? now)) {
      const clickStarted = Date.now();
      const until = Math.max((answerSince ?? now) + lost.grown(budget.answerMs), clickStarted + budget.clickTimeoutMs);
      const click = await clickAndVerify(target.frame, choice, target[choice]!, { until, clickTimeoutMs: budget.clickTimeoutMs });
      const cmp = autoconsent?.detectedCmp();
      if (click.answered) {
        const detail = autoconsentFailure ? `${autoconsentFailure}; then ${click.detail}` : click.detail;
        return { outcome: answered, method: 'fallback', ...(await named(page, cmp)), detail };
      }
      tried.push(`clicking "${click.button}" by name for ${seconds(Date.now() - clickStarted)} (${click.clicks} click${click.clicks === 1 ? '' : 's'} performed, each given up to ${seconds(budget.clickTimeoutMs)} to become clickable)`);
      const detail = await cannotAnswer(page, { cmp, choice, button: click.button, what: click.detail, tried, since: started });
      return { outcome: 'not-handled', method: 'fallback', ...(await named(page, cmp)), detail };
    }
    // A banner seen without its button yet (still fading in) gets the answer's budget to show it.
    const bannerUntil = answerSince !== undefined ? answerSince + lost.grown(budget.answerMs) : 0;
    const lookLimit = started + lost.grown(budget.lookLimitMs);
    if (now >= started + lost.grown(waitMs) && now >= bannerUntil && (await lookIsOver(page, now, Math.max(lookLimit, bannerUntil), autoconsent))) break;
    await lost.pause(POLL_MS);
  }

  const cmp = autoconsent?.detectedCmp();
  if (sawBanner) {
    tried.push(autoconsent ? `autoconsent's rules${autoconsentFailure ? '' : ' (none answered this banner)'}` : 'no autoconsent (disabled)');
    tried.push(`${choice === 'accept' ? 'accept' : 'refusal'} button names in English, French, German, Spanish and Italian (none matched a visible button)`);
    const detail = await cannotAnswer(page, { cmp, choice, banner: sawBanner, what: `no "${choice}" button found in ${seconds(Date.now() - started)}`, tried, since: started });
    return { outcome: 'not-handled', method: autoconsentFailure && autoconsent ? 'autoconsent' : 'none', ...(await named(page, cmp)), detail };
  }
  return noBanner(page, cmp, started);
}

/** `no-banner`, naming a CMP that is on the page all the same (a choice already stored?). */
async function noBanner(page: Page, rule: string | undefined, started: number): Promise<ConsentResult> {
  const name = await named(page, rule);
  const quiet = name.cmp ? `${name.cmp} is on the page but showed no banner within ${seconds(Date.now() - started)} (a choice already stored?)` : undefined;
  return { outcome: 'no-banner', method: 'none', ...name, ...(quiet ? { detail: quiet } : {}) };
}

/**
 * The CMP's name as the page identifies it (cmpFromGlobals), else the autoconsent rule's; the rule
 * kept beside a page name it differs from.
 */
async function named(page: Page, rule: string | undefined): Promise<{ cmp?: string; rule?: string }> {
  const cmp = await cmpFromGlobals(page);
  if (cmp) return rule && rule !== cmp ? { cmp, rule } : { cmp };
  return rule ? { cmp: rule } : {};
}

/**
 * The `ignore` condition: nothing is clicked, but whether a banner showed is looked at as for an
 * answer (autoconsent's popup, a known button, a box that looks like a banner), with the same rule
 * for giving up: `ignored` when one showed, `no-banner` when the page loaded and stayed quiet
 * without one. A page with no banner is `no-banner` in every condition.
 */
async function lookWithoutAnswering(page: Page, waitMs: number, options: ConsentBannerOptions): Promise<ConsentResult> {
  const budget = consentBudget(options.journeyTimeLimitMs ?? journeyTimeLimitOf(page), waitMs);
  const started = Date.now();
  const lost = new LostTime();
  let autoconsent: AutoconsentPage | undefined;
  if (options.autoconsent !== false) autoconsent = await autoconsentFor(page).catch(() => undefined);
  for (;;) {
    const popup = autoconsent?.popup();
    const shown = popup ? `${popup.cmp} popup${frameLabel(popup.frame)}` : describeBanner(await probePage(page));
    if (shown) {
      const name = await named(page, autoconsent?.detectedCmp() ?? popup?.cmp);
      return { outcome: 'ignored', method: 'none', ...name, detail: `left unanswered: ${shown}` };
    }
    const now = Date.now();
    if (now >= started + lost.grown(waitMs) && (await lookIsOver(page, now, started + lost.grown(budget.lookLimitMs), autoconsent))) break;
    await lost.pause(POLL_MS);
  }
  return noBanner(page, autoconsent?.detectedCmp(), started);
}

/**
 * The time a loaded machine took from our polls (how much longer than asked each lasted), measured:
 * a budget grows by it, at most to twice itself, so a banner gets the time an idle machine would
 * have given it.
 */
class LostTime {
  private lostMs = 0;

  async pause(ms: number): Promise<void> {
    const started = performance.now();
    await sleep(ms);
    this.lostMs += Math.max(0, performance.now() - started - ms);
  }

  grown(budgetMs: number): number {
    return budgetMs + Math.min(budgetMs, this.lostMs);
  }
}

/**
 * Looking for a banner is over once the page has loaded and stayed quiet (nothing loaded) for
 * half of what its load took (1 to 3 s), and autoconsent has stopped looking; or at the look's
 * limit, however busy the page still is.
 */
async function lookIsOver(page: Page, now: number, lookLimit: number, autoconsent: AutoconsentPage | undefined): Promise<boolean> {
  if (now >= lookLimit) return true;
  // Autoconsent knows the CMP and waits for its popup, or is in its first rounds: the banner may come.
  if (autoconsent?.searching()) return false;
  const activity = await pageActivity(page);
  const quietMs = Math.min(3000, Math.max(1000, activity.loadTookMs / 2));
  return activity.loaded && activity.quietForMs >= quietMs;
}

async function answerWithAutoconsent(
  page: Page,
  autoconsent: AutoconsentPage,
  popup: NonNullable<ReturnType<AutoconsentPage['popup']>>,
  choice: 'accept' | 'refuse',
  budget: ConsentBudget,
  waitMs: number,
): Promise<{ answered: boolean; detail: string }> {
  const action = choice === 'accept' ? 'optIn' : 'optOut';
  const label = `autoconsent ${popup.cmp} ${choice === 'accept' ? 'opt-in' : 'opt-out'}${frameLabel(popup.frame)}`;
  const before = await consentStorageSnapshot(popup.frame);
  const { result, done, navigated } = await autoconsent.act(popup.frame, action, budget.autoconsentActionMs);
  if (navigated) {
    // The CMP reloaded the page on the choice: answered if the new page does not ask again.
    await page.waitForLoadState('load', { timeout: budget.answerMs }).catch(() => undefined);
    const asked = await buttonShownWithin(page, choice, waitMs);
    return asked
      ? { answered: false, detail: `${label}: the page reloaded and asked again ("${asked}")` }
      : { answered: true, detail: `${label} (the CMP reloaded the page)` };
  }
  if (!result) return { answered: false, detail: `${label} gave no result within ${seconds(budget.autoconsentActionMs)}` };
  if (!result.result) return { answered: false, detail: `${label} failed` };
  // A rule can report success on a click the CMP had not wired yet: the button must go, or the
  // CMP must have stored the choice (then the banner is on its way out).
  // What the CMP stored decides, as for a click (fallback-click.ts): the choice stored is the
  // answer; the opposite stored never is.
  const deadline = new StretchingDeadline(Date.now() + Math.max(1500, 2 * (await reactionWindowMs(popup.frame))), Date.now() + budget.answerMs);
  for (;;) {
    const still = (await probePage(page)).find((probe) => probe[choice]);
    const stored = storedDecision(before, await consentStorageSnapshot(popup.frame));
    if (decisionContradicts(choice, stored.choice)) return { answered: false, detail: `${label} reported success but the CMP stored the opposite (${stored.entries.join(', ')})` };
    if (!still) return { answered: true, detail: `${label}${clickCount(done?.totalClicks)}` };
    const decided = decisionMatches(choice, stored.choice) || (stored.entries.length > 0 && stored.choice === undefined);
    if (decided && deadline.passed()) {
      return { answered: true, detail: `${label}${clickCount(done?.totalClicks)}; the banner stayed but the CMP stored a choice (${stored.entries.join(', ')})` };
    }
    if (deadline.passed()) return { answered: false, detail: `${label} reported success but "${still[choice]}" still showed and nothing was stored` };
    await deadline.pause(POLL_MS);
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

interface Unanswered {
  /** The CMP autoconsent recognised. */
  cmp?: string;
  choice: 'accept' | 'refuse';
  /** The button we clicked, when there was one. */
  button?: string;
  /** The banner seen, when no button was. */
  banner?: string;
  /** What went wrong last. */
  what: string;
  tried: string[];
  since: number;
}

/**
 * The `not-handled` detail: tagwatch's failure, said so, with which CMP, which button and what was
 * tried, so nobody reads it as the site failing its visitors.
 */
async function cannotAnswer(page: Page, failure: Unanswered): Promise<string> {
  const named = await cmpFromGlobals(page);
  const cmp =
    named && failure.cmp ? `CMP ${named} (autoconsent rule "${failure.cmp}")` : named ? `CMP ${named}` : failure.cmp ? `CMP "${failure.cmp}" (autoconsent rule)` : 'CMP not recognised';
  const what = failure.button ? `${failure.choice} button "${failure.button}"` : `no ${failure.choice} button; banner ${failure.banner ?? 'unknown'}`;
  return `${CONSENT_NOT_ANSWERED} (${cmp}, ${what}): ${failure.what}; tried ${failure.tried.join(', then ')}; ${seconds(Date.now() - failure.since)} in all. The journey's tags were not measured; this is a limit of tagwatch's banner handling, not a failure of the site`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
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
