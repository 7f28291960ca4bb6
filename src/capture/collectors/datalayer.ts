import type { BrowserContext } from 'playwright';
import type { RunEvent } from '../../model/run-event.ts';
import { attachDataLayerTap } from '../datalayer-tap.ts';
import type { Collector, JourneyScope } from './collector.ts';

/** The dataLayer tap (see datalayer-tap.ts) on every context of the journey: each push is a run log line. */
export class DataLayerCollector implements Collector {
  readonly name = 'datalayer';

  constructor(private readonly log: (event: RunEvent) => void) {}

  async addContext(context: BrowserContext, journey: JourneyScope): Promise<void> {
    await attachDataLayerTap(context, (pageUrl, value) => this.log({ type: 'datalayer', time: new Date().toISOString(), journeyId: journey.id, pageUrl, value }));
  }
}
