/** A share of visitors (0..1) and where it comes from. */
export interface AudienceFigure {
  value: number;
  /** Publisher, title and what was taken from it; or `monitor audience.<field>` when the monitor set it. */
  source: string;
  url?: string;
  /** Year of publication of the source. */
  year?: number;
}

/** The audience figures the gap explainer used. */
export interface AudienceMix {
  /** Share of visits on a phone or tablet (the rest: desktop). */
  mobileShare: AudienceFigure;
  adBlockerDesktop: AudienceFigure;
  adBlockerMobile: AudienceFigure;
  /** Visitors with an ad blocker, both devices weighted by mobileShare. */
  adBlocker: AudienceFigure;
  consentRefusal: AudienceFigure;
  crossDevice: AudienceFigure;
  /** Visitors on Safari (ITP). */
  safari: AudienceFigure;
  /** Buyers who leave the confirmation page at its load event (close the tab, go back), before late tags send. */
  quickLeavers: AudienceFigure;
}

/** A platform's own count, compared with the backend: conversions / orders. */
export interface ObservedFigure {
  vendor: string;
  /** Platform conversions / backend orders, > 0 (above 1 when the platform reports more than the orders). */
  ratio: number;
  backendOrders?: number;
  platformConversions?: number;
  /** Where it was given: `--observed ga4=0.78`, `figures.csv:3`. */
  source: string;
}

export type GapCauseId = 'adblock' | 'consent-refusal' | 'cross-device' | 'itp' | 'fast-exit';

/** One technical cause of lost conversions, measured under its condition and weighted by its audience share. */
export interface GapCause {
  cause: GapCauseId;
  /** In the marketer's words: "ad blockers". */
  label: string;
  /** The condition that measures it. */
  condition: string;
  measured: boolean;
  /** Why it was not measured and how to measure it. */
  note?: string;
  /** Loss L_c under the condition (loss rate, or attribution loss for an ad platform); null when not measured. */
  conditionLoss: number | null;
  /** How conditionLoss was obtained: "lossRate of the adblock row: 2 of 2 orders lost". */
  conditionLossBasis: string;
  /** e_c = max(0, (L_c − Lb) / (1 − Lb)): the loss this cause adds on top of the baseline. */
  excessLoss: number;
  /** s_c: share of real orders exposed to the cause, from the audience mix. */
  share: AudienceFigure;
  /** s_c × e_c: share of real orders this cause alone removes. */
  impact: number;
  /** Part of the expected gap (share of real orders) attributed to this cause. */
  part: number;
}

/** How much of the gap between real orders and a vendor's count the measured causes explain. */
export interface VendorGap {
  vendor: string;
  /** False when the baseline was not measured: nothing to start from. */
  modelled: boolean;
  /** Why the gap could not be modelled. */
  reason?: string;
  /** Lb: loss rate of the baseline row. */
  baselineLoss: number | null;
  baselineLossBasis: string;
  /** Part of the expected gap the baseline accounts for (a broken tag, before any audience effect). */
  baselinePart: number;
  causes: GapCause[];
  /** E = (1 − Lb) × Π (1 − s_c × e_c): share of real orders the vendor should report. */
  expectedShare: number | null;
  /** 1 − E, split exactly into baselinePart + Σ causes[].part. */
  expectedGap: number | null;
  observed?: ObservedFigure;
  /** 1 − o. */
  observedGap?: number;
  /** E − o: the part of the observed gap the measured causes do not explain. Negative: the platform reports more than they allow. */
  unexplained?: number;
  /** Causes whose condition was not run: their part is inside `unexplained`. */
  notMeasured: GapCauseId[];
  /** One sentence: "ga4: expected to report 81.2% of real orders; observed 78.0%. Gap 22.0 pts = ...". */
  summary: string;
  /** The numbers behind it, in one line. */
  working: string;
}

export interface GapExplanation {
  audience: AudienceMix;
  /** Independence of causes, what the shares mean: the model's limits in one paragraph. */
  assumptions: string;
  vendors: VendorGap[];
}
