import { createHash } from 'node:crypto';
import type { Page } from 'playwright';
import type { ConfirmationDwell, ConsentChoice } from '../conditions/define-condition.ts';
import type { RunEvent } from '../model/run-event.ts';
import { variantLabel, type Variant } from '../model/variant.ts';
import { CONSENT_NOT_ANSWERED, handleConsentBanner, readTcfConsent, retireConsentAutomation, type ConsentResult } from './consent-banner.ts';

/** What a scenario gets to mark its journey: who it is, the stamp for its order, the order it placed. */
export interface Journey {
  /** Readable id: `<condition>.<scenario>.r<repeat>`, with the variant when the monitor has some: `baseline.purchase[items=3].r1`. */
  id: string;
  condition: string;
  /** The combination of the monitor's `variants` this journey runs ({} without variants). */
  variant: Variant;
  /** Goes on the test order so it can be found in the backend and excluded from business KPIs. */
  stamp: string;
  /** The checkout e-mail carrying the stamp (from the monitor's stampEmail). */
  email: string;
  /** Accepts, refuses or ignores the consent banner as the condition says, and records the outcome. */
  consent(page: Page): Promise<ConsentResult>;
  /** Records the order number the confirmation page showed. */
  orderPlaced(orderId: string): void;
  /**
   * Stays on the confirmation page as the condition says, then returns: the scenario leaves the
   * page its own way next (a click, a goto). Waits for the page's load event first. Normally the
   * visitor reads the page: the call returns 200 ms after every purchase tag the monitor expects
   * has sent, or once the tags have been quiet for 2 s, at most 3 s after the load event
   * (CONFIRMATION_READ_MS), so a purchase tag that sends late is still seen (and timed). Under
   * `fast-exit` it returns at the load event, as a buyer who closes the tab at once: a late tag is lost, as it is for them. Optional: a scenario that does not call
   * it leaves when it always did.
   */
  dwellOnConfirmation(page: Page): Promise<void>;
  /**
   * Stays on the page as a visitor reading it: waits for its load event, then until the tags have
   * been quiet for 2 s, at most `maxMs` (default 5 s) after the load event. A consent audit calls
   * it before answering the banner (what fires before the visitor decides is seen as such) and
   * after (what the decision lets fire).
   */
  readPage(page: Page, options?: { maxMs?: number }): Promise<void>;
  /**
   * A landing URL as an ad click makes it: `path` with gclid, fbclid and ttclid unique to this
   * journey, recorded so the reconciliation can check each vendor's purchase still carries its click.
   */
  adLanding(path: string, networks?: AdNetwork[]): string;
  /**
   * Comes back `days` later: under a condition with cookie caps (itp), the script-set cookies
   * those caps would have expired are removed. Elsewhere nothing expires.
   */
  returnAfterDays(days: number): Promise<{ removed: string[]; kept: string[] }>;
}

/** Click id parameter of each ad network, as its ads decorate landing URLs. */
export const CLICK_ID_PARAMS = { google: 'gclid', meta: 'fbclid', tiktok: 'ttclid' } as const;
export type AdNetwork = keyof typeof CLICK_ID_PARAMS;

export interface JourneyIdentity {
  runId: string;
  condition: string;
  scenario: string;
  /** Default {}: the monitor has no variants. */
  variant?: Variant;
  repeat: number;
  stampEmail: string;
  consentChoice: ConsentChoice;
  /** The condition's confirmationDwell. Default 'read'. */
  confirmationDwell?: ConfirmationDwell;
}

/** How a reading visitor's stay on the confirmation page ends: the tags quiet this long, at most `maxMs` after its load. */
export const CONFIRMATION_READ_MS = { quietMs: 2000, maxMs: 3000 } as const;

/** How `readPage` ends: the tags quiet this long, at most `maxMs` after the load event. */
export const PAGE_READ_MS = { quietMs: 2000, maxMs: 5000 } as const;

/** What a journey needs from the capture around it (the fixtures give the real ones). */
export interface JourneyCapture {
  /** Cookie caps applied for a return visit `days` later (itp); elsewhere nothing expires. */
  expireCookies?: (days: number) => Promise<{ removed: string[]; kept: string[] }>;
  /** Resolves once no tag hit for `quietMs`, or after `maxMs` (the network tap); absent without capture. */
  tagsQuiet?: (quietMs: number, maxMs: number) => Promise<void>;
}

export function journeyId(condition: string, scenario: string, repeat: number, variant?: Variant): string {
  const label = variantLabel(variant);
  return `${condition}.${scenario}${label ? `[${label}]` : ''}.r${repeat}`;
}

/** Short and deterministic, so e-mail local parts stay under 64 characters. */
export function journeyStamp(runId: string, id: string): string {
  return `${runId}-${createHash('sha256').update(id).digest('hex').slice(0, 6)}`;
}

export function createJourney(
  identity: JourneyIdentity,
  log: (event: RunEvent) => void,
  capture: JourneyCapture = {},
): Journey {
  const expireCookies = capture.expireCookies ?? (async () => ({ removed: [], kept: [] }));
  const id = journeyId(identity.condition, identity.scenario, identity.repeat, identity.variant);
  const stamp = journeyStamp(identity.runId, id);
  return {
    id,
    condition: identity.condition,
    variant: { ...identity.variant },
    stamp,
    email: identity.stampEmail.replace('{stamp}', stamp),
    async consent(page) {
      const decidedAt = new Date().toISOString();
      const result = await handleConsentBanner(page, identity.consentChoice);
      // Answered (or not): the context's later pages need no banner detection.
      retireConsentAutomation(page.context());
      // TCF CMPs say in their TC string what was stored: evidence beside the click, never a reason to fail.
      const tcf = await readTcfConsent(page, 1000).catch(() => undefined);
      log({
        type: 'consent',
        time: new Date().toISOString(),
        journeyId: id,
        outcome: result.outcome,
        decidedAt,
        detail: result.detail,
        cmp: result.cmp,
        ...(result.rule ? { rule: result.rule } : {}),
        method: result.method,
        ...(tcf ? { tcf: { tcString: tcf.tcString, cmpId: tcf.cmpId, purposeConsents: tcf.purposeConsents, vendorConsents: tcf.vendorConsents } } : {}),
      });
      // A banner left up blocks the journey's next click, which would then be blamed on the site:
      // the journey stops here, a failed step (retried as a journey that threw, never measured as
      // tag loss), its error saying it was tagwatch that could not answer, and which consent manager.
      // Ignoring the banner is the condition's point: nothing to answer there.
      if (result.outcome === 'not-handled' && identity.consentChoice !== 'ignore') throw new Error(notAnsweredError(result));
      return result;
    },
    adLanding(path, networks = ['google', 'meta', 'tiktok']) {
      const clickIds: Record<string, string> = {};
      const url = new URL(path, 'http://placeholder.invalid');
      for (const network of networks) {
        const param = CLICK_ID_PARAMS[network];
        clickIds[param] = `TW${param.toUpperCase()}-${stamp}`;
        url.searchParams.set(param, clickIds[param]!);
      }
      const landing = path.startsWith('http') ? url.toString() : `${url.pathname}${url.search}`;
      log({ type: 'ad-click', time: new Date().toISOString(), journeyId: id, landingUrl: landing, clickIds });
      return landing;
    },
    async returnAfterDays(days) {
      const result = await expireCookies(days);
      log({ type: 'return-visit', time: new Date().toISOString(), journeyId: id, days, removedCookies: result.removed, keptCookies: result.kept });
      return result;
    },
    async dwellOnConfirmation(page) {
      await page.waitForLoadState('load');
      if (identity.confirmationDwell === 'leave-at-load') return;
      // Counted from now, the load event just passed: a reading visitor gives the late tags their time.
      if (capture.tagsQuiet) await capture.tagsQuiet(CONFIRMATION_READ_MS.quietMs, CONFIRMATION_READ_MS.maxMs);
      // Without capture (benchmarks) no hit tells when the tags are done: the time a visitor takes when they finish at once.
      else await page.waitForTimeout(CONFIRMATION_READ_MS.quietMs);
    },
    async readPage(page, options = {}) {
      await page.waitForLoadState('load');
      const maxMs = options.maxMs ?? PAGE_READ_MS.maxMs;
      if (capture.tagsQuiet) await capture.tagsQuiet(Math.min(PAGE_READ_MS.quietMs, maxMs), maxMs);
      else await page.waitForTimeout(Math.min(PAGE_READ_MS.quietMs, maxMs));
    },
    orderPlaced(orderId) {
      const trimmed = orderId.trim();
      if (!trimmed) throw new Error('orderPlaced() got an empty order number: check the confirmation page selector');
      log({ type: 'order-placed', time: new Date().toISOString(), journeyId: id, orderId: trimmed, stamp });
    },
  };
}

/**
 * The error of a journey whose banner tagwatch could not answer: the detail (it starts with
 * CONSENT_NOT_ANSWERED), with the method and the consent manager when the detail does not name them.
 */
export function notAnsweredError(result: Partial<Pick<ConsentResult, 'detail' | 'cmp' | 'method'>>): string {
  const detail = result.detail ?? CONSENT_NOT_ANSWERED;
  const context = [result.cmp && !detail.includes(result.cmp) ? `consent manager ${result.cmp}` : '', result.method && result.method !== 'none' ? `answered by ${result.method}` : ''].filter(Boolean);
  return context.length ? `${detail} (${context.join(', ')})` : detail;
}

/** Navigation errors meaning the site itself could not be reached (not a broken journey step). */
export function isSiteUnreachable(message: string | undefined): boolean {
  return !!message && /net::ERR_(CONNECTION_REFUSED|NAME_NOT_RESOLVED|ADDRESS_UNREACHABLE|CONNECTION_TIMED_OUT|CONNECTION_RESET|INTERNET_DISCONNECTED|TIMED_OUT)/.test(message);
}
