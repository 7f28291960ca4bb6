import type { VendorEvent } from '../model/vendor-event.ts';
import type { Finding } from '../model/verdict.ts';
import type { JourneyRecord } from './journeys.ts';

/**
 * Which landing click id each vendor's conversion must carry to be attributed to the ad click,
 * and where it shows in the decoded event (`_fbc` is fb.1.<ts>.<fbclid>, `_gcl_aw` ends with the gclid).
 */
const CLICK_ATTRIBUTION: Record<string, { param: string; label: string }> = {
  'google-ads': { param: 'gclid', label: 'gclid (gclaw)' },
  meta: { param: 'fbclid', label: 'fbclid (fbc)' },
  tiktok: { param: 'ttclid', label: 'ttclid (callback)' },
};

function carries(event: VendorEvent, clickId: string): boolean {
  return Object.values(event.clickIds ?? {}).some((value) => value === clickId || value.endsWith(`.${clickId}`));
}

export interface AttributionCheck {
  /** Whether the conversion carries the ad click; undefined when the journey had no ad click for this vendor. */
  attributable?: boolean;
  finding?: Finding;
}

/**
 * A conversion that arrives without the click that brought the visitor cannot be attributed to
 * that ad by the click: the loss cross-device journeys and cookie caps cause. Hashed user data
 * (enhanced conversions, advanced matching) may still let the platform match it: said, not assumed.
 */
export function checkAttribution(journey: JourneyRecord, vendor: string, purchase: VendorEvent, orderId: string, lossIsExpected: boolean): AttributionCheck {
  if (!journey.adClickIds) return {};
  if (vendor === 'ga4') return checkClientId(journey, purchase, orderId, lossIsExpected);
  const rule = CLICK_ATTRIBUTION[vendor];
  const clickId = rule ? journey.adClickIds[rule.param] : undefined;
  if (!rule || !clickId) return {};
  if (carries(purchase, clickId)) return { attributable: true };
  const fallback = purchase.userIds ? `; it carries ${Object.keys(purchase.userIds).join(', ')} the platform may still match it by` : '; nothing else lets the platform match it';
  return {
    attributable: false,
    finding: {
      severity: lossIsExpected ? 'info' : 'warning',
      kind: 'attribution-lost',
      vendor,
      condition: journey.condition,
      journeyId: journey.journeyId,
      orderId,
      message: `${vendor} ${purchase.eventName} for order ${orderId} lacks the ad click's ${rule.label} under ${journey.condition}${fallback}`,
      evidence: { clickId, clickIds: purchase.clickIds ?? {}, userIds: Object.keys(purchase.userIds ?? {}) },
    },
  };
}

/**
 * GA4 attributes a purchase to the session source of its client id: a purchase sent with another
 * client id than the ad landing (new device, expired _ga cookie) lands as a new visitor, "direct".
 */
function checkClientId(journey: JourneyRecord, purchase: VendorEvent, orderId: string, lossIsExpected: boolean): AttributionCheck {
  // The ad visit ends where a new banner shows (another device, or a return after the consent
  // cookie expired): GA4's client id from that first visit is the one the ad click belongs to.
  const visitEnd = journey.consents[1]?.decidedAt;
  const landing = journey.hits
    .filter((h) => h.hit.status !== 'blocked' && (!visitEnd || h.hit.time < visitEnd))
    .flatMap((h) => h.events)
    .find((e) => e !== purchase && e.vendor === 'ga4' && e.consent?.analyticsStorage !== 'denied' && e.params.cid);
  if (landing && (landing.params.cid === purchase.params.cid || purchase.userIds?.userId)) return { attributable: true };
  const why = landing
    ? `comes from client id ${purchase.params.cid ?? '(none)'}, not the ad landing's ${landing.params.cid}`
    : 'cannot be tied to the ad visit: GA4 got no client id during it (cookieless pings only, or no hit)';
  return {
    attributable: false,
    finding: {
      severity: lossIsExpected ? 'info' : 'warning',
      kind: 'attribution-lost',
      vendor: 'ga4',
      condition: journey.condition,
      journeyId: journey.journeyId,
      orderId,
      message: `ga4 ${purchase.eventName} for order ${orderId} ${why}, under ${journey.condition}: GA4 sees a new visitor, the ad gets no credit`,
      evidence: { landingClientId: landing?.params.cid ?? null, purchaseClientId: purchase.params.cid ?? null },
    },
  };
}
