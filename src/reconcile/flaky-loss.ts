import type { Finding, JourneyResult, LossRow } from '../model/verdict.ts';

/**
 * A vendor that lost some repeats of a journey and tracked the others, under one condition: an
 * intermittent loss (a tag racing the page unload, a trigger depending on timing), which looks
 * fine on a single run. Reported with which repeats lost and which did not, and the interval.
 * When the tracked repeats sent the purchase later than `lateHitMs` after the confirmation page
 * loaded, that is the race named: a late tag, lost by the repeats that left sooner.
 */
export function flakyLossFindings(loss: LossRow[], journeys: JourneyResult[], lateHitMs = 1000): Finding[] {
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
    const delays = tracked.flatMap((j) => purchaseDelay(j, row.vendor));
    const late = delays.some((ms) => ms > lateHitMs);
    const why = late
      ? `The tracked repeats sent it ${secondsRange(delays)} after the confirmation page loaded (late-hit): repeats that leave sooner lose it`
      : 'A timing race or a flaky trigger, not a tag that is gone';
    findings.push({
      severity: 'warning',
      kind: 'flaky-loss',
      vendor: row.vendor,
      condition: row.condition,
      message:
        `${row.vendor} lost ${row.lost} of ${row.orders} orders under ${row.condition} intermittently ` +
        `(repeats ${lost.map((j) => j.repeat).join(', ')} lost, ${tracked.map((j) => j.repeat).join(', ')} tracked): ` +
        `loss ${pct(row.lossRate)}, 95% interval ${pct(low)} to ${pct(high)}. ${why}`,
      evidence: {
        lostOrders: lost.map((j) => j.orderId),
        trackedOrders: tracked.map((j) => j.orderId),
        lostRepeats: lost.map((j) => j.repeat),
        trackedRepeats: tracked.map((j) => j.repeat),
        lossRate: row.lossRate,
        ci95: row.ci95,
        ...(late ? { trackedDelaysMs: delays, lateHitMs } : {}),
      },
    });
  }
  return findings;
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** When the journey's first purchase hit of the vendor left, after the confirmation page loaded; none without timing. */
function purchaseDelay(journey: JourneyResult, vendor: string): number[] {
  const hit = journey.hits.find((h) => h.vendor === vendor && h.kind === 'purchase' && h.status !== 'blocked' && h.afterConfirmationLoadMs !== undefined);
  return hit ? [hit.afterConfirmationLoadMs!] : [];
}

function secondsRange(delays: readonly number[]): string {
  const s = (ms: number) => String(Math.round(ms / 100) / 10);
  const low = s(Math.min(...delays));
  const high = s(Math.max(...delays));
  return low === high ? `${high} s` : `${low} to ${high} s`;
}
