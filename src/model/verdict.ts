import type { EventKind } from './vendor-event.ts';
import type { ConsentMethod, ConsentOutcome, JourneyArtifacts, JourneyStatus } from './run-event.ts';
import type { Variant } from './variant.ts';
import type { GapExplanation } from './gap.ts';
import type { Tracker } from './tracker.ts';
import type { Alert } from './alert.ts';

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
  /** The backend answered, but none of the run's orders and nothing of the run's window: its query or mapping is the first suspect. */
  | 'orders-not-found'
  | 'journey-failed'
  /** An order-free monitor's journey did not send the event the monitor expects from a vendor (expect.<vendor>.eventName). */
  | 'event-missing'
  | 'consent-not-handled'
  | 'fired-before-consent'
  /** A marketing hit on a journey whose pages never showed a consent banner (severity: the monitor's consent.firedWithoutBanner). */
  | 'fired-without-banner'
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
  /** A journey failed (threw, timed out) and was run again: passed on retry, the site is flaky. */
  | 'journey-retried'
  /** A test order of the run in the backend that no measured journey counts (its attempt failed after placing it). */
  | 'orphan-test-order'
  /** A release check (`tagwatch check`) found a vendor worse than in the monitor's production baseline. */
  | 'regression'
  /** A purchase hit sent long after the confirmation page loaded: visitors who leave sooner lose it. */
  | 'late-hit'
  /** `tagwatch compare`: a platform's reported / real ratio fell below its usual range on a day. */
  | 'reported-ratio-drop'
  /** `tagwatch compare`: more of a platform's gap than the monitor allows is not explained by the measured causes. */
  | 'reported-gap-unexplained'
  /** `tagwatch compare`: a platform's reporting API could not be read (the platform is not judged, never "0 reported"). */
  | 'platform-unavailable'
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
  /** 1-based line of the rule in its filter list, when known. */
  filterLine?: number;
  /** 1-based line of a batched request body (GA4 sends several events per request), when batched. */
  line?: number;
  /** Milliseconds after the load event of the confirmation page (the page the order number was read on); negative before it. */
  afterConfirmationLoadMs?: number;
  /** Milliseconds after the journey recorded its order as placed. */
  afterOrderMs?: number;
  /** Every decoded parameter of the event, flattened (`ep.transaction_id`, `cd[value]`); absent in older results. */
  params?: Record<string, string>;
}

/** One consent banner of a journey, as the run log's consent event tells it. */
export interface ConsentAnswer {
  outcome: ConsentOutcome;
  /** Who answered: autoconsent's rules, the click by button name, or nobody. Absent in older run logs. */
  method?: ConsentMethod;
  /** Which button was clicked, in which frame; or why the banner could not be answered. */
  detail?: string;
  /** The consent manager as the page names it (its global, else its cookie), when it was recognised. */
  cmp?: string;
  /** The autoconsent rule that recognised it, when one did and it is not the name in `cmp`. */
  rule?: string;
}

export type VendorOutcome = 'tracked' | 'lost' | 'duplicated' | 'value-mismatch' | 'currency-mismatch';

export interface JourneyResult {
  journeyId: string;
  scenario: string;
  condition: string;
  /** The monitor's variant combination this journey ran (items: 3, shipping: 'express'); absent without variants. */
  variant?: Variant;
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
  /**
   * Every banner the journey looked for (one per device or return visit), in order: the outcome,
   * who answered it, what was clicked or why it could not be answered, and the consent manager's
   * name. Absent when the scenario never looked, and in older results.
   */
  consentAnswers?: ConsentAnswer[];
  /** Per vendor whose purchase was lost, the cause when known ("blocked by EasyPrivacy rule ..."). */
  lossCauses: Record<string, string>;
  /** Screenshot, trace and HAR of a journey that did not pass, relative to the run folder. */
  artifacts?: JourneyArtifacts;
  /** 1, 2, ...: present when the journey was run more than once (alerts.rerunFailedJourneys). */
  attempt?: number;
  /** Id of the later attempt that replaced this failed one: kept as evidence, never measured. */
  supersededBy?: string;
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
  /**
   * Highest loss rate still passing for this vendor and condition (the monitor's thresholds; 1
   * under a condition whose loss is what it measures, unless set). Absent in older results.
   */
  maxLossRate?: number;
  /** Whether lossRate is past maxLossRate: the row failed the run. Absent in older results. */
  overThreshold?: boolean;
}

/** A vendor x condition whose loss failed the run: what alerts and reports say broke, reckoned once with the verdict. */
export interface BrokenTracking {
  vendor: string;
  condition: string;
  orders: number | null;
  lost: number | null;
  lossRate: number;
  ci95: [number, number] | null;
  /** A lost order, to look up in the backend and the vendor's debug view. */
  exampleOrder?: string;
  /** Present when the monitor gives its `business` figures: an estimate from a handful of test orders. */
  revenueAtRisk?: RevenueAtRisk;
}

/**
 * Sales the vendor would not record per day were this loss rate the real one: the monitor's
 * dailyOrders x averageOrderValue x lossRate (and x each end of its 95% interval).
 */
export interface RevenueAtRisk {
  perDay: number;
  range: [number, number] | null;
  currency: string;
  dailyOrders: number;
  averageOrderValue: number;
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
  /** What changed since the last passing run of the monitor (run history); absent without one. */
  changes?: RunChanges;
  /** What the alert policy decided for this run; absent in older results. */
  alert?: AlertOutcome;
  /** Vendor x condition rows whose loss failed the run, worst first; empty when nothing broke. Absent in older results. */
  broke?: BrokenTracking[];
  /** 'check': a release check of another origin (`tagwatch check`), never the monitor's baseline; absent: an audit. */
  kind?: 'check';
  /** true: the monitor has no order source (a consent or privacy audit of pages): no loss table, the verdict is the findings'. */
  orderFree?: true;
  /** For a release check: the production run it was compared with; absent without one. */
  releaseBaseline?: { runId: string; baseUrl: string; startedAt: string };
  /**
   * How the notifications went (an effect after the verdict, recorded in the run folder and shown
   * in every report): channels that failed, and why. Absent when no notifier ran.
   */
  delivery?: Delivery;
}

/** What the notifiers (Slack, e-mail, yours) did with the run's alert. */
export interface Delivery {
  /** Channels that delivered, e.g. ['slack']. */
  sent: string[];
  /** Channels that failed, e.g. ['email']. */
  failedChannels: string[];
  /** One line per failure, with the channel's reason (never a secret). */
  problems: string[];
}

/** What changed since the last passing run of the same monitor (src/reconcile/baseline-diff.ts). */
export interface RunChanges {
  /** The last passing run compared with. */
  since: { runId: string; startedAt: string };
  /** Trackers seen in a passed journey of one run and not the other, per condition. */
  trackers: { change: 'appeared' | 'disappeared'; id: string; name: string; condition: string }[];
  /** What a vendor's tags sent that changed, per condition: values no longer sent, values newly sent. */
  parameters: { vendor: string; condition: string; field: 'account' | 'currency' | 'eventName'; removed: string[]; added: string[] }[];
  /** Loss rates that moved by 10 points or more, or whose 95% intervals no longer overlap (`significant`). */
  loss: { vendor: string; condition: string; before: number; after: number; significant: boolean }[];
  /** Finding kinds the last passing run did not have, with the vendors concerned. */
  newFindingKinds: { kind: FindingKind; severity: Severity; vendors: string[] }[];
}

/** The alert policy's decision for a run (src/judge/alert-policy.ts). */
export interface AlertOutcome {
  /** The alert to send (failure, reminder, recovery); absent when the run notifies no one. */
  alert?: Alert;
  /** Why, in one sentence: "the same failure as already announced ...: deduplicated, no alert". */
  reason: string;
}
