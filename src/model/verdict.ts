import type { EventKind } from './vendor-event.ts';
import type { ConsentOutcome, JourneyStatus } from './run-event.ts';
import type { GapExplanation } from './gap.ts';
import type { Tracker } from './tracker.ts';

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive';
export type Severity = 'error' | 'warning' | 'info';

export type FindingKind =
  | 'tag-missing'
  | 'tag-blocked'
  | 'duplicate-hit'
  | 'value-mismatch'
  | 'currency-mismatch'
  | 'order-not-in-backend'
  | 'site-unreachable'
  | 'backend-unreachable'
  | 'journey-failed'
  | 'consent-not-handled'
  | 'fired-before-consent'
  | 'fired-after-refusal'
  | 'consent-signal-mismatch'
  | 'attribution-lost'
  | 'fired-despite-opt-out'
  | 'pii-in-hit'
  /** dataLayer got the purchase with the order id, but the vendor's tag sent none: a trigger problem. */
  | 'tag-not-triggered'
  /** No dataLayer purchase for the order: the site never told the tag manager. */
  | 'datalayer-missing'
  /** A tracker seen in this run that the previous run of the monitor did not have, and the reverse. */
  | 'tag-appeared'
  | 'tag-disappeared'
  /** A vendor's purchase carries no order id: matched to its journey instead. */
  | 'transaction-id-missing'
  /** One order, vendors disagree on its id, value or currency. */
  | 'id-inconsistent'
  /** Some repeats lost the purchase, others did not: intermittent. */
  | 'flaky-loss'
  | 'plugin-error';

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  message: string;
  vendor?: string;
  condition?: string;
  journeyId?: string;
  orderId?: string;
  /** Free-form evidence: the hit URL, the values compared, ... */
  evidence?: Record<string, unknown>;
}

export interface JourneyHit {
  vendor: string;
  eventName: string;
  kind: EventKind;
  transactionId?: string;
  value?: number;
  currency?: string;
  eventId?: string;
  account?: string;
  url: string;
  time: string;
  /** captured (answered locally), blocked (by the condition's blocker) or live. */
  status: string;
  /** The filter rule that blocked it, when blocked. */
  rule?: string;
  filterList?: string;
}

export type VendorOutcome = 'tracked' | 'lost' | 'duplicated' | 'value-mismatch' | 'currency-mismatch';

export interface JourneyResult {
  journeyId: string;
  scenario: string;
  condition: string;
  repeat: number;
  orderId?: string;
  /** Whether the order was found in the backend; undefined when the backend could not be read. */
  orderInBackend?: boolean;
  status: JourneyStatus | 'incomplete';
  error?: string;
  hits: JourneyHit[];
  /** Per vendor, what happened to this journey's purchase. */
  vendors: Record<string, VendorOutcome>;
  /** What happened with the consent banner (undefined when the scenario never looked at it). */
  consent?: ConsentOutcome;
  /** Per vendor whose purchase was lost, the cause when known ("blocked by EasyPrivacy rule ..."). */
  lossCauses: Record<string, string>;
}

export interface LossRow {
  vendor: string;
  condition: string;
  /** Real orders (found in the backend) the vendor should have seen; null when not measurable. */
  orders: number | null;
  tracked: number | null;
  /** Tracked orders whose conversion still carries the ad click; null when no journey came from an ad click. */
  attributable: number | null;
  lost: number | null;
  duplicated: number;
  /** Lost orders the vendor saw only as a cookieless consent-mode ping (modelling, not attribution). */
  consentPings: number;
  lossRate: number | null;
  /** 95% Wilson score interval of lossRate. */
  ci95: [number, number] | null;
}

/** What happened to the run's test orders after the verdict (monitor `orders.cleanup`). */
export interface OrderCleanup {
  /** Test orders of the run the backend returned. */
  requested: number;
  /** Cancelled or deleted. */
  cleaned: number;
  /** Why some or all were not cleaned. */
  error?: string;
}

export interface Verdict {
  runId: string;
  monitor: string;
  baseUrl: string;
  startedAt: string;
  finishedAt: string;
  status: VerdictStatus;
  /** One sentence a marketer can read. */
  summary: string;
  journeys: JourneyResult[];
  loss: LossRow[];
  findings: Finding[];
  /** Every third party the journeys reached, named by trackerdb; absent when the tracker database could not be read, and in older results. */
  trackers?: Tracker[];
  /** How much of the gap between real orders and each vendor's count the measured causes explain; absent in older results. */
  gap?: GapExplanation;
  /** Plugin failures and other run problems that did not stop the run. */
  diagnostics: string[];
  /** Present when the monitor asked to clean up the test orders. */
  cleanup?: OrderCleanup;
}
