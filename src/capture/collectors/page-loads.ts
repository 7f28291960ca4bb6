import type { BrowserContext, Page } from 'playwright';
import type { RunEvent } from '../../model/run-event.ts';
import type { Collector, JourneyScope } from './collector.ts';

/**
 * A `page-load` run log line for each main-frame load event of every page of every context of
 * the journey (its own and each device it opens). Stamped with the worker's clock when
 * Playwright reports the load, as the network tap stamps each hit when Chromium pauses it: both
 * `new Date()` in the same process, so a hit's delay after the confirmation page's load is a
 * difference of two times on one clock (a few milliseconds of event delivery either way).
 */
export class PageLoadsCollector implements Collector {
  readonly name = 'page-loads';

  constructor(private readonly log: (event: RunEvent) => void) {}

  addContext(context: BrowserContext, journey: JourneyScope): void {
    const watch = (page: Page) => {
      page.on('load', () => {
        try {
          this.log({ type: 'page-load', time: new Date().toISOString(), journeyId: journey.id, url: page.url() });
        } catch {
          // A lost line must never break the page's events.
        }
      });
    };
    for (const page of context.pages()) watch(page);
    context.on('page', watch);
  }
}
