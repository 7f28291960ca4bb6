import type { Monitor } from '../../monitor/schema.ts';
import type { LossRow } from '../../model/verdict.ts';

/** Condition whose loss stands for everyday traffic: the one the estimate scales. */
export const ESTIMATE_CONDITION = 'baseline';

/** Sales a broken vendor would not record per day, were the run's baseline loss the real one. */
export interface RevenueAtRisk {
  vendor: string;
  perDay: number;
  /** perDay at both ends of the loss rate's 95% interval. */
  range: [number, number] | null;
  lossRate: number;
}

/**
 * dailyOrders x averageOrderValue x the vendor's baseline loss rate. An estimate from a handful
 * of test orders: undefined when baseline did not run, was not measured, or lost nothing (the
 * breakage is then under a condition only part of the traffic is in, which this does not weigh).
 */
export function revenueAtRisk(business: NonNullable<Monitor['business']>, loss: LossRow[], vendor: string): RevenueAtRisk | undefined {
  const row = loss.find((r) => r.vendor === vendor && r.condition === ESTIMATE_CONDITION);
  if (!row || row.lossRate === null || row.lossRate === 0) return undefined;
  const revenue = business.dailyOrders * business.averageOrderValue;
  return {
    vendor,
    perDay: revenue * row.lossRate,
    range: row.ci95 ? [revenue * row.ci95[0], revenue * row.ci95[1]] : null,
    lossRate: row.lossRate,
  };
}

/** €1,350: whole units, which is all an estimate this coarse deserves. */
export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
  } catch {
    // A code Intl does not know still reads fine after the number.
    return `${Math.round(amount).toLocaleString('en-US')} ${currency}`;
  }
}
