import type { Finding } from '../model/verdict.ts';
import { hitTiming } from './hit-timing.ts';
import type { JourneyRecord } from './journeys.ts';
import { batchLine, eventText, isExpectedPurchase, type VendorExpectation } from './match-purchases.ts';

/** One journey's purchase hit of a vendor sent past the threshold. */
interface LateHit {
  journeyId: string;
  orderId?: string;
  eventName: string;
  label: string;
  delayMs: number;
  afterOrderMs: number;
  url: string;
  line?: number;
}

/**
 * Purchase hits sent later than `lateHitSeconds` after the confirmation page loaded: the journey
 * waited for them, a buyer who closes the tab sooner does not. One warning per vendor, condition
 * and event, with the delays and journeys. Each journey's first purchase hit of the vendor is the
 * one timed (a later copy is a duplicate, not the purchase); blocked hits never left the browser
 * and companions follow their purchase. Journeys without page-load events get no timing, so no finding.
 */
export function lateHitFindings(journeys: readonly JourneyRecord[], expectations: Record<string, VendorExpectation>, lateHitSeconds: number): Finding[] {
  const thresholdMs = Math.round(lateHitSeconds * 1000);
  const late = new Map<string, { vendor: string; condition: string; eventName: string; timed: Set<string>; hits: LateHit[] }>();
  for (const journey of journeys) {
    // Older run logs have no page loads: nothing to time, and no pass over their hits.
    if (!journey.pageLoads?.length || !journey.orderPlacedAt) continue;
    for (const [vendor, expectation] of Object.entries(expectations)) {
      const first = firstPurchase(journey, vendor, expectation);
      if (!first) continue;
      const timing = hitTiming(journey, first.time);
      if (!timing) continue;
      const key = `${vendor}\u0000${journey.condition}\u0000${first.event.eventName}`;
      const group = late.get(key) ?? { vendor, condition: journey.condition, eventName: first.event.eventName, timed: new Set<string>(), hits: [] };
      late.set(key, group);
      group.timed.add(journey.journeyId);
      if (timing.afterConfirmationLoadMs <= thresholdMs) continue;
      group.hits.push({
        journeyId: journey.journeyId,
        ...(journey.orderId ? { orderId: journey.orderId } : {}),
        eventName: first.event.eventName,
        label: eventText(first.event, first.line),
        delayMs: timing.afterConfirmationLoadMs,
        afterOrderMs: timing.afterOrderMs,
        url: first.url.split('?')[0]!,
        ...(first.line !== undefined ? { line: first.line } : {}),
      });
    }
  }
  return [...late.values()]
    .filter((group) => group.hits.length > 0)
    .map((group) => {
      const delays = group.hits.map((h) => h.delayMs);
      const slowest = group.hits.reduce((a, b) => (b.delayMs > a.delayMs ? b : a));
      const low = seconds(Math.min(...delays));
      const high = seconds(Math.max(...delays));
      const when = low === high ? `${high} s` : `${low} to ${high} s`;
      return {
        severity: 'warning',
        kind: 'late-hit',
        vendor: group.vendor,
        condition: group.condition,
        ...(group.hits.length === 1 ? { journeyId: slowest.journeyId, ...(slowest.orderId ? { orderId: slowest.orderId } : {}) } : {}),
        message:
          `${group.vendor} ${slowest.label} sent ${when} after the confirmation page loaded: visitors who leave sooner lose it ` +
          `(${group.hits.length} of ${group.timed.size} journey${group.timed.size === 1 ? '' : 's'} under ${group.condition}; threshold ${seconds(thresholdMs)} s)`,
        evidence: {
          delayMs: slowest.delayMs,
          thresholdMs,
          ...(slowest.line !== undefined ? { line: slowest.line } : {}),
          journeys: group.hits.map(({ label: _label, eventName: _name, ...hit }) => hit),
        },
      } satisfies Finding;
    })
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.condition.localeCompare(b.condition));
}

/** The vendor's first purchase hit of the journey that left the browser, primary events only. */
function firstPurchase(journey: JourneyRecord, vendor: string, expectation: VendorExpectation) {
  let first: { event: JourneyRecord['hits'][number]['events'][number]; time: string; url: string; line?: number } | undefined;
  for (const { hit, events } of journey.hits) {
    if (hit.status === 'blocked') continue;
    const event = events.find((e) => !e.companion && isExpectedPurchase(e, vendor, expectation));
    if (event && (!first || Date.parse(hit.time) < Date.parse(first.time))) first = { event, time: hit.time, url: hit.url, line: batchLine(event, events) };
  }
  return first;
}

/** 1.6, 12, 0.4: tenths of a second, as a person reads a delay. */
function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
