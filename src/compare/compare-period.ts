import { dayIn, daysOf } from './days.ts';
import type { Day, Period, PlatformId, PlatformReport, RealOrder } from './model.ts';

/** One day of one platform: what it reported against the real orders of the day. */
export interface DayFigures {
  date: Day;
  realOrders: number;
  realRevenue: number;
  /** What the platform counted; 0 when it gave no row for the day (an API that answered leaves out its empty days). */
  reported: number;
  reportedValue: number;
  /** reported / real orders; absent on a day without real orders. */
  countRatio?: number;
  /** reported value / real revenue, when both are in the same currency. */
  revenueRatio?: number;
  provisional: boolean;
  /** Platforms that report per transaction (GA4): the real orders of the day it never received. */
  missingOrderIds?: string[];
}

/** The comparison for one platform over the period. */
export type PlatformComparison =
  | {
      platform: PlatformId;
      available: true;
      source: string;
      days: DayFigures[];
      total: Omit<DayFigures, 'date' | 'missingOrderIds'> & { missingOrders?: number };
      /** Reported transactions that match no real order of the period (test orders, other channels, ids the tag got wrong). */
      unmatchedTransactions?: number;
      /** Why revenue is not compared, when it is not. */
      revenueNote?: string;
      notes: string[];
    }
  | { platform: PlatformId; available: false; reason: string };

export interface PeriodComparison {
  period: Period;
  timeZone: string;
  currency: string | undefined;
  realOrders: number;
  realRevenue: number;
  platforms: PlatformComparison[];
}

/** What compare read: the real orders and each platform's answer (or why it has none). */
export interface ComparisonInput {
  period: Period;
  timeZone: string;
  orders: readonly RealOrder[];
  reports: readonly (PlatformReport | { platform: PlatformId; unavailable: string })[];
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Pure: per platform and day, reported / real (count and revenue), and for a platform that
 * reports per transaction the real orders it never received. A platform that could not be read
 * is unavailable, never "reported 0". Revenue is compared only in one currency: the shop's (that
 * of most real orders) when the platform reports in it too.
 */
export function comparePeriod(input: ComparisonInput): PeriodComparison {
  const days = daysOf(input.period);
  const inPeriod = new Set(days);
  const orders = input.orders.filter((order) => inPeriod.has(dayIn(new Date(order.createdAt), input.timeZone)));
  const currency = mainCurrency(orders);
  const byDay = new Map<Day, RealOrder[]>(days.map((day) => [day, []]));
  for (const order of orders) byDay.get(dayIn(new Date(order.createdAt), input.timeZone))!.push(order);
  const revenueOf = (list: readonly RealOrder[]) => round(list.filter((o) => o.currency === currency).reduce((sum, o) => sum + o.total, 0), 2);

  const platforms = input.reports.map((report): PlatformComparison => {
    if ('unavailable' in report) return { platform: report.platform, available: false, reason: report.unavailable };
    const reportedCurrencies = new Set(report.days.flatMap((d) => (d.currency ? [d.currency] : [])));
    const sameCurrency = currency !== undefined && [...reportedCurrencies].every((c) => c === currency);
    const revenueNote = sameCurrency
      ? orders.some((o) => o.currency !== currency)
        ? `revenue compared in ${currency} only: ${orders.filter((o) => o.currency !== currency).length} orders in other currencies left out of it`
        : undefined
      : `revenue not compared: the platform reports in ${[...reportedCurrencies].join(', ') || 'an unnamed currency'}, the orders are in ${currency ?? 'no currency'}`;
    const received = report.transactions ? new Set(report.transactions.map((t) => t.transactionId)) : undefined;
    const realIds = new Set(orders.map((o) => o.id));
    const dayFigures = days.map((date): DayFigures => {
      const real = byDay.get(date)!;
      const row = report.days.find((d) => d.date === date);
      const reported = row?.conversions ?? 0;
      const reportedValue = row?.value ?? 0;
      const realRevenue = revenueOf(real);
      return {
        date,
        realOrders: real.length,
        realRevenue,
        reported,
        reportedValue,
        ...(real.length ? { countRatio: round(reported / real.length) } : {}),
        ...(sameCurrency && realRevenue > 0 ? { revenueRatio: round(reportedValue / realRevenue) } : {}),
        provisional: row?.provisional ?? false,
        ...(received ? { missingOrderIds: real.filter((o) => !received.has(o.id)).map((o) => o.id) } : {}),
      };
    });
    const reported = dayFigures.reduce((sum, d) => sum + d.reported, 0);
    const reportedValue = round(dayFigures.reduce((sum, d) => sum + d.reportedValue, 0), 2);
    const realRevenue = revenueOf(orders);
    const missing = received ? dayFigures.reduce((sum, d) => sum + (d.missingOrderIds?.length ?? 0), 0) : undefined;
    return {
      platform: report.platform,
      available: true,
      source: report.source,
      days: dayFigures,
      total: {
        realOrders: orders.length,
        realRevenue,
        reported,
        reportedValue,
        ...(orders.length ? { countRatio: round(reported / orders.length) } : {}),
        ...(sameCurrency && realRevenue > 0 ? { revenueRatio: round(reportedValue / realRevenue) } : {}),
        provisional: dayFigures.some((d) => d.provisional),
        ...(missing !== undefined ? { missingOrders: missing } : {}),
      },
      ...(report.transactions ? { unmatchedTransactions: report.transactions.filter((t) => !realIds.has(t.transactionId)).length } : {}),
      ...(revenueNote ? { revenueNote } : {}),
      notes: report.notes ?? [],
    };
  });
  return { period: input.period, timeZone: input.timeZone, currency, realOrders: orders.length, realRevenue: revenueOf(orders), platforms };
}

/** The currency most real orders are in (ties: the first in alphabetical order, so the answer does not depend on order). */
function mainCurrency(orders: readonly RealOrder[]): string | undefined {
  const counts = new Map<string, number>();
  for (const order of orders) counts.set(order.currency, (counts.get(order.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
