import type { JourneyRecord } from './journeys.ts';

/** When a hit was sent, measured from the moments a buyer can leave: the confirmation page's load, the order. */
export interface HitTiming {
  /** Milliseconds after the confirmation page's load event; negative when sent before it. */
  afterConfirmationLoadMs: number;
  /** Milliseconds after the journey recorded its order as placed. */
  afterOrderMs: number;
}

/**
 * The confirmation page's load: the last page load at or before the order was recorded as placed
 * (the journey reads the order number on the confirmation page, so it had loaded by then).
 * Undefined for a journey without page-load events (older run logs) or without an order.
 */
export function confirmationPageLoad(journey: Pick<JourneyRecord, 'pageLoads' | 'orderPlacedAt'>): { url: string; time: string } | undefined {
  if (!journey.pageLoads?.length || !journey.orderPlacedAt) return undefined;
  const placed = Date.parse(journey.orderPlacedAt);
  if (!Number.isFinite(placed)) return undefined;
  let last: { url: string; time: string } | undefined;
  for (const load of journey.pageLoads) {
    const time = Date.parse(load.time);
    if (Number.isFinite(time) && time <= placed && (!last || time >= Date.parse(last.time))) last = load;
  }
  return last;
}

/** A hit's delay after the confirmation page loaded and after the order; undefined when the journey cannot tell. */
export function hitTiming(journey: Pick<JourneyRecord, 'pageLoads' | 'orderPlacedAt'>, hitTime: string): HitTiming | undefined {
  const load = confirmationPageLoad(journey);
  const sent = Date.parse(hitTime);
  if (!load || !Number.isFinite(sent)) return undefined;
  return { afterConfirmationLoadMs: sent - Date.parse(load.time), afterOrderMs: sent - Date.parse(journey.orderPlacedAt!) };
}
