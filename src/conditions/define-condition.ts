import type { BrowserContextOptions } from 'playwright';

/** What the journey does with a consent banner under a condition. */
export type ConsentChoice = 'accept' | 'refuse' | 'ignore';

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
  /** Decision taken on the consent banner. Default 'accept'. */
  consent?: ConsentChoice;
}

export function defineCondition(condition: ConditionDefinition): ConditionDefinition {
  return condition;
}

/** What a condition file must export besides its id. */
export function conditionProblems(condition: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof condition.description !== 'string') problems.push('needs a `description` string');
  if (condition.consent !== undefined && !['accept', 'refuse', 'ignore'].includes(condition.consent as string)) {
    problems.push("`consent` must be 'accept', 'refuse' or 'ignore'");
  }
  return problems;
}
