import type { Order } from '../model/order.ts';
import type { Finding, JourneyHit, JourneyResult, LossRow, Severity, VerdictStatus } from '../model/verdict.ts';
import { variantLabel } from '../model/variant.ts';
import { consentAnswersOf, type JourneyRecord } from './journeys.ts';
import { buildLossTable, type OrderOutcome } from './loss-table.ts';
import { matchPurchase, type VendorExpectation } from './match-purchases.ts';
import { consentFindings } from './consent-compliance.ts';
import { checkAttribution } from './attribution.ts';
import { optOutFindings } from './opt-out.ts';
import { personalDataFindings } from './personal-data.ts';
import { flakyLossFindings } from './flaky-loss.ts';
import { asSeriousAsTheLoss, diagnoseLostPurchase, ecommercePushCount } from './datalayer-diagnosis.ts';
import { hitTiming } from './hit-timing.ts';
import { lateHitFindings } from './late-hits.ts';
import { lossPattern as differentialDiagnosis, type LossPattern, type OrderCase } from './differential-diagnosis.ts';
import { eventSent, missingEventFindings, orderFreeStatus, orderFreeSummary, type MissingEvent } from './order-free.ts';

/** The backend's answer: the run's orders, or why they could not be read. */
export type OrdersResult = { ok: true; orders: Order[] } | { ok: false; error: string };

export interface ReconcileInput {
  journeys: JourneyRecord[];
  orders: OrdersResult;
  /** The window the orders were asked for (ISO times): an order of it in the answer shows the source saw it. */
  ordersWindow?: { from: string; to: string };
  /** The order source's id, for messages. */
  orderSource?: string;
  /**
   * Per order id, the vendors whose purchase went to an endpoint the monitor does not declare
   * (judge/undeclared-endpoints.ts), with the loss cause to give: a lost purchase found there is
   * a configuration gap, not a tag that never fired.
   */
  undeclaredPurchases?: ReadonlyMap<string, readonly { vendor: string; url: string; cause: string }[]>;
  expectations: Record<string, VendorExpectation>;
  /** Severity of a marketing hit on a journey that never showed a consent banner (monitor consent.firedWithoutBanner). Default warning. */
  firedWithoutBanner?: Severity;
  /** Highest loss rate that still passes, per vendor and condition. */
  maxLossRate: (vendor: string, condition: string) => number;
  /** Conditions whose loss is what they measure (adblock, consent refused): reported, not failed. */
  expectedLossConditions?: string[];
  /** Conditions whose visitor leaves the confirmation page at its load event (fast-exit): a loss there is the quick exit. */
  quickExitConditions?: string[];
  /** Per condition, the opt-out signal its browser sends (GPC): advertising hits are findings. */
  optOutSignals?: Record<string, string>;
  /** Catalog vendors whose category is advertising. */
  advertisingVendors?: string[];
  conditions: string[];
  /**
   * An order-free monitor (no order source: a consent or privacy audit of pages): journeys are
   * measured without orders, each expectation is an event every journey must send where its
   * condition lets it, there is no loss table, and the verdict comes from the findings.
   */
  orderFree?: boolean;
  /** A purchase hit sent later than this after the confirmation page loaded is a `late-hit` (monitor timing.lateHitSeconds; default 1). */
  lateHitSeconds?: number;
  /**
   * Compares a vendor's lost orders with its tracked ones under one condition and names what
   * separates them; its text is the loss finding's cause when it finds one. Default: the
   * differential diagnosis (differential-diagnosis.ts); tests hand their own.
   */
  lossPattern?: LossPatternFinder;
}

/** What separates a vendor's lost orders from its tracked ones under one condition, if anything does. */
export type LossPatternFinder = (vendor: string, lost: readonly OrderCase[], tracked: readonly OrderCase[]) => LossPattern | undefined;

/** Wording contract of the consent collector: a banner tagwatch could not answer is tagwatch's problem, not the site's. */
export const TAGWATCH_CONSENT_ERROR = 'tagwatch could not answer the consent banner';

export interface Reconciliation {
  status: VerdictStatus;
  summary: string;
  journeys: JourneyResult[];
  loss: LossRow[];
  findings: Finding[];
}

/**
 * Pure: journeys + backend orders + expectations -> loss table and findings. What could not be
 * measured (site or backend unreachable, journey broken before its order) is inconclusive,
 * never counted as loss.
 */
export function reconcile(given: ReconcileInput): Reconciliation {
  const notFound = given.orderFree ? undefined : ordersNotFound(given);
  // Not one of the run's orders, and nothing else of its window: not measured, as a backend down is.
  const input: ReconcileInput = notFound ? { ...given, orders: { ok: false, error: notFound } } : given;
  const vendors = Object.keys(input.expectations);
  const findings: Finding[] = [];
  const outcomes: OrderOutcome[] = [];
  const ordersById = new Map(input.orders.ok ? input.orders.orders.map((o) => [o.id, o] as const) : []);
  const results: JourneyResult[] = [];
  // Why purchases were lost, by the dataLayer: judged after the loss table, as serious as the loss.
  const diagnoses: Finding[] = [];
  // What each stated loss cause was read from, per journey and vendor: a cause never goes without it.
  const causeEvidence = new Map<string, Record<string, unknown>>();
  // dataLayer diagnosis only where the site pushes ecommerce into it (any journey of the run did).
  const siteHasEcommerce = input.journeys.some((j) => ecommercePushCount(j.dataLayer) > 0);
  // Order-free: the expected events each journey did not send.
  const missing: MissingEvent[] = [];

  if (notFound) {
    findings.push({ severity: 'error', kind: 'orders-not-found', message: notFound });
  } else if (!input.orders.ok) {
    findings.push({ severity: 'error', kind: 'backend-unreachable', message: `Orders could not be read, so loss was not measured: ${input.orders.error}` });
  }

  for (const journey of input.journeys) {
    const result: JourneyResult = {
      journeyId: journey.journeyId,
      scenario: journey.scenario,
      condition: journey.condition,
      ...(journey.variant ? { variant: journey.variant } : {}),
      repeat: journey.repeat,
      orderId: journey.orderId,
      status: journey.status,
      error: journey.error,
      hits: journey.hits.flatMap((decoded) => toJourneyHits(decoded, journey)),
      vendors: {},
      lossCauses: {},
      consent: journey.consent,
      ...consentAnswersOf(journey),
      ...(journey.artifacts ? { artifacts: journey.artifacts } : {}),
      ...(journey.attempt ? { attempt: journey.attempt } : {}),
    };
    if (journey.supersededBy) {
      // A failed attempt that was run again: shown with its files, measured by its retry only.
      result.supersededBy = journey.supersededBy;
      if (journey.orderId && input.orders.ok) result.orderInBackend = ordersById.has(journey.orderId);
      results.push(result);
      continue;
    }
    if (journey.attempt) findings.push(retryFinding(journey, input.journeys));
    findings.push(...consentFindings(journey, { firedWithoutBanner: input.firedWithoutBanner }), ...personalDataFindings(journey));
    const signal = input.optOutSignals?.[journey.condition];
    if (signal) findings.push(...optOutFindings(journey, signal, input.advertisingVendors ?? []));
    results.push(result);

    if (journey.status === 'site-unreachable') {
      findings.push({ severity: 'error', kind: 'site-unreachable', condition: journey.condition, journeyId: journey.journeyId, message: `Journey ${journey.journeyId} could not reach the site: ${journey.error ?? 'navigation failed'}` });
      continue;
    }
    if (journey.consent === 'not-handled') {
      // The banner stayed up: tags gated by consent could not fire. Counting that as loss would be a false alarm.
      findings.push({ severity: 'warning', kind: 'consent-not-handled', condition: journey.condition, journeyId: journey.journeyId, message: `Journey ${journey.journeyId}: the consent banner could not be answered, so its tags were not measured` });
      result.status = 'incomplete';
      continue;
    }
    if (input.orderFree) {
      if (journey.status !== 'passed') {
        findings.push({ severity: 'warning', kind: 'journey-failed', condition: journey.condition, journeyId: journey.journeyId, message: `Journey ${journey.journeyId} did not finish (${journey.status}): ${journey.error ?? 'no error message'}; its pages were not fully audited` });
        continue;
      }
      for (const vendor of vendors) {
        const { eventName } = input.expectations[vendor]!;
        const sent = eventSent(journey, vendor, eventName);
        result.vendors[vendor] = sent ? 'tracked' : 'lost';
        if (!sent) missing.push({ journey, vendor, eventName });
      }
      continue;
    }
    if (!journey.orderId) {
      if (journey.status !== 'passed') {
        findings.push({ severity: 'warning', kind: 'journey-failed', condition: journey.condition, journeyId: journey.journeyId, message: `Journey ${journey.journeyId} ended before placing an order (${journey.status}): ${journey.error ?? 'no error message'}` });
      }
      continue;
    }
    if (!input.orders.ok) continue;
    const order = ordersById.get(journey.orderId);
    result.orderInBackend = order !== undefined;
    if (!order) {
      findings.push({
        severity: 'error',
        kind: 'order-not-in-backend',
        condition: journey.condition,
        journeyId: journey.journeyId,
        orderId: journey.orderId,
        message: `Order ${journey.orderId} was confirmed to the customer but never reached the backend: the shop lost it, not the tags`,
      });
      continue;
    }
    for (const vendor of vendors) {
      const match = matchPurchase(journey, order, vendor, input.expectations[vendor]!);
      result.vendors[vendor] = match.outcome;
      const undeclared = match.outcome === 'lost' ? input.undeclaredPurchases?.get(order.id)?.find((p) => p.vendor === vendor) : undefined;
      const cause = match.lossCause ?? (match.outcome === 'lost' ? (consentCause(journey.consent) ?? quickExitCause(input, journey) ?? undeclared?.cause) : undefined);
      const diagnosis = match.outcome === 'lost' && !cause ? diagnoseLostPurchase(journey, order.id, vendor, siteHasEcommerce) : undefined;
      if (diagnosis?.finding) diagnoses.push(diagnosis.finding);
      const knownCause = cause ?? diagnosis?.cause;
      if (knownCause) {
        result.lossCauses[vendor] = knownCause;
        causeEvidence.set(`${journey.journeyId}\u0000${vendor}`, match.lossEvidence ?? diagnosis?.evidence ?? quickExitEvidence(input, journey) ?? (undeclared ? { undeclaredEndpoint: undeclared.url } : undefined) ?? { consent: journey.consent ?? null });
      }
      const attribution = match.matched[0] ? checkAttribution(journey, vendor, match.matched[0], order.id, expectedLoss(input, journey.condition)) : {};
      if (attribution.finding) findings.push(attribution.finding);
      outcomes.push({ vendor, condition: journey.condition, outcome: match.outcome, consentPing: match.consentPing, attributable: attribution.attributable });
      findings.push(...match.findings);
    }
  }

  if (input.orderFree) {
    // No orders, no loss table: the verdict is the findings'.
    const measured = results.filter((r) => !r.supersededBy);
    findings.push(...missingEventFindings(missing, (condition) => expectedLoss(input, condition)));
    const status = orderFreeStatus(measured, findings);
    return { status, summary: orderFreeSummary(status, measured, findings, input.expectations), journeys: results, loss: [], findings };
  }
  if (input.orders.ok) findings.push(...orphanOrderFindings(input.orders.orders, input.journeys));
  // Each row carries its threshold and whether it is past it: every report reads these, none works them out again.
  const loss = buildLossTable(outcomes, vendors, input.conditions, input.orders.ok).map((row) => {
    const maxLossRate = input.maxLossRate(row.vendor, row.condition);
    return { ...row, maxLossRate, overThreshold: row.lossRate !== null && row.lossRate > maxLossRate };
  });
  // Superseded attempts are evidence only: the loss, its findings and the status come from the last attempts.
  const measured = results.filter((r) => !r.supersededBy);
  const lossFound = lossFindings(loss, measured, input, causeEvidence, ordersById);
  findings.push(...lossFound, ...asSeriousAsTheLoss(diagnoses, lossFound), ...flakyLossFindings(loss, measured, (input.lateHitSeconds ?? 1) * 1000));
  const timed = input.journeys.filter((j) => !j.supersededBy && j.orderId && (!input.orders.ok || ordersById.has(j.orderId)));
  findings.push(...lateHitFindings(timed, input.expectations, input.lateHitSeconds ?? 1));
  const status = verdictStatus(input, measured, findings);
  return { status, summary: summarize(status, loss, findings), journeys: results, loss, findings };
}

/**
 * Why the backend's answer cannot tell whether the shop lost the run's orders, if it cannot: it
 * holds none of the orders the journeys saw confirmed, and no other order of the run's window
 * either. An empty answer is what a wrong query (another status, another store, a date filter in
 * another time zone) or a mapping that reads the id from another field gives, far more often
 * than a shop that lost every order: "the shop lost it" would be a false alarm. Any order of
 * the window in the answer shows the query reached it; then a missing run order is the shop's.
 */
function ordersNotFound(input: ReconcileInput): string | undefined {
  if (!input.orders.ok) return undefined;
  const confirmed = [...new Set(input.journeys.flatMap((j) => (!j.supersededBy && j.orderId ? [j.orderId] : [])))];
  if (confirmed.length === 0) return undefined;
  const answered = input.orders.orders;
  if (answered.some((order) => confirmed.includes(order.id))) return undefined;
  const window = input.ordersWindow;
  const inWindow = (order: Order) => {
    if (!window) return true;
    const created = Date.parse(order.createdAt);
    return Number.isNaN(created) || (created >= Date.parse(window.from) && created <= Date.parse(window.to));
  };
  if (answered.some(inWindow)) return undefined;
  const source = input.orderSource ? `order source ${input.orderSource}` : 'the order source';
  const shown = confirmed.slice(0, 5).join(', ') + (confirmed.length > 5 ? ` and ${confirmed.length - 5} more` : '');
  const asked = window ? ` for ${window.from} to ${window.to}` : '';
  const got = answered.length === 0 ? 'no order at all' : `${answered.length} order${answered.length === 1 ? '' : 's'}, none of that window`;
  return (
    `None of the run's ${confirmed.length} confirmed order${confirmed.length === 1 ? '' : 's'} (${shown}) is in what ${source} returned${asked} (${got}), so loss was not measured: ` +
    `check the source's query and mapping first (orders.* in the monitor: the time window and its time zone, status filters, which field holds the order number the confirmation page shows), then whether the shop saved the orders`
  );
}

/**
 * The decoded events of one hit as results show them: each purchase with its delay after the
 * confirmation page loaded and after the order (when the journey recorded page loads), a batched
 * event with its line, a blocked one with its list line.
 */
function toJourneyHits(decoded: JourneyRecord['hits'][number], journey: JourneyRecord): JourneyHit[] {
  const { hit } = decoded;
  return decoded.events.map((e) => {
    const timing = e.kind === 'purchase' ? hitTiming(journey, hit.time) : undefined;
    return {
      vendor: e.vendor,
      eventName: e.eventName,
      kind: e.kind,
      transactionId: e.transactionId,
      value: e.value,
      currency: e.currency,
      eventId: e.eventId,
      account: e.account,
      url: hit.url,
      time: hit.time,
      status: hit.status,
      rule: hit.rule,
      filterList: hit.filterList,
      ...(hit.filterLine !== undefined ? { filterLine: hit.filterLine } : {}),
      ...(e.line !== undefined && decoded.events.length > 1 ? { line: e.line } : {}),
      ...(timing ?? {}),
      params: e.params,
    };
  });
}

/** Causes that the hits themselves show (a blocked hit, a refusal, a consent-mode ping): no pattern outranks them. */
function isDirectCause(cause: string | undefined): boolean {
  return cause !== undefined && (cause.startsWith('blocked') || cause.startsWith('consent') || cause.startsWith('no consent'));
}

/**
 * One finding per vendor x condition with lost orders, naming them. When every lost purchase was
 * blocked it is `tag-blocked` with the rule; under a condition whose loss is what it measures it
 * is information, not a failure, unless the monitor set a threshold it crosses. Each stated cause
 * comes with what it was read from (evidence.causeEvidence). When some orders were tracked and
 * others lost, what separates them (the loss pattern) is the cause, ahead of a dataLayer reading.
 */
function lossFindings(
  loss: LossRow[],
  journeys: JourneyResult[],
  input: ReconcileInput,
  causeEvidence: ReadonlyMap<string, Record<string, unknown>>,
  ordersById: ReadonlyMap<string, Order>,
): Finding[] {
  return loss
    .filter((row) => (row.lost ?? 0) > 0 && row.lossRate !== null)
    .map((row) => {
      const lostJourneys = journeys.filter((j) => j.condition === row.condition && j.vendors[row.vendor] === 'lost');
      const causes = [...new Set(lostJourneys.map((j) => j.lossCauses[row.vendor] ?? 'no purchase hit'))];
      const withCause = lostJourneys.every((j) => j.lossCauses[row.vendor]);
      const allBlocked = lostJourneys.every((j) => j.lossCauses[row.vendor]?.startsWith('blocked'));
      const allDirect = lostJourneys.every((j) => isDirectCause(j.lossCauses[row.vendor]));
      const pattern = allDirect ? undefined : lossPatternOf(row.vendor, row.condition, journeys, ordersById, input.lossPattern ?? differentialDiagnosis);
      const threshold = row.maxLossRate!;
      const over = row.overThreshold!;
      const expected = expectedLoss(input, row.condition);
      const severity = over ? 'error' : expected ? 'info' : 'warning';
      const verb = allBlocked ? 'had its purchase blocked on' : 'missed';
      // With variants, which combinations lost it: a tag broken for express shipping only reads so.
      const variants = [...new Set(lostJourneys.flatMap((j) => (j.variant ? [variantLabel(j.variant)] : [])))];
      const stated = lostJourneys.flatMap((j) => {
        const evidence = causeEvidence.get(`${j.journeyId}\u0000${row.vendor}`);
        return evidence && j.lossCauses[row.vendor] ? [{ journeyId: j.journeyId, orderId: j.orderId ?? null, cause: j.lossCauses[row.vendor], ...evidence }] : [];
      });
      const causeText = pattern ? `: ${pattern.text}` : withCause ? `: ${causes.join('; ')}` : '';
      return {
        severity,
        kind: allBlocked ? 'tag-blocked' : 'tag-missing',
        vendor: row.vendor,
        condition: row.condition,
        message:
          `${row.vendor} ${verb} ${row.lost} of ${row.orders} orders under ${row.condition} (loss ${(row.lossRate! * 100).toFixed(0)}%` +
          `${over ? `, above the ${(threshold * 100).toFixed(0)}% threshold` : expected ? ', expected under this condition' : ', within threshold'})` +
          `${variants.length ? ` on variant${variants.length === 1 ? '' : 's'} ${variants.join('; ')}` : ''}` +
          causeText,
        evidence: {
          lostOrders: lostJourneys.map((j) => j.orderId),
          lostJourneys: lostJourneys.map((j) => j.journeyId),
          causes,
          ...(stated.length ? { causeEvidence: stated } : {}),
          ...(pattern ? { pattern: { attribute: pattern.attribute, text: pattern.text, ...pattern.evidence } } : {}),
          ...(variants.length ? { variants } : {}),
        },
      } satisfies Finding;
    });
}

/**
 * The differential diagnosis of one vendor x condition: its lost and tracked orders (measured
 * journeys paired with their backend orders) handed to the pattern finder, when both exist.
 */
function lossPatternOf(
  vendor: string,
  condition: string,
  journeys: readonly JourneyResult[],
  ordersById: ReadonlyMap<string, Order>,
  finder: LossPatternFinder,
): LossPattern | undefined {
  const cases = (lost: boolean) =>
    journeys.flatMap((journey) => {
      const outcome = journey.condition === condition ? journey.vendors[vendor] : undefined;
      const order = journey.orderId ? ordersById.get(journey.orderId) : undefined;
      return outcome !== undefined && (outcome === 'lost') === lost && order ? [{ journey, order }] : [];
    });
  const lost = cases(true);
  const tracked = cases(false);
  return lost.length && tracked.length ? finder(vendor, lost, tracked) : undefined;
}

function verdictStatus(input: ReconcileInput, journeys: JourneyResult[], findings: Finding[]): VerdictStatus {
  if (!input.orders.ok) return 'inconclusive';
  if (journeys.length === 0) return 'inconclusive';
  const measuredFailure = findings.some((f) => f.severity === 'error' && f.kind !== 'site-unreachable' && f.kind !== 'backend-unreachable' && f.kind !== 'orders-not-found');
  if (measuredFailure) return 'fail';
  const unmeasured = journeys.some((j) => j.status !== 'passed' || !j.orderId);
  return unmeasured ? 'inconclusive' : 'pass';
}

function summarize(status: VerdictStatus, loss: LossRow[], findings: Finding[]): string {
  if (status === 'pass') {
    const vendors = [...new Set(loss.map((r) => r.vendor))];
    const conditions = [...new Set(loss.map((r) => r.condition))];
    const clean = conditions.filter((c) => loss.every((r) => r.condition !== c || !r.lost));
    const orders = clean.reduce((sum, c) => sum + (loss.find((r) => r.condition === c)?.orders ?? 0), 0);
    const parts = clean.length ? [`${vendors.join(', ')} tracked all ${orders} test order${orders === 1 ? '' : 's'} under ${clean.join(', ')}`] : [];
    for (const condition of conditions.filter((c) => !clean.includes(c))) {
      const lossy = loss.filter((r) => r.condition === condition && r.lost);
      parts.push(`under ${condition} ${lossy.map((r) => `${r.vendor} lost ${percentText(r.lossRate)}`).join(', ')}, within thresholds`);
    }
    const unattributed = findings.filter((f) => f.kind === 'attribution-lost').length;
    if (unattributed) parts.push(`${unattributed} conversion${unattributed === 1 ? '' : 's'} lost the ad click that brought the visitor (attribution-lost)`);
    // Tracked here because the journey waited; a buyer who leaves at once is not so patient.
    const late = [...new Set(findings.filter((f) => f.kind === 'late-hit').map((f) => f.vendor))];
    if (late.length) parts.push(`${late.join(', ')} sent the purchase late, after the confirmation page loaded (late-hit)`);
    return `${parts.join('; ')}.`;
  }
  if (status === 'inconclusive') {
    const reason = findings.find((f) => ['backend-unreachable', 'orders-not-found', 'site-unreachable', 'journey-failed', 'consent-not-handled'].includes(f.kind));
    return `Could not measure tracking loss: ${reason?.message ?? 'no journey completed'}.`;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const kinds = [...new Set(errors.map((f) => `${f.kind}${f.vendor ? ` (${f.vendor})` : ''}`))];
  return `Tracking is broken: ${kinds.join(', ')}.`;
}

function percentText(rate: number | null): string {
  return rate === null ? 'an unknown share' : `${Math.round(rate * 100)}%`;
}

/** A purchase missing after a refusal (or no decision) is the consent at work, not a broken tag. */
function consentCause(consent: JourneyRecord['consent']): string | undefined {
  if (consent === 'refused') return 'consent refused: no purchase hit';
  if (consent === 'ignored') return 'no consent given: no purchase hit';
  return undefined;
}

/**
 * Under a condition whose visitor leaves the confirmation page at its load event (fast-exit), a
 * purchase not sent by then is lost to the quick exit: that is what the condition measures, not a
 * trigger or a dataLayer problem.
 */
function quickExitCause(input: ReconcileInput, journey: JourneyRecord): string | undefined {
  return input.quickExitConditions?.includes(journey.condition) ? 'left the confirmation page at its load event: no purchase hit before it' : undefined;
}

/** The moment the visitor left (the confirmation page's load event), as evidence of a quick-exit cause. */
function quickExitEvidence(input: ReconcileInput, journey: JourneyRecord): Record<string, unknown> | undefined {
  if (!input.quickExitConditions?.includes(journey.condition)) return undefined;
  const placed = journey.orderPlacedAt;
  const load = placed ? journey.pageLoads?.filter((p) => p.time <= placed).at(-1) : undefined;
  return { leftAtLoadOf: load ? load.url.split(/[?#]/)[0] : null, loadedAt: load?.time ?? null };
}

function expectedLoss(input: ReconcileInput, condition: string): boolean {
  return input.expectedLossConditions?.includes(condition) ?? false;
}

/**
 * The journey ran again after failing (alerts.rerunFailedJourneys): passed on retry, the site is
 * flaky (a warning, the retry is measured); failed again, the failure is consistent. An attempt
 * that failed because tagwatch could not answer the consent banner is tagwatch's problem: said so,
 * never blamed on the site.
 */
function retryFinding(last: JourneyRecord, journeys: readonly JourneyRecord[]): Finding {
  const earlier = journeys.filter((j) => j.supersededBy === last.journeyId);
  const first = earlier[0] ?? last;
  const failures = earlier.map((j) => `attempt ${j.attempt} (${j.status}: ${j.error ?? 'no error message'})`).join(', ');
  const bannerMissed = earlier.some(isTagwatchConsentFailure);
  let outcome: string;
  if (last.status === 'passed') {
    outcome = bannerMissed
      ? `passed on retry (${last.journeyId}): tagwatch could not answer the consent banner, a problem of tagwatch, not of the site or its tags; the retry is what was measured`
      : `passed on retry (${last.journeyId}): the site is flaky, not the tags; the retry is what was measured`;
  } else if (bannerMissed && isTagwatchConsentFailure(last)) {
    outcome = `failed again on retry (${last.journeyId}, ${last.status}: ${last.error ?? 'no error message'}): tagwatch could not answer the consent banner on any attempt, a problem of tagwatch, not of the site or its tags`;
  } else if (bannerMissed) {
    outcome = `failed again on retry (${last.journeyId}, ${last.status}: ${last.error ?? 'no error message'}): an earlier attempt failed because tagwatch could not answer the consent banner, this one for another reason`;
  } else {
    outcome = `failed again on retry (${last.journeyId}, ${last.status}: ${last.error ?? 'no error message'}): the failure is consistent, not a flaky site`;
  }
  return {
    severity: 'warning',
    kind: 'journey-retried',
    condition: last.condition,
    journeyId: first.journeyId,
    message: `Journey ${first.journeyId} failed on ${failures}, ${outcome}`,
    evidence: {
      attempts: [...earlier, last].map((j) => ({ journeyId: j.journeyId, attempt: j.attempt, status: j.status, ...(j.error ? { error: j.error } : {}), ...(j.orderId ? { orderId: j.orderId } : {}), ...(j.artifacts ? { artifacts: j.artifacts } : {}) })),
      ...(bannerMissed ? { failedBy: 'tagwatch' } : {}),
    },
  };
}

function isTagwatchConsentFailure(journey: JourneyRecord): boolean {
  return journey.status !== 'passed' && (journey.error?.trimStart().startsWith(TAGWATCH_CONSENT_ERROR) ?? false);
}

/**
 * Test orders of the run (they carry its stamp) that no measured journey counts: placed by an
 * attempt that failed after the order went through (superseded by its retry, or before it read
 * the order number). Never loss: no journey result says what its tags did. Named, since they sit
 * in the shop's figures until cleaned up.
 */
function orphanOrderFindings(orders: readonly Order[], journeys: readonly JourneyRecord[]): Finding[] {
  const counted = new Set(journeys.flatMap((j) => (j.orderId && !j.supersededBy ? [j.orderId] : [])));
  return orders
    .filter((order) => order.stamp !== undefined && !counted.has(order.id))
    .map((order) => {
      const attempt = journeys.find((j) => j.orderId === order.id);
      const placedBy = attempt
        ? `placed by attempt ${attempt.attempt ?? 1} of journey ${attempt.journeyId}, which then failed (${attempt.error ?? attempt.status}) and was replaced by its retry`
        : 'placed by a journey that failed before it read the order number';
      return {
        severity: 'info',
        kind: 'orphan-test-order',
        ...(attempt ? { condition: attempt.condition, journeyId: attempt.journeyId } : {}),
        orderId: order.id,
        message: `Test order ${order.id} of this run is in the backend but no measured journey counts it: ${placedBy}. Not counted as loss; it stays in the shop's figures until cleaned up (orders.cleanup).`,
        evidence: { stamp: order.stamp, createdAt: order.createdAt },
      } satisfies Finding;
    });
}
