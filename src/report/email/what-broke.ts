import type { Monitor } from '../../monitor/schema.ts';
import type { Finding, Verdict } from '../../model/verdict.ts';

/** One vendor x condition whose purchase loss failed the run, with what an alert reader needs. */
export interface BrokenTracking {
  vendor: string;
  condition: string;
  orders: number | null;
  lost: number | null;
  lossRate: number;
  ci95: [number, number] | null;
  /** A lost order, to look up in the backend and the vendor's debug view. */
  exampleOrder?: string;
  /** dailyOrders x averageOrderValue x lossRate, when the monitor gives its `business` figures. */
  revenueAtRisk?: RevenueAtRisk;
}

export interface RevenueAtRisk {
  perDay: number;
  currency: string;
  dailyOrders: number;
  averageOrderValue: number;
}

/**
 * The loss rows an error finding failed (loss past its threshold), worst first. Rows within
 * threshold, or under a condition whose loss is what it measures, are not "broken".
 */
export function whatBroke(verdict: Verdict, business: Monitor['business']): BrokenTracking[] {
  const failing = verdict.findings.filter((f) => f.severity === 'error' && (f.kind === 'tag-missing' || f.kind === 'tag-blocked'));
  return verdict.loss
    .filter((row) => row.lossRate !== null && failing.some((f) => f.vendor === row.vendor && f.condition === row.condition))
    .map((row) => {
      const lossRate = row.lossRate!;
      const broken: BrokenTracking = { vendor: row.vendor, condition: row.condition, orders: row.orders, lost: row.lost, lossRate, ci95: row.ci95 };
      const example = exampleOrder(verdict, row.vendor, row.condition, failing);
      if (example) broken.exampleOrder = example;
      if (business) {
        const { dailyOrders, averageOrderValue, currency } = business;
        broken.revenueAtRisk = { perDay: dailyOrders * averageOrderValue * lossRate, currency, dailyOrders, averageOrderValue };
      }
      return broken;
    })
    .sort((a, b) => b.lossRate - a.lossRate);
}

/** The first journey that lost the vendor's purchase; else the finding's evidence. */
function exampleOrder(verdict: Verdict, vendor: string, condition: string, failing: Finding[]): string | undefined {
  const journey = verdict.journeys.find((j) => j.condition === condition && j.vendors[vendor] === 'lost' && j.orderId);
  if (journey) return journey.orderId;
  const evidence = failing.find((f) => f.vendor === vendor && f.condition === condition)?.evidence?.lostOrders;
  const first = Array.isArray(evidence) ? evidence.find((id) => typeof id === 'string' && id) : undefined;
  return first as string | undefined;
}

/** Error findings grouped by kind, vendor and condition, most frequent first: ten lost orders are one problem. */
export function topErrorFindings(findings: Finding[], limit: number): { finding: Finding; count: number }[] {
  const groups = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings.filter((f) => f.severity === 'error')) {
    const key = [finding.kind, finding.vendor ?? '', finding.condition ?? ''].join('|');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { finding, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
