import type { Alert } from '../model/alert.ts';
import type { Tracker } from '../model/tracker.ts';
import type { Finding, LossRow, Severity, Verdict, VerdictStatus } from '../model/verdict.ts';
import type { RunTrackers } from '../reconcile/tracker-changes.ts';

/** A loss row as the history keeps it: the verdict's row, plus whether it failed the run. */
export interface StoredLossRow extends LossRow {
  /** Above the vendor's threshold for the condition (an error loss finding): the vendor broke. */
  overThreshold: boolean;
}

/** What the journeys of one condition measured: only passed journeys say anything about tags. */
export interface ConditionCoverage {
  journeys: number;
  passed: number;
  /** Scenarios with a passed journey, sorted. */
  passedScenarios: string[];
}

/** What one vendor's tags sent under one condition, in passed journeys: sorted, capped lists. */
export interface VendorSignature {
  accounts: string[];
  currencies: string[];
  eventNames: string[];
}

/** Per vendor, per condition: what the tags sent. Compared between runs by the baseline diff. */
export type VendorFingerprint = Record<string, Record<string, VendorSignature>>;

/**
 * One run in the history: the verdict without its journeys (results.json keeps them), with
 * findings trimmed and a fingerprint of what the tags sent.
 */
export interface StoredRun {
  runId: string;
  monitor: string;
  baseUrl: string;
  startedAt: string;
  finishedAt: string;
  status: VerdictStatus;
  summary: string;
  loss: StoredLossRow[];
  findings: Finding[];
  /** Findings left out by the cap (the kept ones include one of every kind, vendor and condition). */
  findingsOmitted: number;
  trackers?: Tracker[];
  coverage: Record<string, ConditionCoverage>;
  fingerprint: VendorFingerprint;
  diagnostics: string[];
  /** What the alert policy decided for this run, when it decided something. */
  alert?: Alert;
  /** 'check': a release check of another origin (`tagwatch check`); the monitor's queries skip it. Absent: an audit. */
  kind?: 'check';
}

/** Per monitor, what the alert policy remembers between runs. */
export interface MonitorState {
  lastStatus: VerdictStatus;
  /** Run id of the first failing run of the current streak. */
  failingSince?: string;
  consecutiveFailures: number;
  /** Fingerprint of the last alert sent: the same failure is not announced twice. */
  lastAlertFingerprint?: string;
  /** ISO time of the last alert sent. */
  lastAlertAt?: string;
}

/** Bounds that keep one run small, whatever the audit found. */
export interface StoredRunLimits {
  maxFindings: number;
  /** Evidence larger than this (JSON characters) is replaced by its size. */
  maxEvidenceChars: number;
  maxDiagnostics: number;
  maxTextChars: number;
  /** Per fingerprint list (accounts, currencies, event names). */
  maxValues: number;
}

export const STORED_RUN_LIMITS: StoredRunLimits = { maxFindings: 200, maxEvidenceChars: 2_000, maxDiagnostics: 20, maxTextChars: 1_000, maxValues: 50 };

/** Pure: the verdict as the history stores it. */
export function toStoredRun(verdict: Verdict, extras: { alert?: Alert } = {}, limits: StoredRunLimits = STORED_RUN_LIMITS): StoredRun {
  const findings = keepFindings(verdict.findings, limits);
  return {
    runId: verdict.runId,
    monitor: verdict.monitor,
    baseUrl: verdict.baseUrl,
    startedAt: verdict.startedAt,
    finishedAt: verdict.finishedAt,
    status: verdict.status,
    summary: clip(verdict.summary, limits.maxTextChars),
    loss: verdict.loss.map((row) => ({ ...row, overThreshold: row.overThreshold ?? isOverThreshold(verdict.findings, row) })),
    findings,
    findingsOmitted: verdict.findings.length - findings.length,
    ...(verdict.trackers ? { trackers: verdict.trackers } : {}),
    coverage: conditionCoverage(verdict),
    fingerprint: vendorFingerprint(verdict, limits.maxValues),
    diagnostics: verdict.diagnostics.slice(0, limits.maxDiagnostics).map((d) => clip(d, limits.maxTextChars)),
    ...(extras.alert ? { alert: extras.alert } : {}),
    ...(verdict.kind ? { kind: verdict.kind } : {}),
  };
}

/** For verdicts from before rows carried it: a loss above the threshold is the one loss finding reconcile makes an error. */
function isOverThreshold(findings: readonly Finding[], row: LossRow): boolean {
  return findings.some((f) => f.severity === 'error' && (f.kind === 'tag-missing' || f.kind === 'tag-blocked') && f.vendor === row.vendor && f.condition === row.condition);
}

/** Per condition, how many journeys ran and which scenarios passed. */
export function conditionCoverage(verdict: Pick<Verdict, 'journeys'>): Record<string, ConditionCoverage> {
  const coverage: Record<string, { journeys: number; passed: number; scenarios: Set<string> }> = {};
  for (const journey of verdict.journeys) {
    const entry = (coverage[journey.condition] ??= { journeys: 0, passed: 0, scenarios: new Set() });
    entry.journeys++;
    if (journey.status === 'passed') {
      entry.passed++;
      entry.scenarios.add(journey.scenario);
    }
  }
  return Object.fromEntries(Object.entries(coverage).map(([condition, c]) => [condition, { journeys: c.journeys, passed: c.passed, passedScenarios: [...c.scenarios].sort() }]));
}

/**
 * What each vendor's tags sent in passed journeys, per condition. A failed journey may have
 * stopped before the page that fires an event: it would make the event look gone.
 */
export function vendorFingerprint(verdict: Pick<Verdict, 'journeys'>, maxValues = STORED_RUN_LIMITS.maxValues): VendorFingerprint {
  const sets: Record<string, Record<string, { accounts: Set<string>; currencies: Set<string>; eventNames: Set<string> }>> = {};
  for (const journey of verdict.journeys) {
    if (journey.status !== 'passed') continue;
    for (const hit of journey.hits) {
      const entry = ((sets[hit.vendor] ??= {})[journey.condition] ??= { accounts: new Set(), currencies: new Set(), eventNames: new Set() });
      if (hit.account) entry.accounts.add(hit.account);
      if (hit.currency) entry.currencies.add(hit.currency);
      entry.eventNames.add(hit.eventName);
    }
  }
  const list = (values: Set<string>) => [...values].sort().slice(0, maxValues);
  const fingerprint: VendorFingerprint = {};
  for (const [vendor, conditions] of Object.entries(sets)) {
    fingerprint[vendor] = Object.fromEntries(
      Object.entries(conditions).map(([condition, s]) => [condition, { accounts: list(s.accounts), currencies: list(s.currencies), eventNames: list(s.eventNames) }]),
    );
  }
  return fingerprint;
}

/**
 * At most `maxFindings`, most serious first, but one of every kind x vendor x condition x severity
 * before any repeat: the history must still tell which kinds a run had.
 */
function keepFindings(findings: readonly Finding[], limits: StoredRunLimits): Finding[] {
  const seen = new Set<string>();
  const firsts: Finding[] = [];
  const repeats: Finding[] = [];
  for (const finding of findings) {
    const key = [finding.kind, finding.vendor ?? '', finding.condition ?? '', finding.severity].join('\u0000');
    (seen.has(key) ? repeats : firsts).push(finding);
    seen.add(key);
  }
  const bySeverity = (a: Finding, b: Finding) => rank(a.severity) - rank(b.severity);
  return [...firsts.sort(bySeverity), ...repeats.sort(bySeverity)].slice(0, limits.maxFindings).map((finding) => trimFinding(finding, limits));
}

function trimFinding(finding: Finding, limits: StoredRunLimits): Finding {
  const trimmed: Finding = { ...finding, message: clip(finding.message, limits.maxTextChars) };
  if (finding.evidence === undefined) return trimmed;
  const size = JSON.stringify(finding.evidence).length;
  if (size > limits.maxEvidenceChars) trimmed.evidence = { omitted: `evidence of ${size} characters left out of the history: see results.json of the run` };
  return trimmed;
}

function rank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What a tracker comparison (reconcile/tracker-changes.ts) needs of a stored run: its journeys
 * stand in as one passed journey per passed scenario, or one failed journey where none passed.
 */
export function storedRunTrackers(run: Pick<StoredRun, 'runId' | 'trackers' | 'coverage'>): RunTrackers {
  const journeys = Object.entries(run.coverage).flatMap(([condition, coverage]) =>
    coverage.passedScenarios.length ? coverage.passedScenarios.map((scenario) => ({ condition, scenario, status: 'passed' })) : [{ condition, scenario: '', status: 'failed' }],
  );
  return { runId: run.runId, trackers: run.trackers ?? [], journeys };
}
