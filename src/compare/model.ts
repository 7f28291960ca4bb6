/**
 * Reported vs real (issue 16): what the platforms counted for a period, against the orders the
 * shop really took in it. Shared shapes of the order sources' period read, the platform clients
 * and the comparison.
 */

/** A calendar day, `YYYY-MM-DD`, in the time zone the comparison uses (monitor `compare.timeZone`). */
export type Day = string;

/** The days to compare, both included. */
export interface Period {
  from: Day;
  to: Day;
}

/**
 * One real order of the period, with only what the comparison needs: never an e-mail, a name or
 * an address (those stay in the backend; a test order is recognised in the source and dropped).
 */
export interface RealOrder {
  id: string;
  /** ISO timestamp, as the backend recorded it. */
  createdAt: string;
  /** What the customer paid, in currency units. */
  total: number;
  currency: string;
  lineItems?: number;
  shippingMethod?: string;
  paymentMethod?: string;
  /** Coupon codes ([] for none), when the backend says. */
  coupons?: string[];
  /** 'mobile' | 'desktop' | 'tablet' or the backend's own word, when it records one. */
  device?: string;
  /** Sales channel (web, app, pos, marketplace...), when the backend records one. */
  channel?: string;
}

/** What an order source's period read gets. */
export interface PeriodQuery {
  /** Instants, the first included, the second excluded: the period's days in the comparison's time zone. */
  from: Date;
  to: Date;
  /**
   * True for a test order: `text` is whatever the source would read a run stamp from (e-mail,
   * note, meta field). Test orders are left out of the period's real orders.
   */
  isTestOrder: (text: string) => boolean;
}

/** What a platform reported for one day. */
export interface PlatformDay {
  date: Day;
  /** Purchases / conversions the platform counted that day. */
  conversions: number;
  /** Their value (purchase revenue, conversion value), in `currency`. */
  value: number;
  currency?: string;
  /**
   * The platform may still revise this day (GA4 and Google Ads: up to 72 h; Meta and TikTok:
   * their attribution windows): re-read by the next comparison, said in every report.
   */
  provisional: boolean;
}

/** One purchase a platform has, by the transaction id the tag sent (GA4's transactionId). */
export interface ReportedTransaction {
  date: Day;
  transactionId: string;
  value: number;
}

/** The platform ids the comparison knows; each is also the catalog vendor id of its tags. */
export type PlatformId = 'ga4' | 'google-ads' | 'meta' | 'tiktok';

/** A platform's answer for a period. */
export interface PlatformReport {
  platform: PlatformId;
  days: PlatformDay[];
  /** Present when the platform reports per transaction (GA4): orders are matched one by one. */
  transactions?: ReportedTransaction[];
  /** What was read, in words, without a secret: "GA4 Data API, property 123456". */
  source: string;
  /** The platform's time zone for its days, when it says (GA4 metadata.timeZone, ad account timezone_name). */
  timeZone?: string;
  /** Quota or rate-limit notes worth showing ("GA4 tokens per day: 1,234 of 200,000 left"). */
  notes?: string[];
}

/** What a platform client gets besides its own settings (the monitor's `compare.platforms.<id>` block). */
export interface PlatformContext {
  env: NodeJS.ProcessEnv;
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
  /** Now, for the provisional days (injected so tests and recorded runs are deterministic). */
  now: Date;
}

/** A platform's reporting API, read through its official client where one exists. */
export interface PlatformClient {
  id: PlatformId;
  /** In the marketer's words: "Google Analytics 4 (Data API)". */
  label: string;
  /** What to grant, for the README and for a refused credential: "Viewer on the GA4 property". */
  permission: string;
  /** Problems of the settings block as `compare.platforms.<id>.<field>: what is expected` lines; unknown fields too. */
  validateSettings(settings: Record<string, unknown>): string[];
  /** Environment variables the settings name that are not set, as lines naming the variable; no network, no secret values. */
  credentialProblems(settings: Record<string, unknown>, env: NodeJS.ProcessEnv): string[];
  /**
   * The period's figures, per day. Throws PlatformUnreachableError when the API cannot be read
   * (down, refused credentials, quota exhausted after the retries): the comparison then says the
   * platform is unavailable, never that it reported 0.
   */
  report(period: Period, settings: Record<string, unknown>, context: PlatformContext): Promise<PlatformReport>;
}

/** The platform's API could not be read: unavailable, not "0 reported". The message says what to check. */
export class PlatformUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformUnreachableError';
  }
}
