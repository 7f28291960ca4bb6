import type { BrowserContext } from 'playwright';
import { installConsentAutomation, setJourneyTimeLimit } from '../consent-banner.ts';
import type { Collector } from './collector.ts';

/**
 * Consent automation (autoconsent) in every context of the journey, before its first document
 * loads. The banner itself is answered when the scenario calls `journey.consent(page)`, which
 * records the outcome; without the automation that call falls back to clicking by button name.
 * Each context also carries the journey's time limit, which the banner's time budgets derive from.
 */
export class ConsentCollector implements Collector {
  readonly name = 'consent';

  async addContext(context: BrowserContext): Promise<void> {
    const limit = await runningTestTimeLimitMs();
    if (limit) setJourneyTimeLimit(context, limit);
    await installConsentAutomation(context);
  }
}

/**
 * The time limit of the Playwright test (the journey) running now: the monitor's
 * browser.journeyTimeoutSeconds, or what the scenario set. Undefined outside a running test.
 */
async function runningTestTimeLimitMs(): Promise<number | undefined> {
  if (process.env.TEST_WORKER_INDEX === undefined) return undefined; // Not in a Playwright Test worker.
  try {
    const { test } = await import('playwright/test');
    const timeout = test.info().timeout;
    return timeout > 0 ? timeout : undefined; // 0: no limit; the default budgets then apply.
  } catch {
    return undefined;
  }
}
