/** What a tag request means for a vendor: one request can carry several events (GA4 batches). */
export type EventKind = 'purchase' | 'pageview' | 'other';

/** Consent signals a request carries, as the vendor encodes them (Google Consent Mode v2, ...). */
export interface ConsentSignals {
  /** Google `gcs`, e.g. G111 (ad_storage and analytics_storage granted), G100 (both denied). */
  gcs?: string;
  /** Google `gcd`, Consent Mode v2 state string. */
  gcd?: string;
  /** Google `npa` (non-personalised ads) flag. */
  npa?: string;
  /** Derived: analytics storage granted according to the signals, when they say. */
  analyticsStorage?: 'granted' | 'denied';
  /** Derived: ad storage granted according to the signals, when they say. */
  adStorage?: 'granted' | 'denied';
  /** Derived from gcd (Consent Mode v2): sending user data to Google for ads. */
  adUserData?: 'granted' | 'denied';
  /** Derived from gcd (Consent Mode v2): ads personalisation (remarketing). */
  adPersonalization?: 'granted' | 'denied';
}

export interface VendorEvent {
  /** Catalog id of the vendor: ga4, google-ads, meta, tiktok, ... */
  vendor: string;
  /** The account the hit is for: GA4 measurement id, pixel id, AW-... conversion id. */
  account?: string;
  /** The event name exactly as the vendor sent it (purchase, Purchase, CompletePayment, ...). */
  eventName: string;
  kind: EventKind;
  /** The shop's order id, as the tag reported it. */
  transactionId?: string;
  /** Monetary value in currency units. */
  value?: number;
  /** ISO 4217 code as sent. */
  currency?: string;
  /** Vendor dedup key: Meta eid, TikTok event_id, ... */
  eventId?: string;
  consent?: ConsentSignals;
  /** Ad click identifiers the hit carries, by name: gclaw / gclid (Google), fbc (Meta), ttclid (TikTok). */
  clickIds?: Record<string, string>;
  /** Identifiers that work across devices: user id, hashed e-mail or phone (enhanced conversions). */
  userIds?: Record<string, string>;
  /** Plain (unhashed) e-mails or phone numbers found anywhere in the request. */
  pii?: PersonalData;
  /** 1-based line of the request body this event came from, for batched requests (GA4 `v=2` batches). */
  line?: number;
  /**
   * A companion of the purchase, not a purchase of its own: Google Ads' 1p-conversion follow-on of
   * a conversion, Amplitude's revenue event beside its order event. It stands for the purchase only
   * when the vendor sent no primary one; never counted as a duplicate.
   */
  companion?: boolean;
  /** Every decoded parameter, flattened to strings (`ep.transaction_id`, `cd[value]`, `properties.value`). */
  params: Record<string, string>;
}

/** Personal data a request carries in clear. */
export interface PersonalData {
  emails: string[];
  phones: string[];
}
