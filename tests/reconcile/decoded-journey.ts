import { expect } from 'vitest';
import { createCatalog, decodeRunLog, type VendorDefinition } from '../../src/catalog/index.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';

/**
 * One passing baseline purchase journey as the capture writes its run log (start, order placed,
 * the hits given, end), decoded by the real catalog of `vendors`; a decoding diagnostic fails the test.
 */
export function decodedJourney(hits: RunEvent[], options: { vendors: VendorDefinition[]; journeyId: string; orderId: string; at: () => string }): JourneyRecord[] {
  const { vendors, journeyId, orderId, at } = options;
  const events: RunEvent[] = [
    { type: 'journey-start', time: at(), journeyId, scenario: 'purchase', condition: 'baseline', repeat: 1 },
    { type: 'order-placed', time: at(), journeyId, orderId, stamp: 'tw-1' },
    ...hits,
    { type: 'journey-end', time: at(), journeyId, status: 'passed', networkHosts: {} },
  ];
  const diagnostics: string[] = [];
  const decoded = decodeRunLog(events, createCatalog(vendors), diagnostics);
  expect(diagnostics).toEqual([]);
  return decoded;
}
