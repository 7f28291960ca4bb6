import type { ConsentSignals } from '../../model/vendor-event.ts';
import { withoutUndefined } from '../canonical.ts';

const STATE: Record<string, 'granted' | 'denied'> = { '1': 'granted', '0': 'denied' };

/**
 * Google Consent Mode signals (GA4 and Google Ads share them). `gcs` is `G1` followed by the
 * ad_storage then analytics_storage digit: G111 both granted, G100 both denied, G101 analytics
 * only. Any other character (Google sends `-` for "not set") leaves that storage undecided.
 * Undefined when the request carries no signal at all.
 */
export function googleConsent(params: Record<string, string>): ConsentSignals | undefined {
  const { gcs, gcd, npa } = params;
  if (gcs === undefined && gcd === undefined && npa === undefined) return undefined;
  const digits = gcs !== undefined && /^G1..$/.test(gcs) ? gcs.slice(2) : '';
  return withoutUndefined({
    gcs,
    gcd,
    npa,
    adStorage: STATE[digits.charAt(0)],
    analyticsStorage: STATE[digits.charAt(1)],
  });
}
