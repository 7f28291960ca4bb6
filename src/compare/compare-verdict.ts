import type { GapExplanation, VendorGap } from '../model/gap.ts';
import type { Finding } from '../model/verdict.ts';
import type { PeriodComparison, PlatformComparison } from './compare-period.ts';
import type { MissingPattern } from './missing-patterns.ts';
import type { PlatformId } from './model.ts';
import type { RatioDrop } from './usual-range.ts';

/** What one `tagwatch compare` concluded: the figures, what separates the missing orders, and what to alert on. */
export interface ComparisonVerdict {
  kind: 'comparison';
  monitor: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** fail: a ratio dropped or the unexplained gap passed the monitor's threshold; inconclusive: the orders could not be read or no platform could. */
  status: 'pass' | 'fail' | 'inconclusive';
  summary: string;
  comparison?: PeriodComparison;
  /** Per platform that reports per transaction: what separates the orders it never received. */
  patterns: { platform: PlatformId; pattern: MissingPattern }[];
  drops: { platform: PlatformId; drop: RatioDrop }[];
  /** Days not judged for a drop: too little settled history before them. */
  unjudgedDays: { platform: PlatformId; days: string[] }[];
  /** The gap over the period, explained by the latest audit's measured losses; absent without an audit. */
  gap?: GapExplanation;
  /** The audit whose losses explain the gap. */
  auditRunId?: string;
  findings: Finding[];
  diagnostics: string[];
}

export interface VerdictInput {
  monitor: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  comparison?: PeriodComparison;
  /** Why the real orders could not be read (backend down): the comparison is inconclusive, never "100% missing". */
  ordersUnavailable?: string;
  patterns: { platform: PlatformId; pattern: MissingPattern }[];
  drops: { platform: PlatformId; drop: RatioDrop }[];
  unjudgedDays: { platform: PlatformId; days: string[] }[];
  gap?: GapExplanation;
  auditRunId?: string;
  /** Monitor `compare.alerts.maxUnexplained`: the share of real orders a platform's unexplained gap may reach. */
  maxUnexplained: number;
  diagnostics: string[];
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** Pure: the findings and the status of a comparison. */
export function judgeComparison(input: VerdictInput): ComparisonVerdict {
  const base = {
    kind: 'comparison' as const,
    monitor: input.monitor,
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    patterns: input.patterns,
    drops: input.drops,
    unjudgedDays: input.unjudgedDays,
    ...(input.gap ? { gap: input.gap } : {}),
    ...(input.auditRunId ? { auditRunId: input.auditRunId } : {}),
    diagnostics: input.diagnostics,
  };
  if (input.ordersUnavailable !== undefined || !input.comparison) {
    const message = `the real orders could not be read: ${input.ordersUnavailable ?? 'no comparison'}. Nothing is compared (a platform is never said to miss orders the backend did not give).`;
    return { ...base, status: 'inconclusive', summary: message, findings: [{ severity: 'error', kind: 'backend-unreachable', message }] };
  }
  const comparison = input.comparison;
  const findings: Finding[] = [];
  for (const platform of comparison.platforms) {
    if (!platform.available) findings.push({ severity: 'warning', kind: 'platform-unavailable', vendor: platform.platform, message: `${platform.platform}: not compared, its API could not be read: ${platform.reason}` });
  }
  for (const { platform, drop } of input.drops) {
    const day = dayFigures(comparison, platform, drop.date);
    const pattern = input.patterns.find((p) => p.platform === platform && (p.pattern.day === drop.date || p.pattern.day === undefined))?.pattern;
    findings.push({
      severity: 'error',
      kind: 'reported-ratio-drop',
      vendor: platform,
      // The day stands where an audit puts its condition: a drop on another day is another failure to announce.
      condition: drop.date,
      message:
        `${platform} reported ${day?.reported ?? '?'} of ${day?.realOrders ?? '?'} real orders on ${drop.date} (${pct(drop.ratio)}), below its usual range (median ${pct(drop.usualMedian)}, low ${pct(drop.usualLow)} over ${drop.referenceDays} days)` +
        (pattern ? `; ${pattern.text}` : ''),
      evidence: { ...drop, ...(day ? { reported: day.reported, realOrders: day.realOrders } : {}), ...(pattern ? { pattern } : {}) },
    });
  }
  for (const vendorGap of input.gap?.vendors ?? []) {
    if (vendorGap.unexplained === undefined || vendorGap.unexplained <= input.maxUnexplained) continue;
    findings.push({
      severity: 'error',
      kind: 'reported-gap-unexplained',
      vendor: vendorGap.vendor,
      message: `${vendorGap.vendor}: ${pct(vendorGap.unexplained)} of real orders missing beyond what the measured causes explain (threshold ${pct(input.maxUnexplained)}). ${vendorGap.summary}`,
      evidence: unexplainedEvidence(vendorGap),
    });
  }
  const available = comparison.platforms.filter((p) => p.available);
  const status = available.length === 0 ? 'inconclusive' : findings.some((f) => f.severity === 'error') ? 'fail' : 'pass';
  return { ...base, comparison, status, summary: summaryOf(comparison, status, findings), findings };
}

function dayFigures(comparison: PeriodComparison, platform: PlatformId, date: string) {
  const found = comparison.platforms.find((p): p is Extract<PlatformComparison, { available: true }> => p.platform === platform && p.available);
  return found?.days.find((d) => d.date === date);
}

function unexplainedEvidence(gap: VendorGap): Record<string, unknown> {
  return { expectedShare: gap.expectedShare, observed: gap.observed?.ratio, unexplained: gap.unexplained, notMeasured: gap.notMeasured };
}

function summaryOf(comparison: PeriodComparison, status: ComparisonVerdict['status'], findings: readonly Finding[]): string {
  const parts = comparison.platforms.map((p) => (p.available ? `${p.platform} ${p.total.reported}${p.total.countRatio !== undefined ? ` (${pct(p.total.countRatio)})` : ''}` : `${p.platform} unavailable`));
  const head = `${comparison.realOrders} real orders ${comparison.period.from} to ${comparison.period.to}; reported: ${parts.join(', ')}`;
  if (status === 'inconclusive') return `${head}. No platform could be read: nothing judged.`;
  const errors = findings.filter((f) => f.severity === 'error').length;
  return errors ? `${head}. ${errors} problem${errors === 1 ? '' : 's'} to look at.` : `${head}. Within the usual range.`;
}
