import type { Finding } from '../model/verdict.ts';
import type { StoredRun, VendorSignature } from './stored-run.ts';
import { baselineDiff } from './baseline-diff.ts';

/** What got worse on the checked origin than in production. */
export type RegressionKind = 'loss' | 'tag-disappeared' | 'event-disappeared' | 'account-changed' | 'currency-changed';

/** One way a release check is worse than the monitor's production baseline. */
export interface Regression {
  kind: RegressionKind;
  /** Catalog vendor id (`ga4`); absent for a tracker no catalog vendor decodes. */
  vendor?: string;
  /** Conditions it was seen under, sorted. */
  conditions: string[];
  /** Production's value and the check's: loss rates, or the values the tags sent. */
  before: number | string[];
  after: number | string[];
  /** One line naming it: `ga4: purchase lost 100% under baseline (baseline run X: 0%)`. */
  line: string;
}

export interface RegressionOptions {
  /** The event a vendor's loss is measured on (the monitor's `expect.<vendor>.eventName`). Default `purchase`. */
  eventName?: (vendor: string) => string | undefined;
}

/**
 * Pure: how the check run is worse than the baseline (the monitor's last passing production
 * run), both as the history stores them. It reuses the baseline diff's rules (loss moved by 10
 * points or out of the baseline's 95% interval, tags compared only where both runs passed a
 * journey) and keeps what got worse: a loss rate up, a tracker or an event gone, an account or
 * currency replaced. What appeared or improved is no regression.
 */
export function releaseRegressions(check: StoredRun, baseline: StoredRun, options: RegressionOptions = {}): Regression[] {
  const changes = baselineDiff(check, baseline);
  const eventName = (vendor: string) => options.eventName?.(vendor) ?? 'purchase';
  const regressions: Regression[] = [];

  const lossUp = changes.loss.filter((move) => move.after > move.before);
  for (const move of lossUp) {
    regressions.push({
      kind: 'loss',
      vendor: move.vendor,
      conditions: [move.condition],
      before: move.before,
      after: move.after,
      line: `${move.vendor}: ${eventName(move.vendor)} lost ${rate(move.after)} under ${move.condition} (baseline run ${baseline.runId}: ${rate(move.before)})`,
    });
  }

  const gone = new Grouped();
  for (const change of changes.trackers.filter((c) => c.change === 'disappeared')) {
    const vendor = baseline.trackers?.find((t) => t.id === change.id)?.catalogVendors[0];
    gone.add(`tracker\u0000${change.id}`, change.condition, () => ({
      kind: 'tag-disappeared',
      ...(vendor ? { vendor } : {}),
      before: [change.name],
      after: [],
      line: (conditions) => `${vendor ? `${vendor}: ${change.name} tag` : `${change.name}: tag`} disappeared under ${conditions} (baseline run ${baseline.runId} had it)`,
    }));
  }

  for (const change of changes.parameters) {
    const { vendor, condition, field } = change;
    if (field === 'eventName') {
      // The measured event already has its loss line: one problem, one line.
      const lossLine = lossUp.some((m) => m.vendor === vendor && m.condition === condition);
      const removed = change.removed.filter((name) => !(lossLine && name === eventName(vendor)));
      if (!removed.length) continue;
      gone.add(`event\u0000${vendor}\u0000${removed.join(',')}`, condition, () => ({
        kind: 'event-disappeared',
        vendor,
        before: removed,
        after: [],
        line: (conditions) => `${vendor}: stopped sending ${removed.join(', ')} under ${conditions} (baseline run ${baseline.runId} sent ${removed.length > 1 ? 'them' : 'it'})`,
      }));
      continue;
    }
    const list = field === 'account' ? 'accounts' : 'currencies';
    const before = signature(baseline, vendor, condition)[list];
    const after = signature(check, vendor, condition)[list];
    // Nothing sent any more is an event that disappeared; a value newly sent where none was, no change of one.
    if (!before.length || !after.length) continue;
    gone.add(`${field}\u0000${vendor}\u0000${before.join(',')}\u0000${after.join(',')}`, condition, () => ({
      kind: field === 'account' ? 'account-changed' : 'currency-changed',
      vendor,
      before,
      after,
      line: (conditions) => `${vendor}: ${field} changed ${before.join(', ')} -> ${after.join(', ')} under ${conditions}`,
    }));
  }
  return [...regressions, ...gone.regressions()];
}

/**
 * The regressions as error findings of kind `regression`: every reporter (console, JUnit, HTML,
 * results.json) then shows them with the verdict's other failures.
 */
export function regressionFindings(regressions: readonly Regression[], baselineRunId: string): Finding[] {
  return regressions.map((regression) => ({
    severity: 'error',
    kind: 'regression',
    message: regression.line,
    ...(regression.vendor ? { vendor: regression.vendor } : {}),
    ...(regression.conditions.length === 1 ? { condition: regression.conditions[0] } : {}),
    evidence: { regression: regression.kind, baselineRunId, conditions: regression.conditions, before: regression.before, after: regression.after },
  }));
}

const NONE: VendorSignature = { accounts: [], currencies: [], eventNames: [] };

function signature(run: StoredRun, vendor: string, condition: string): VendorSignature {
  return run.fingerprint[vendor]?.[condition] ?? NONE;
}

type Draft = Omit<Regression, 'conditions' | 'line'> & { line: (conditions: string) => string };

/** The same change under several conditions is one regression (an account is replaced everywhere at once). */
class Grouped {
  readonly #drafts = new Map<string, { draft: Draft; conditions: Set<string> }>();

  add(key: string, condition: string, draft: () => Draft): void {
    const entry = this.#drafts.get(key) ?? { draft: draft(), conditions: new Set<string>() };
    entry.conditions.add(condition);
    this.#drafts.set(key, entry);
  }

  regressions(): Regression[] {
    return [...this.#drafts.values()].map(({ draft, conditions }) => {
      const sorted = [...conditions].sort();
      return { ...draft, conditions: sorted, line: draft.line(sorted.join(', ')) };
    });
  }
}

/** 1 -> "100%", 0.333 -> "33.3%": as the JUnit report writes rates. */
function rate(value: number): string {
  return `${Number((value * 100).toFixed(1))}%`;
}
