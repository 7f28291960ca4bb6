import type { Monitor } from '../monitor/schema.ts';
import type { BrokenTracking, Finding, LossRow, Verdict } from '../model/verdict.ts';

/**
 * The loss rows that failed the run (past their threshold), worst first, each with a lost order
 * to look up and, with the monitor's `business` figures, the revenue at risk per day. Reckoned
 * once with the verdict: Slack, the e-mail and the reports all read these, so one alert never
 * carries two figures.
 */
export function whatBroke(verdict: Pick<Verdict, 'loss' | 'journeys' | 'findings'>, business: Monitor['business']): BrokenTracking[] {
  return verdict.loss
    .filter((row): row is LossRow & { lossRate: number } => row.overThreshold === true && row.lossRate !== null)
    .map((row) => {
      const broken: BrokenTracking = { vendor: row.vendor, condition: row.condition, orders: row.orders, lost: row.lost, lossRate: row.lossRate, ci95: row.ci95 };
      const example = exampleOrder(verdict, row.vendor, row.condition);
      if (example) broken.exampleOrder = example;
      if (business) {
        const { dailyOrders, averageOrderValue, currency } = business;
        const revenue = dailyOrders * averageOrderValue;
        broken.revenueAtRisk = {
          perDay: revenue * row.lossRate,
          range: row.ci95 ? [revenue * row.ci95[0], revenue * row.ci95[1]] : null,
          currency,
          dailyOrders,
          averageOrderValue,
        };
      }
      return broken;
    })
    .sort((a, b) => b.lossRate - a.lossRate || a.vendor.localeCompare(b.vendor) || a.condition.localeCompare(b.condition));
}

/** The first measured journey that lost the vendor's purchase; else the loss finding's evidence. */
function exampleOrder(verdict: Pick<Verdict, 'journeys' | 'findings'>, vendor: string, condition: string): string | undefined {
  const journey = verdict.journeys.find((j) => j.condition === condition && !j.supersededBy && j.vendors[vendor] === 'lost' && j.orderId);
  if (journey) return journey.orderId;
  const finding: Finding | undefined = verdict.findings.find((f) => f.vendor === vendor && f.condition === condition && (f.kind === 'tag-missing' || f.kind === 'tag-blocked'));
  const evidence = finding?.evidence?.lostOrders;
  return Array.isArray(evidence) ? (evidence.find((id) => typeof id === 'string' && id) as string | undefined) : undefined;
}
