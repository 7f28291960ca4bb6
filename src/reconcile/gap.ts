import type { AudienceFigure, AudienceMix, GapCause, GapCauseId, GapExplanation, ObservedFigure, VendorGap } from '../model/gap.ts';
import type { LossRow } from '../model/verdict.ts';
import { resolveAudience, type AudienceOverrides } from './audience.ts';

export interface GapInput {
  /** The run's loss table. */
  loss: LossRow[];
  /** The monitor's `audience` block; absent fields keep the public defaults. */
  audience?: AudienceOverrides;
  /** Platform conversions / backend orders per vendor, when the user gave them. */
  observed?: ObservedFigure[];
  /** Catalog vendors whose category is advertising: they report only attributed conversions. */
  advertisingVendors: string[];
}

interface CauseDefinition {
  cause: GapCauseId;
  label: string;
  condition: string;
  /** An ad platform that loses the click loses the conversion: attribution loss counts for it. */
  attributionCounts: boolean;
  share: (audience: AudienceMix) => AudienceFigure;
}

const CAUSES: CauseDefinition[] = [
  { cause: 'adblock', label: 'ad blockers', condition: 'adblock', attributionCounts: false, share: (a) => a.adBlocker },
  { cause: 'consent-refusal', label: 'consent refusal', condition: 'consent-refused', attributionCounts: false, share: (a) => a.consentRefusal },
  { cause: 'cross-device', label: 'cross-device', condition: 'cross-device', attributionCounts: true, share: (a) => a.crossDevice },
  { cause: 'itp', label: 'Safari/ITP', condition: 'itp', attributionCounts: true, share: (a) => a.safari },
  // Timing: a purchase tag that sends after the confirmation page loads is lost by buyers who leave at once.
  { cause: 'fast-exit', label: 'quick exits', condition: 'fast-exit', attributionCounts: false, share: (a) => a.quickLeavers },
];

export const GAP_ASSUMPTIONS =
  'Expected reported share E = (1 − baseline loss) × Π over causes of (1 − share × excess loss), causes taken as independent. ' +
  'Excess loss is what a condition loses on top of the baseline in this run\'s synthetic journeys (few journeys: see ci95 in the loss table); ' +
  'shares are audience figures (the monitor\'s `audience` block, else public defaults with their sources). ' +
  'Ad platforms report only conversions that keep the ad click, so for them cross-device and Safari/ITP use attribution loss (1 − attributable / orders). ' +
  'The expected gap 1 − E is split among causes by their log share, ln(1 − share × excess) / ln(E), which does not depend on their order.';

/**
 * Pure: how much of the gap between real orders and what each vendor reports the measured
 * technical causes explain, and what is left to investigate. Every number keeps what it is based on.
 */
export function explainGap(input: GapInput): GapExplanation {
  const audience = resolveAudience(input.audience);
  const vendors = [...new Set([...input.loss.map((row) => row.vendor), ...(input.observed ?? []).map((o) => o.vendor)])];
  return {
    audience,
    assumptions: GAP_ASSUMPTIONS,
    vendors: vendors.map((vendor) =>
      explainVendor(
        vendor,
        input.loss.filter((row) => row.vendor === vendor),
        audience,
        input.advertisingVendors.includes(vendor),
        input.observed?.find((o) => o.vendor === vendor),
      ),
    ),
  };
}

function explainVendor(vendor: string, rows: LossRow[], audience: AudienceMix, advertising: boolean, observed: ObservedFigure | undefined): VendorGap {
  const baseline = rows.find((row) => row.condition === 'baseline');
  const notModelled = (reason: string, basis: string): VendorGap => ({
    vendor,
    modelled: false,
    reason,
    baselineLoss: null,
    baselineLossBasis: basis,
    baselinePart: 0,
    causes: [],
    expectedShare: null,
    expectedGap: null,
    ...(observed ? { observed, observedGap: 1 - observed.ratio } : {}),
    notMeasured: CAUSES.map((c) => c.cause),
    summary: `${vendor}: the gap cannot be modelled: ${reason}.${observed ? ` Observed ${percent(observed.ratio)} of real orders.` : ''}`,
    working: basis,
  });
  if (!baseline) return notModelled('the baseline condition was not run (add `baseline` to the conditions)', 'no baseline row');
  if (baseline.lossRate === null || !baseline.orders) {
    return notModelled('the baseline condition measured no orders (failed journeys or an unreadable backend)', `baseline: ${baseline.orders ?? 'no'} orders measured`);
  }

  const lb = baseline.lossRate;
  const causes = CAUSES.map((definition) => measureCause(definition, rows, lb, audience, advertising));
  // ln of each factor, exactly from its loss: log1p keeps precision when a factor is close to 1.
  const logs = [Math.log1p(-lb), ...causes.map((c) => Math.log1p(-c.impact))];
  const parts = splitGap(logs);
  for (const [i, cause] of causes.entries()) cause.part = parts[i + 1]!;
  const expectedShare = Math.exp(logs.reduce((a, b) => a + b, 0));
  const gap: VendorGap = {
    vendor,
    modelled: true,
    baselineLoss: lb,
    baselineLossBasis: `lossRate of the baseline row: ${baseline.lost} of ${baseline.orders} orders lost`,
    baselinePart: parts[0]!,
    causes,
    expectedShare,
    expectedGap: 1 - expectedShare,
    notMeasured: causes.filter((c) => !c.measured).map((c) => c.cause),
    summary: '',
    working: '',
  };
  if (observed) {
    gap.observed = observed;
    gap.observedGap = 1 - observed.ratio;
    gap.unexplained = expectedShare - observed.ratio;
  }
  gap.summary = summarize(gap);
  gap.working = showWorking(gap, audience);
  return gap;
}

function measureCause(definition: CauseDefinition, rows: LossRow[], lb: number, audience: AudienceMix, advertising: boolean): GapCause {
  const row = rows.find((r) => r.condition === definition.condition);
  const base = { cause: definition.cause, label: definition.label, condition: definition.condition, share: definition.share(audience), excessLoss: 0, impact: 0, part: 0 };
  if (!row) {
    const note = `not measured (add the \`${definition.condition}\` condition to explain this part)`;
    return { ...base, measured: false, note, conditionLoss: null, conditionLossBasis: note };
  }
  if (row.lossRate === null || !row.orders) {
    const note = `not measured: the \`${definition.condition}\` condition measured no orders (failed journeys or an unreadable backend)`;
    return { ...base, measured: false, note, conditionLoss: null, conditionLossBasis: note };
  }
  const byAttribution = definition.attributionCounts && advertising && row.attributable !== null;
  const loss = byAttribution ? 1 - row.attributable! / row.orders : row.lossRate;
  const conditionLossBasis = byAttribution
    ? `attribution loss under ${definition.condition}: 1 − ${row.attributable} attributable / ${row.orders} orders (an ad platform reports only conversions that keep the click)`
    : `lossRate of the ${definition.condition} row: ${row.lost} of ${row.orders} orders lost`;
  const excessLoss = lb >= 1 ? 0 : Math.max(0, (loss - lb) / (1 - lb));
  return { ...base, measured: true, conditionLoss: loss, conditionLossBasis, excessLoss, impact: base.share.value * excessLoss };
}

/**
 * Splits 1 − E among factors by ln(factor) / ln(E): the parts add up to 1 − E exactly whatever the
 * order of the causes. E = 1: nothing to split. E = 0: the factors that remove everything share it.
 */
export function splitGap(logs: number[]): number[] {
  const total = logs.reduce((a, b) => a + b, 0);
  const gap = -Math.expm1(total);
  if (gap <= 0) return logs.map(() => 0);
  const zeros = logs.filter((l) => l === -Infinity).length;
  if (zeros) return logs.map((l) => (l === -Infinity ? gap / zeros : 0));
  return logs.map((l) => (gap * l) / total);
}

function summarize(gap: VendorGap): string {
  const E = gap.expectedShare!;
  const measured = gap.causes.filter((c) => c.measured);
  const unmeasured = gap.causes.filter((c) => !c.measured).map((c) => c.label);
  const labels = ['baseline', ...measured.map((c) => c.label)];
  const values = [gap.baselinePart, ...measured.map((c) => c.part)];
  if (gap.observed === undefined || gap.unexplained === undefined) {
    const shown = points(values);
    const split = labels.map((label, i) => `${label} ${shown.parts[i]}`).join(' + ');
    const missing = unmeasured.length ? `not measured: ${unmeasured.join(', ')}; ` : '';
    return `${gap.vendor}: expected to report ${percent(E)} of real orders. Expected gap ${shown.total} pts = ${split} (${missing}compare with the platform's count: --observed ${gap.vendor}=<conversions/orders>)`;
  }
  const u = gap.unexplained;
  const shown = points([...values, u]);
  const split = [...labels, 'unexplained'].map((label, i) => `${label} ${shown.parts[i]}`).join(' + ');
  let why: string;
  if (Math.abs(u) < 0.0005) why = 'the measured causes explain it all';
  else if (u > 0) why = `investigate${unmeasured.length ? `; includes ${unmeasured.join(', ')}, not measured` : ''}`;
  else {
    why =
      `${gap.vendor} reports ${pts(-u)} pts more than the measured causes allow: modelled conversions, view-through, ` +
      `longer attribution windows or conversions counted twice${unmeasured.length ? `; ${unmeasured.join(', ')} not measured would widen this` : ''}`;
  }
  return `${gap.vendor}: expected to report ${percent(E)} of real orders; observed ${percent(gap.observed.ratio)}. Gap ${shown.total} pts = ${split} (${why})`;
}

function showWorking(gap: VendorGap, audience: AudienceMix): string {
  const steps = [`baseline loss ${percent(gap.baselineLoss!)} (${gap.baselineLossBasis})`];
  for (const cause of gap.causes) {
    if (!cause.measured) {
      steps.push(`${cause.label}: ${cause.note}`);
      continue;
    }
    steps.push(
      `${cause.label}: share ${percent(cause.share.value)} (${shareBasis(cause, audience)}) × excess loss ${percent(cause.excessLoss)} ` +
        `(${cause.conditionLossBasis}) = ${percent(cause.impact)} of orders`,
    );
  }
  const factors = [`(1 − ${percent(gap.baselineLoss!)})`, ...gap.causes.filter((c) => c.measured).map((c) => `(1 − ${percent(c.impact)})`)];
  const observed = gap.observed ? `; observed ${percent(gap.observed.ratio)} from ${observedBasis(gap.observed)}` : '';
  return `${steps.join('; ')}; E = ${factors.join(' × ')} = ${percent(gap.expectedShare!)}${observed}`;
}

function shareBasis(cause: GapCause, audience: AudienceMix): string {
  if (cause.cause === 'adblock') {
    const m = audience.mobileShare.value;
    return `mobile ${percent(m)} × ${percent(audience.adBlockerMobile.value)} + desktop ${percent(1 - m)} × ${percent(audience.adBlockerDesktop.value)}; ${audience.adBlockerMobile.source}; ${audience.adBlockerDesktop.source}`;
  }
  return cause.share.source;
}

function observedBasis(observed: ObservedFigure): string {
  const counts = observed.platformConversions !== undefined && observed.backendOrders !== undefined ? ` (${observed.platformConversions} conversions / ${observed.backendOrders} orders)` : '';
  return `${observed.source}${counts}`;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function pts(rate: number): string {
  return (rate * 100).toFixed(1);
}

/**
 * Percentage points to one decimal that add up to the rounded total (largest remainder): a
 * reader adding the parts of a printed split gets the printed gap.
 */
export function points(rates: number[]): { parts: string[]; total: string } {
  const tenths = rates.map((r) => r * 1000);
  const target = Math.round(tenths.reduce((a, b) => a + b, 0));
  const floors = tenths.map(Math.floor);
  let rest = target - floors.reduce((a, b) => a + b, 0);
  const order = tenths.map((t, i) => [t - floors[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    floors[i]!++;
    rest--;
  }
  return { parts: floors.map((t) => (t / 10).toFixed(1)), total: (target / 10).toFixed(1) };
}
