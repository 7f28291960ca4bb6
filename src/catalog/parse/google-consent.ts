import type { ConsentSignals } from '../../model/vendor-event.ts';

type State = 'granted' | 'denied';
const GCS_STATE: Record<string, State> = { '1': 'granted', '0': 'denied' };

/**
 * `gcd` letters: the state each signal ends in after its default and its update. l = not set;
 * p/q/m/u end denied (denied by default, denied by update, denied update only, granted then
 * denied); t/r/n/v end granted (granted by default, denied then granted, granted update only,
 * granted by both). Table as published by Markus Baersch on Simo Ahava's blog (Consent Mode v2).
 */
const GCD_STATE: Record<string, State> = { p: 'denied', q: 'denied', m: 'denied', u: 'denied', t: 'granted', r: 'granted', n: 'granted', v: 'granted' };

/** `11p1p1p1p5`: two digits, then a letter per signal separated by digits, in this order. */
function gcdStates(gcd: string | undefined): [State?, State?, State?, State?] {
  if (!gcd || !/^\d\d[a-z]\d[a-z]\d[a-z]\d[a-z]/.test(gcd)) return [];
  return [GCD_STATE[gcd[2]!], GCD_STATE[gcd[4]!], GCD_STATE[gcd[6]!], GCD_STATE[gcd[8]!]];
}

/**
 * Google Consent Mode signals (GA4 and Google Ads share them). `gcs` is `G1` followed by the
 * ad_storage then analytics_storage digit: G111 both granted, G100 both denied, G101 analytics
 * only; any other character (`-` for "not set") leaves that storage undecided. `gcd` adds
 * ad_user_data and ad_personalization (Consent Mode v2) and backs up the storage states when
 * `gcs` is absent. Undefined when the request carries no signal at all.
 */
export function googleConsent(params: Record<string, string>): ConsentSignals | undefined {
  const { gcs, gcd, npa } = params;
  if (gcs === undefined && gcd === undefined && npa === undefined) return undefined;
  const digits = gcs !== undefined && /^G1..$/.test(gcs) ? gcs.slice(2) : '';
  const [adStorage, analyticsStorage, adUserData, adPersonalization] = gcdStates(gcd);
  // Field by field, leaving out what is unknown: one object, no withoutUndefined copy.
  const signals: ConsentSignals = {};
  if (gcs !== undefined) signals.gcs = gcs;
  if (gcd !== undefined) signals.gcd = gcd;
  if (npa !== undefined) signals.npa = npa;
  const ad = GCS_STATE[digits.charAt(0)] ?? adStorage;
  if (ad !== undefined) signals.adStorage = ad;
  const analytics = GCS_STATE[digits.charAt(1)] ?? analyticsStorage;
  if (analytics !== undefined) signals.analyticsStorage = analytics;
  if (adUserData !== undefined) signals.adUserData = adUserData;
  if (adPersonalization !== undefined) signals.adPersonalization = adPersonalization;
  return signals;
}
