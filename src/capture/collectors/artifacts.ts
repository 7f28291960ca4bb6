import type { BrowserContext, BrowserContextOptions } from 'playwright';
import type { JourneyStatus } from '../../model/run-event.ts';
import { discardPassedArtifacts, finishJourneyArtifacts, harRecording, screenshotLastPage, startTrace } from '../failure-artifacts.ts';
import type { Collector, JourneyEndFields, JourneyScope } from './collector.ts';

/**
 * What is kept to see why a journey did not pass (see failure-artifacts.ts): the HAR of its own
 * context (recorded from its creation), a screenshot of the page where it stopped, and a trace
 * when the attempt records one (its last attempt: JourneyScope.trace).
 * A journey that passed keeps nothing.
 */
export class ArtifactsCollector implements Collector {
  readonly name = 'artifacts';

  constructor(private readonly runDir: string) {}

  contextOptions(journeyId: string): BrowserContextOptions {
    return harRecording(this.runDir, journeyId);
  }

  async addContext(context: BrowserContext, journey: JourneyScope): Promise<void> {
    if (context === journey.context && journey.trace !== false) await startTrace(context);
  }

  /** The journey went on on the last device opened: that is the page to show when it failed. */
  async beforeDevicesClose(devices: readonly BrowserContext[], journey: JourneyScope, passed: boolean): Promise<void> {
    const last = devices.at(-1);
    if (last && !passed) await screenshotLastPage(last, this.runDir, journey.id);
  }

  async afterJourney(journey: JourneyScope, status: JourneyStatus): Promise<JourneyEndFields> {
    const artifacts = await finishJourneyArtifacts(journey.context, this.runDir, journey.id, status === 'passed');
    return artifacts ? { artifacts } : {};
  }

  /** Playwright writes the HAR when the context closes: a passing journey's goes now. */
  afterContextClose(journeyId: string, passed: boolean): void {
    if (passed) discardPassedArtifacts(this.runDir, journeyId);
  }
}
