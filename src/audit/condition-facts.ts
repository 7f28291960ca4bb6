import type { ConditionFacts } from '../record/run-settings.ts';
import type { ResolvedMonitor } from './resolve-monitor.ts';

/** What the verdict needs of each condition (run-settings.json), as an audit and a merge record it. */
export function conditionFactsOf(conditions: ResolvedMonitor['conditions']): ConditionFacts[] {
  return conditions.map(({ id, lossIsExpected, optOutSignal, confirmationDwell }) => ({
    id,
    ...(lossIsExpected ? { lossIsExpected } : {}),
    ...(optOutSignal ? { optOutSignal } : {}),
    ...(confirmationDwell === 'leave-at-load' ? { leavesAtLoad: true } : {}),
  }));
}
