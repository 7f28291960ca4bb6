import type { Alert } from '../model/alert.ts';
import type { Finding, Verdict } from '../model/verdict.ts';
import type { MonitorState } from './stored-run.ts';

/**
 * What the policy remembers per monitor, in the run history. `lastStatus` is the last
 * *conclusive* status (pass or fail): an inconclusive run leaves the state as it was.
 */
export interface AlertState extends MonitorState {
  /**
   * `consecutiveFailures` of the run that sent the last failure or reminder: reminders count
   * from there, so a failure whose content changed mid-streak is not reminded of too early.
   */
  lastAlertStreak?: number;
}

/** The monitor's `alerts` settings the policy reads. */
export interface AlertPolicySettings {
  /** A reminder every this many failing runs after the last alert of the same failure. */
  remindAfterRuns: number;
}

export interface AlertDecision {
  /** Set when the run notifies people; absent: notifiers stay quiet. */
  alert?: Alert;
  /** Why the policy decided so, in one sentence (stored on the verdict). */
  reason: string;
  /** What to remember for the next run; undefined when nothing is to be stored (inconclusive, no history yet). */
  nextState?: AlertState;
}

export interface DecideOptions {
  /**
   * Whether the alert reached at least one channel. False (every channel failed): the next run
   * announces it again instead of treating it as already said. Default true.
   */
  delivered?: boolean;
}

/** The verdict fields the policy reads. */
export type PolicyVerdict = Pick<Verdict, 'runId' | 'monitor' | 'status' | 'findings' | 'finishedAt'>;

/** Errors that say the run could not measure, not that tracking broke: never part of what broke. */
const UNMEASURED_KINDS: ReadonlySet<string> = new Set(['site-unreachable', 'backend-unreachable', 'orders-not-found']);

/**
 * Pure: from what the monitor's last runs left (previous state), this run's verdict and the
 * monitor's settings, whether to notify and what to remember.
 *
 * - failure: the monitor goes from passing (or no history) to failing, or keeps failing but
 *   what broke changed (another fingerprint than the one last announced);
 * - reminder: the same failure, `remindAfterRuns` failing runs after its last alert (and every
 *   `remindAfterRuns` after that);
 * - recovery: passing again after a failure that was announced;
 * - otherwise nothing: the same failure again is deduplicated.
 *
 * Inconclusive runs (site or backend down) change nothing: no alert, the streak neither grows
 * nor resets, so a backend outage never pages people as broken tags nor yields a false recovery.
 */
export function decideAlert(previous: AlertState | undefined, verdict: PolicyVerdict, settings: AlertPolicySettings, options: DecideOptions = {}): AlertDecision {
  const delivered = options.delivered ?? true;
  const failing = (previous?.consecutiveFailures ?? 0) > 0;
  if (verdict.status === 'inconclusive') {
    const what = failing ? `the failing streak (${previous!.consecutiveFailures} runs) is kept as it was` : 'the state is kept as it was';
    return { reason: `inconclusive (tagwatch could not measure): no alert, ${what}`, nextState: previous };
  }
  if (verdict.status === 'pass') return decidePass(previous, verdict, failing, delivered);
  return decideFail(previous, verdict, settings, failing, delivered);
}

function decidePass(previous: AlertState | undefined, verdict: PolicyVerdict, failing: boolean, delivered: boolean): AlertDecision {
  const passing: AlertState = { lastStatus: 'pass', consecutiveFailures: 0, ...(previous?.lastAlertAt ? { lastAlertAt: previous.lastAlertAt } : {}) };
  if (!failing) return { reason: previous ? 'passing, as before: nothing to announce' : 'first run of the monitor, passing: nothing to announce', nextState: passing };
  const runs = previous!.consecutiveFailures;
  const since = previous!.failingSince;
  // A failure nobody was told about (every channel failed) has no recovery to announce either.
  if (previous!.lastAlertFingerprint === undefined) {
    return { reason: `passing again after ${plural(runs, 'failing run')}, whose failure was never announced: no recovery to announce`, nextState: passing };
  }
  const alert: Alert = {
    kind: 'recovery',
    monitor: verdict.monitor,
    runId: verdict.runId,
    consecutiveFailures: 0,
    ...(since ? { since } : {}),
    fingerprint: previous!.lastAlertFingerprint,
    headline: `Tracking recovered on ${verdict.monitor} after ${plural(runs, 'failing run')}`,
  };
  return {
    alert,
    reason: `passing again after ${plural(runs, 'failing run')}${since ? ` (failing since run ${since})` : ''}: recovery`,
    nextState: delivered ? { ...passing, lastAlertAt: verdict.finishedAt } : passing,
  };
}

function decideFail(previous: AlertState | undefined, verdict: PolicyVerdict, settings: AlertPolicySettings, failing: boolean, delivered: boolean): AlertDecision {
  const fingerprint = failureFingerprint(verdict.findings);
  const streak = failing ? previous!.consecutiveFailures + 1 : 1;
  const since = failing ? (previous!.failingSince ?? verdict.runId) : verdict.runId;
  const what = describeFailure(verdict.findings);
  // The streak goes on whatever is sent; what was last announced changes only when it reached someone.
  const base: AlertState = {
    lastStatus: 'fail',
    failingSince: since,
    consecutiveFailures: streak,
    ...(previous?.lastAlertFingerprint !== undefined && failing ? { lastAlertFingerprint: previous.lastAlertFingerprint } : {}),
    ...(previous?.lastAlertAt ? { lastAlertAt: previous.lastAlertAt } : {}),
    ...(previous?.lastAlertStreak !== undefined && failing ? { lastAlertStreak: previous.lastAlertStreak } : {}),
  };
  const announced = (kind: Alert['kind'], headline: string, reason: string): AlertDecision => ({
    alert: { kind, monitor: verdict.monitor, runId: verdict.runId, consecutiveFailures: streak, since, fingerprint, headline },
    reason,
    nextState: delivered ? { ...base, lastAlertFingerprint: fingerprint, lastAlertAt: verdict.finishedAt, lastAlertStreak: streak } : base,
  });

  if (!failing) {
    return announced('failure', `${what} on ${verdict.monitor}`, previous ? 'first failing run after passing runs: failure' : 'first run of the monitor, failing: failure');
  }
  const lastFingerprint = previous!.lastAlertFingerprint;
  if (fingerprint !== lastFingerprint) {
    const reason =
      lastFingerprint === undefined
        ? `still failing (${plural(streak, 'run')} in a row), and the failure was never announced (every channel failed): failure`
        : `still failing (${plural(streak, 'run')} in a row), but what broke changed (was ${lastFingerprint}): failure`;
    return announced('failure', `What broke changed on ${verdict.monitor}: ${what}`, reason);
  }
  const sinceAlert = streak - (previous!.lastAlertStreak ?? 1);
  if (sinceAlert >= settings.remindAfterRuns) {
    return announced('reminder', `${what} on ${verdict.monitor}: still broken`, `the same failure for ${plural(sinceAlert, 'more failing run')} since its last alert (remindAfterRuns ${settings.remindAfterRuns}): reminder`);
  }
  return {
    reason: `the same failure as already announced (${plural(streak, 'failing run')} in a row; a reminder after ${plural(settings.remindAfterRuns - sinceAlert, 'more failing run')}): deduplicated, no alert`,
    nextState: base,
  };
}

/**
 * Stable key of what broke: the sorted set of error findings' kind:vendor:condition ('-' where
 * absent). No order number, run id or loss figure in it, so the same failure on another run gives
 * the same key. Site and backend outages are left out: they say the run could not measure.
 */
export function failureFingerprint(findings: readonly Finding[]): string {
  const keys = new Set(errorFindings(findings).map((f) => `${f.kind}:${f.vendor ?? '-'}:${f.condition ?? '-'}`));
  return keys.size ? [...keys].sort().join(', ') : 'fail';
}

/**
 * What broke, in words for a notification title, from the error findings' kinds, vendors and
 * conditions only (no order number): "ga4 purchase tracking broke under baseline (+1 more)".
 */
export function describeFailure(findings: readonly Finding[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const finding of errorFindings(findings)) {
    const text = describeFinding(finding);
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  parts.sort();
  if (parts.length === 0) return 'Tracking broke';
  return parts.length === 1 ? parts[0]! : `${parts[0]} (+${parts.length - 1} more)`;
}

function describeFinding(finding: Finding): string {
  const under = finding.condition ? ` under ${finding.condition}` : '';
  // A lost purchase, whatever the diagnosis (blocked, not triggered, no dataLayer push), reads the same to the reader.
  if (finding.vendor && LOST_PURCHASE.has(finding.kind)) return `${finding.vendor} purchase tracking broke${under}`;
  return `${finding.vendor ? `${finding.vendor} ` : ''}${finding.kind}${under}`;
}

const LOST_PURCHASE: ReadonlySet<string> = new Set(['tag-missing', 'tag-blocked', 'tag-not-triggered', 'datalayer-missing']);

function errorFindings(findings: readonly Finding[]): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const measured = errors.filter((f) => !UNMEASURED_KINDS.has(f.kind));
  return measured.length ? measured : errors;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
