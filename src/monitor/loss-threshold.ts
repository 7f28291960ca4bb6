import type { ConditionDefinition } from '../conditions/define-condition.ts';
import type { Monitor } from './schema.ts';

/**
 * The highest loss rate a vendor may have under a condition and still pass: per condition, then 1
 * where loss is what the condition measures, then per vendor, then the default. One rule for the
 * verdict (src/audit/judge-run.ts) and the reports (JUnit), so a report never fails a row the
 * verdict passed.
 */
export function maxLossRate(monitor: Monitor, conditions: Pick<ConditionDefinition, 'id' | 'lossIsExpected'>[], vendor: string, condition: string): number {
  const { thresholds } = monitor;
  const perCondition = thresholds.conditions[condition]?.maxLossRate;
  if (perCondition !== undefined) return perCondition;
  if (conditions.find((c) => c.id === condition)?.lossIsExpected) return 1;
  return thresholds.vendors[vendor]?.maxLossRate ?? thresholds.default.maxLossRate;
}
