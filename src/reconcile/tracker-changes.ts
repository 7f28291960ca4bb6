import type { Tracker } from '../model/tracker.ts';
import type { Finding, FindingKind } from '../model/verdict.ts';

/** What a comparison needs of one run: its trackers, and which journeys it measured. */
export interface RunTrackers {
  runId: string;
  trackers: readonly Tracker[];
  /** The run's journeys (JourneyResult); status is a string so that results stored by other versions still compare. */
  journeys: readonly { condition: string; scenario: string; status: string }[];
}

/**
 * Pure: the trackers that appeared or disappeared since the previous run of the monitor, one
 * warning per tracker and condition. Only conditions both runs ran are compared, only trackers
 * seen in a passed journey count, and only where the other run passed a scenario they were seen
 * in: a journey that failed before the page that loads a tracker does not make it disappear.
 */
export function trackerChanges(current: RunTrackers, previous: RunTrackers): Finding[] {
  const currentPassed = passedScenarios(current);
  const previousPassed = passedScenarios(previous);
  const findings: Finding[] = [];
  for (const condition of currentPassed.keys()) {
    if (!previousPassed.has(condition)) continue;
    for (const tracker of missingFrom(current, previous, condition, previousPassed.get(condition)!)) {
      findings.push(changeFinding('tag-appeared', tracker, condition, previous.runId));
    }
    for (const tracker of missingFrom(previous, current, condition, currentPassed.get(condition)!)) {
      findings.push(changeFinding('tag-disappeared', tracker, condition, previous.runId));
    }
  }
  return findings;
}

/** Per condition a run ran, the scenarios that passed under it (possibly none). */
function passedScenarios(run: RunTrackers): Map<string, Set<string>> {
  const byCondition = new Map<string, Set<string>>();
  for (const journey of run.journeys) {
    const scenarios = byCondition.get(journey.condition) ?? new Set<string>();
    if (journey.status === 'passed') scenarios.add(journey.scenario);
    byCondition.set(journey.condition, scenarios);
  }
  return byCondition;
}

/** Trackers `from` saw in a passed journey under the condition that `to` never saw there, though `to` passed one of their scenarios. */
function missingFrom(from: RunTrackers, to: RunTrackers, condition: string, toPassed: Set<string>): Tracker[] {
  const seenInTo = new Set(to.trackers.filter((t) => t.conditions[condition]).map((t) => t.id));
  return from.trackers.filter((tracker) => {
    const stats = tracker.conditions[condition];
    if (!stats || stats.passedJourneys === 0 || seenInTo.has(tracker.id)) return false;
    return stats.scenarios.some((scenario) => toPassed.has(scenario));
  });
}

function changeFinding(kind: Extract<FindingKind, 'tag-appeared' | 'tag-disappeared'>, tracker: Tracker, condition: string, previousRunId: string): Finding {
  const who = `${tracker.name} (${tracker.category.name}${tracker.organization ? `, ${tracker.organization}` : ''})`;
  const hosts = tracker.hosts.join(', ');
  const message =
    kind === 'tag-appeared'
      ? `${who} appeared under ${condition} since run ${previousRunId}: requests to ${hosts}`
      : `${who} disappeared under ${condition} since run ${previousRunId}: no more requests to ${hosts}`;
  return {
    severity: 'warning',
    kind,
    condition,
    ...(tracker.catalogVendors[0] ? { vendor: tracker.catalogVendors[0] } : {}),
    message,
    evidence: { tracker: tracker.name, trackerId: tracker.id, category: tracker.category.key, organization: tracker.organization, hosts: tracker.hosts, previousRunId },
  };
}
