/**
 * The tag accounts the demo shop's tags report to. Fake ids in each vendor's real format, so the
 * catalog decodes demo hits exactly like a customer's, and a hit that escaped the local capture
 * could never land in anybody's real account.
 */
export const GA4_MEASUREMENT_ID = 'G-DEMO0SHOP1';
export const GOOGLE_ADS_CONVERSION_ID = '987654321';
export const GOOGLE_ADS_CONVERSION_LABEL = 'DemoPurchase';
/** The `send_to` form gtag uses for the conversion: AW-<id>/<label>. */
export const GOOGLE_ADS_SEND_TO = `AW-${GOOGLE_ADS_CONVERSION_ID}/${GOOGLE_ADS_CONVERSION_LABEL}`;
export const META_PIXEL_ID = '1234567890123456';
export const TIKTOK_PIXEL_CODE = 'CDEMOSHOP0TIKTOK00';
export const SHOP_CURRENCY = 'EUR';

/** All of the above in one object, for monitors that list the accounts they expect. */
export const DEMO_ACCOUNTS = {
  ga4: GA4_MEASUREMENT_ID,
  googleAds: { conversionId: GOOGLE_ADS_CONVERSION_ID, label: GOOGLE_ADS_CONVERSION_LABEL, sendTo: GOOGLE_ADS_SEND_TO },
  meta: META_PIXEL_ID,
  tiktok: TIKTOK_PIXEL_CODE,
  currency: SHOP_CURRENCY,
} as const;
