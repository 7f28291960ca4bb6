import type { BrowserContextOptions } from 'playwright';
import type { Monitor } from '../monitor/schema.ts';
import type { CookieCaps } from '../capture/cookie-caps.ts';

/** What the journey does with a consent banner under a condition. */
export type ConsentChoice = 'accept' | 'refuse' | 'ignore';

/**
 * How long the visitor stays on the confirmation page when the scenario calls
 * `journey.dwellOnConfirmation(page)`: 'read' reads it like a customer (until the tags are
 * quiet, at most 3 s after its load event); 'leave-at-load' leaves at its load event, as buyers
 * who close the tab at once do (the fast-exit condition).
 */
export type ConfirmationDwell = 'read' | 'leave-at-load';
export const CONFIRMATION_DWELLS: readonly ConfirmationDwell[] = ['read', 'leave-at-load'];

/** A request as a blocker sees it: URL, Chromium resource type, and the page that sent it. */
export interface RequestToBlock {
  url: string;
  resourceType?: string;
  sourceUrl?: string;
}

/** Why a request was blocked: the filter rule, and the list it comes from when known. */
export interface BlockDecision {
  /** The rule as written in its list (never an engine's merged form). */
  rule: string;
  list?: string;
  /** 1-based line of the rule in that list file, when known. */
  line?: number;
}

export interface RequestBlocker {
  match(request: RequestToBlock): BlockDecision | undefined;
}

/**
 * A controlled condition journeys run under (baseline, adblock, consent-refused, ...).
 * Each condition becomes one Playwright project of the audit.
 */
export interface ConditionDefinition {
  /** Equal to the file name in src/conditions/. */
  id: string;
  /** One line for reports: what this condition simulates. */
  description: string;
  /** Browser context options (viewport, user agent, locale, ...). Default: Playwright's desktop defaults. */
  contextOptions?: BrowserContextOptions;
  /**
   * The journey this condition needs when the monitor's default scenarios cannot serve it, in a
   * few words a scenario author understands (cross-device: 'lands from an ad on a phone, then pays
   * on another device opened with newDevice()'). A monitor running such a condition must map it to
   * scenarios of that shape (`scenarios: { default: [...], '<condition id>': [...] }`); without one
   * the audit stops before any browser starts. Default: the monitor's default scenarios serve it.
   */
  journeyShape?: string;
  /** JavaScript run in every page before the site's own (browser signals such as GPC). Default none. */
  initScript?: string;
  /**
   * The opt-out signal this condition sends (e.g. 'Global Privacy Control'): advertising tags that
   * fire anyway are findings. Default none.
   */
  optOutSignal?: string;
  /** Safari-like caps on script-set cookies, applied when a scenario returns days later. Default none. */
  cookieCaps?: CookieCaps;
  /**
   * How long the visitor stays on the confirmation page, for scenarios that call
   * `journey.dwellOnConfirmation(page)` (scenarios that do not call it leave as they always did).
   * Default 'read'.
   */
  confirmationDwell?: ConfirmationDwell;
  /** Decision taken on the consent banner. Default 'accept'. */
  consent?: ConsentChoice;
  /**
   * Loss under this condition is what it measures (an ad blocker blocks tags), not a broken tag:
   * it is reported with its cause but fails the run only past an explicit per-vendor threshold.
   * Default false.
   */
  lossIsExpected?: boolean;
  /**
   * Decides, for every request of the journey, whether it is blocked (as an ad blocker would).
   * Called once by the audit before journeys start (so a missing filter list is a clear error
   * up front) and once per browser worker.
   */
  createBlocker?(monitor: Monitor): Promise<RequestBlocker>;
}

export function defineCondition(condition: ConditionDefinition): ConditionDefinition {
  return condition;
}

/** What a condition file must export besides its id. */
export function conditionProblems(condition: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof condition.description !== 'string') problems.push('needs a `description` string');
  if (condition.scenarios !== undefined) {
    problems.push("`scenarios` is gone: a condition names no scenario; say what journey it needs in `journeyShape`, and the monitor maps it: scenarios: { '<id>': [...] }");
  }
  for (const field of ['initScript', 'optOutSignal', 'journeyShape']) {
    if (condition[field] !== undefined && typeof condition[field] !== 'string') problems.push(`\`${field}\`, when present, must be a string`);
  }
  if (condition.createBlocker !== undefined && typeof condition.createBlocker !== 'function') problems.push('`createBlocker`, when present, must be a function');
  if (condition.consent !== undefined && !['accept', 'refuse', 'ignore'].includes(condition.consent as string)) {
    problems.push("`consent` must be 'accept', 'refuse' or 'ignore'");
  }
  if (condition.confirmationDwell !== undefined && !CONFIRMATION_DWELLS.includes(condition.confirmationDwell as ConfirmationDwell)) {
    problems.push(`\`confirmationDwell\` must be ${CONFIRMATION_DWELLS.map((d) => `'${d}'`).join(' or ')} (got ${JSON.stringify(condition.confirmationDwell)})`);
  }
  return problems;
}
