import type { BrowserContext } from 'playwright';
import { installConsentAutomation } from '../consent-banner.ts';
import type { Collector } from './collector.ts';

/**
 * Consent automation (autoconsent) in every context of the journey, before its first document
 * loads. The banner itself is answered when the scenario calls `journey.consent(page)`, which
 * records the outcome; without the automation that call falls back to clicking by button name.
 */
export class ConsentCollector implements Collector {
  readonly name = 'consent';

  async addContext(context: BrowserContext): Promise<void> {
    await installConsentAutomation(context);
  }
}
