import type { VendorEvent } from '../model/vendor-event.ts';

/**
 * Google's advanced consent mode keeps sending cookieless pings after a refusal (gcs=G100):
 * they feed the platform's modelling, not its attribution, so they are not tracking an order.
 * A ping is a Google hit whose own consent signal denies the storage that vendor needs.
 */
export function isConsentModePing(event: VendorEvent): boolean {
  const consent = event.consent;
  if (!consent) return false;
  if (event.vendor === 'ga4') return consent.analyticsStorage === 'denied';
  if (event.vendor === 'google-ads' || event.vendor === 'floodlight') return consent.adStorage === 'denied';
  return false;
}
