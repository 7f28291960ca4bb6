import type { Finding, JourneyResult, LossRow } from '../model/verdict.ts';

/**
 * A vendor that lost some repeats of a journey and tracked the others, under one condition: an
 * intermittent loss (a tag racing the page unload, a trigger depending on timing), which looks
 * fine on a single run. Reported with which repeats lost and which did not, and the interval.
 */
export function flakyLossFindings(loss: LossRow[], journeys: JourneyResult[]): Finding[] {
  const findings: Finding[] = [];
  for (const row of loss) {
    if (!row.lost || !row.tracked || row.lossRate === null) continue;
    const measured = journeys.filter((j) => j.condition === row.condition && j.vendors[row.vendor] !== undefined);
    const lost = measured.filter((j) => j.vendors[row.vendor] === 'lost');
    const tracked = measured.filter((j) => j.vendors[row.vendor] !== 'lost');
    // One journey of each is not a pattern across repeats: it needs repeats of the same scenario
    // (and variant: express shipping losing what standard tracks is not flaky, it is broken).
    const journeyKind = (j: JourneyResult) => `${j.scenario}\u0000${JSON.stringify(j.variant ?? {})}`;
    const scenarios = new Set(lost.map(journeyKind));
    if (!tracked.some((j) => scenarios.has(journeyKind(j)))) continue;
    const [low, high] = row.ci95 ?? [0, 1];
    findings.push({
      severity: 'warning',
      kind: 'flaky-loss',
      vendor: row.vendor,
      condition: row.condition,
      message:
        `${row.vendor} lost ${row.lost} of ${row.orders} orders under ${row.condition} intermittently ` +
        `(repeats ${lost.map((j) => j.repeat).join(', ')} lost, ${tracked.map((j) => j.repeat).join(', ')} tracked): ` +
        `loss ${pct(row.lossRate)}, 95% interval ${pct(low)} to ${pct(high)}. A timing race or a flaky trigger, not a tag that is gone`,
      evidence: {
        lostOrders: lost.map((j) => j.orderId),
        trackedOrders: tracked.map((j) => j.orderId),
        lostRepeats: lost.map((j) => j.repeat),
        trackedRepeats: tracked.map((j) => j.repeat),
        lossRate: row.lossRate,
        ci95: row.ci95,
      },
    });
  }
  return findings;
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
