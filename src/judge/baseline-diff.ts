import type { FindingKind, RunChanges, Severity } from '../model/verdict.ts';
import { storedRunTrackers, type StoredRun, type VendorSignature } from './stored-run.ts';
import { trackerChanges } from '../reconcile/tracker-changes.ts';

/** A loss rate that moved this much is reported, significant or not. */
export const LOSS_MOVE_POINTS = 0.1;

const FIELDS = [
  ['account', 'accounts'],
  ['currency', 'currencies'],
  ['eventName', 'eventNames'],
] as const;

/**
 * Pure: what changed since the baseline (the last passing run of the same monitor). Both runs
 * as the history stores them (storage/stored-run.ts: toStoredRun).
 *
 * Tags are compared only under conditions where both runs passed a journey: a journey that broke
 * early did not make a tag stop sending. A loss rate counts as moved when it changed by at
 * least 10 points or when the two 95% intervals no longer overlap. Either rule alone misleads:
 * at the few orders a synthetic run places, the intervals overlap even from 0/3 to 3/3 lost (a
 * tag that broke completely), and at hundreds of orders a 5-point move is real. `significant`
 * says which moves the intervals confirm.
 */
export function baselineDiff(current: StoredRun, baseline: StoredRun): RunChanges {
  return {
    since: { runId: baseline.runId, startedAt: baseline.startedAt },
    trackers: trackersChanged(current, baseline),
    parameters: parametersChanged(current, baseline),
    loss: lossMoved(current, baseline),
    newFindingKinds: newFindingKinds(current, baseline),
  };
}

/** True when nothing changed: reporters say so in one line. */
export function nothingChanged(changes: RunChanges): boolean {
  return !changes.trackers.length && !changes.parameters.length && !changes.loss.length && !changes.newFindingKinds.length;
}

function trackersChanged(current: StoredRun, baseline: StoredRun): RunChanges['trackers'] {
  // Without an inventory in one of the runs there is nothing to compare, not "every tracker is gone".
  if (!current.trackers || !baseline.trackers) return [];
  return trackerChanges(storedRunTrackers(current), storedRunTrackers(baseline)).map((finding) => ({
    change: finding.kind === 'tag-appeared' ? 'appeared' : 'disappeared',
    id: String(finding.evidence?.trackerId),
    name: String(finding.evidence?.tracker),
    condition: finding.condition!,
  }));
}

function parametersChanged(current: StoredRun, baseline: StoredRun): RunChanges['parameters'] {
  const changes: RunChanges['parameters'] = [];
  const conditions = Object.keys(current.coverage).filter((c) => current.coverage[c]!.passed > 0 && (baseline.coverage[c]?.passed ?? 0) > 0);
  const vendors = [...new Set([...Object.keys(current.fingerprint), ...Object.keys(baseline.fingerprint)])].sort();
  const none: VendorSignature = { accounts: [], currencies: [], eventNames: [] };
  for (const vendor of vendors) {
    for (const condition of conditions) {
      const before = baseline.fingerprint[vendor]?.[condition] ?? none;
      const after = current.fingerprint[vendor]?.[condition] ?? none;
      for (const [field, list] of FIELDS) {
        const removed = before[list].filter((value) => !after[list].includes(value));
        const added = after[list].filter((value) => !before[list].includes(value));
        if (removed.length || added.length) changes.push({ vendor, condition, field, removed, added });
      }
    }
  }
  return changes;
}

function lossMoved(current: StoredRun, baseline: StoredRun): RunChanges['loss'] {
  const moved: RunChanges['loss'] = [];
  for (const row of current.loss) {
    const old = baseline.loss.find((r) => r.vendor === row.vendor && r.condition === row.condition);
    // Unmeasured on either side: no rate to compare.
    if (!old || old.lossRate === null || row.lossRate === null) continue;
    const significant = !!(row.ci95 && old.ci95 && (row.ci95[0] > old.ci95[1] || old.ci95[0] > row.ci95[1]));
    // Rates are rounded to 4 decimals: compare in basis points, so 0.1 exactly counts.
    const points = Math.abs(Math.round((row.lossRate - old.lossRate) * 10_000));
    if (points >= LOSS_MOVE_POINTS * 10_000 || significant) moved.push({ vendor: row.vendor, condition: row.condition, before: old.lossRate, after: row.lossRate, significant });
  }
  return moved;
}

function newFindingKinds(current: StoredRun, baseline: StoredRun): RunChanges['newFindingKinds'] {
  const known = new Set(baseline.findings.map((f) => f.kind));
  const kinds = new Map<FindingKind, { severity: Severity; vendors: Set<string> }>();
  for (const finding of current.findings) {
    if (known.has(finding.kind)) continue;
    const entry = kinds.get(finding.kind) ?? { severity: finding.severity, vendors: new Set<string>() };
    if (rank(finding.severity) < rank(entry.severity)) entry.severity = finding.severity;
    if (finding.vendor) entry.vendors.add(finding.vendor);
    kinds.set(finding.kind, entry);
  }
  return [...kinds].map(([kind, { severity, vendors }]) => ({ kind, severity, vendors: [...vendors].sort() })).sort((a, b) => rank(a.severity) - rank(b.severity) || a.kind.localeCompare(b.kind));
}

function rank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}
