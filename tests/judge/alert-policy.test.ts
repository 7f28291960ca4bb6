import { describe, expect, it } from 'vitest';
import type { Finding, VerdictStatus } from '../../src/model/verdict.ts';
import { decideAlert, describeFailure, failureFingerprint, type AlertState, type PolicyVerdict } from '../../src/judge/alert-policy.ts';

const settings = { remindAfterRuns: 3 };

const ga4Lost = (orderId = '1001'): Finding[] => [
  { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: `ga4 missed 1 of 1 orders under baseline`, evidence: { lostOrders: [orderId] } },
  { severity: 'error', kind: 'tag-not-triggered', vendor: 'ga4', condition: 'baseline', orderId, message: `dataLayer had order ${orderId}, ga4 sent nothing` },
  { severity: 'warning', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'warnings do not make a failure' },
];
const metaDouble: Finding[] = [{ severity: 'error', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'meta sent the purchase twice' }];

let sequence = 0;
function verdict(status: VerdictStatus, findings: Finding[] = []): PolicyVerdict {
  sequence++;
  return { runId: `run-${sequence}`, monitor: 'shop', status, findings, finishedAt: `2026-01-01T00:00:${String(sequence % 60).padStart(2, '0')}.000Z` };
}

/** Runs verdicts through the policy in order, as the audit does, and returns each decision. */
function replay(verdicts: PolicyVerdict[], start?: AlertState, delivered: boolean[] = []) {
  let state = start;
  return verdicts.map((v, i) => {
    const decision = decideAlert(state, v, settings, { delivered: delivered[i] ?? true });
    state = decision.nextState ?? state;
    return { ...decision, state };
  });
}

describe('alert policy', () => {
  it('pass then fail: one failure alert, from the run that started the streak', () => {
    const [pass, fail] = replay([verdict('pass'), verdict('fail', ga4Lost())]);
    expect(pass!.alert).toBeUndefined();
    expect(pass!.state).toEqual({ lastStatus: 'pass', consecutiveFailures: 0 });
    expect(fail!.alert).toMatchObject({ kind: 'failure', monitor: 'shop', consecutiveFailures: 1, since: fail!.alert!.runId, headline: 'ga4 purchase tracking broke under baseline on shop' });
    expect(fail!.state).toMatchObject({ lastStatus: 'fail', consecutiveFailures: 1, failingSince: fail!.alert!.runId, lastAlertFingerprint: fail!.alert!.fingerprint, lastAlertStreak: 1 });
  });

  it('the first run of a monitor failing is a failure too (no history)', () => {
    const decision = decideAlert(undefined, verdict('fail', ga4Lost()), settings);
    expect(decision.alert?.kind).toBe('failure');
    expect(decision.reason).toMatch(/first run/);
  });

  it('the same failure again is deduplicated, even with other order numbers', () => {
    const [first, second, third] = replay([verdict('fail', ga4Lost('1001')), verdict('fail', ga4Lost('2002')), verdict('fail', ga4Lost('3003'))]);
    expect(first!.alert?.kind).toBe('failure');
    expect(second!.alert).toBeUndefined();
    expect(second!.reason).toMatch(/deduplicated/);
    expect(third!.alert).toBeUndefined();
    expect(third!.state).toMatchObject({ consecutiveFailures: 3, failingSince: first!.alert!.runId, lastAlertFingerprint: first!.alert!.fingerprint });
  });

  it('a reminder remindAfterRuns failing runs after the alert, and every remindAfterRuns after that', () => {
    const runs = replay(Array.from({ length: 8 }, () => verdict('fail', ga4Lost())));
    // Runs 1..8 of one streak, remindAfterRuns 3: failure at 1, reminders at 4 and 7.
    expect(runs.map((r) => r.alert?.kind ?? '-')).toEqual(['failure', '-', '-', 'reminder', '-', '-', 'reminder', '-']);
    const reminder = runs[3]!.alert!;
    expect(reminder).toMatchObject({ consecutiveFailures: 4, since: runs[0]!.alert!.runId, fingerprint: runs[0]!.alert!.fingerprint });
    expect(reminder.headline).toBe('ga4 purchase tracking broke under baseline on shop: still broken');
  });

  it('what broke changed mid-streak: a new failure, the streak goes on, and reminders count from it', () => {
    const runs = replay([verdict('fail', ga4Lost()), verdict('fail', ga4Lost()), verdict('fail', metaDouble), verdict('fail', metaDouble), verdict('fail', metaDouble), verdict('fail', metaDouble)]);
    expect(runs.map((r) => r.alert?.kind ?? '-')).toEqual(['failure', '-', 'failure', '-', '-', 'reminder']);
    const changed = runs[2]!.alert!;
    expect(changed).toMatchObject({ consecutiveFailures: 3, since: runs[0]!.alert!.runId, fingerprint: 'duplicate-hit:meta:baseline' });
    expect(changed.headline).toBe('What broke changed on shop: meta duplicate-hit under baseline');
    expect(runs[2]!.reason).toContain('was tag-missing:ga4:baseline, tag-not-triggered:ga4:baseline');
  });

  it('back to pass after an announced failure: a recovery saying since which run; a second pass says nothing', () => {
    const [fail, , pass, again] = replay([verdict('fail', ga4Lost()), verdict('fail', ga4Lost()), verdict('pass'), verdict('pass')]);
    expect(pass!.alert).toMatchObject({ kind: 'recovery', consecutiveFailures: 0, since: fail!.alert!.runId, fingerprint: fail!.alert!.fingerprint, headline: 'Tracking recovered on shop after 2 failing runs' });
    expect(pass!.reason).toContain(`failing since run ${fail!.alert!.runId}`);
    expect(pass!.state).toMatchObject({ lastStatus: 'pass', consecutiveFailures: 0 });
    expect(pass!.state?.lastAlertFingerprint).toBeUndefined();
    expect(again!.alert).toBeUndefined();
  });

  it('inconclusive runs leave the state as it was: no alert, no reset, no false recovery', () => {
    const runs = replay([verdict('pass'), verdict('inconclusive', [{ severity: 'error', kind: 'backend-unreachable', message: 'orders API down' }]), verdict('pass')]);
    expect(runs.map((r) => r.alert?.kind ?? '-')).toEqual(['-', '-', '-']);
    expect(runs[1]!.state).toEqual(runs[0]!.state);

    const failing = replay([verdict('fail', ga4Lost()), verdict('inconclusive'), verdict('inconclusive'), verdict('fail', ga4Lost()), verdict('inconclusive'), verdict('pass')]);
    expect(failing.map((r) => r.alert?.kind ?? '-')).toEqual(['failure', '-', '-', '-', '-', 'recovery']);
    // The inconclusive runs are not counted in the streak, nor do they end it.
    expect(failing[3]!.state?.consecutiveFailures).toBe(2);
    expect(failing[1]!.reason).toMatch(/inconclusive.*kept as it was/);
  });

  it('an inconclusive first run stores nothing', () => {
    expect(decideAlert(undefined, verdict('inconclusive'), settings).nextState).toBeUndefined();
  });

  it('an alert that reached no channel is announced again on the next run', () => {
    const runs = replay([verdict('fail', ga4Lost()), verdict('fail', ga4Lost()), verdict('fail', ga4Lost())], undefined, [false, true, true]);
    expect(runs.map((r) => r.alert?.kind ?? '-')).toEqual(['failure', 'failure', '-']);
    expect(runs[0]!.state?.lastAlertFingerprint).toBeUndefined();
    expect(runs[1]!.reason).toMatch(/never announced/);
    expect(runs[1]!.alert).toMatchObject({ consecutiveFailures: 2, since: runs[0]!.alert!.runId });
  });

  it('no recovery for a failure that was never announced', () => {
    const runs = replay([verdict('fail', ga4Lost()), verdict('pass')], undefined, [false]);
    expect(runs[1]!.alert).toBeUndefined();
    expect(runs[1]!.reason).toMatch(/never announced/);
  });

  it('the fingerprint and headline hold no order number, and site or backend outages are not part of them', () => {
    const withOutage: Finding[] = [...ga4Lost('9999'), { severity: 'error', kind: 'site-unreachable', condition: 'baseline', journeyId: 'baseline.purchase.r2', message: 'net::ERR_CONNECTION_REFUSED' }];
    expect(failureFingerprint(withOutage)).toBe(failureFingerprint(ga4Lost('1234')));
    expect(failureFingerprint(withOutage)).toBe('tag-missing:ga4:baseline, tag-not-triggered:ga4:baseline');
    expect(describeFailure(withOutage)).not.toMatch(/9999/);
    // Findings in another order make the same key.
    expect(failureFingerprint([...ga4Lost()].reverse())).toBe(failureFingerprint(ga4Lost()));
  });

  it('several things broken: the headline names the first and counts the rest', () => {
    expect(describeFailure([...ga4Lost(), ...metaDouble])).toBe('ga4 purchase tracking broke under baseline (+1 more)');
    expect(failureFingerprint([...ga4Lost(), ...metaDouble])).toBe('duplicate-hit:meta:baseline, tag-missing:ga4:baseline, tag-not-triggered:ga4:baseline');
  });

  it('thresholds come from the verdict: a passing run with a within-threshold loss warning ends the failure (recovery)', () => {
    const withinThreshold: Finding[] = [{ severity: 'warning', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed 1 of 20 orders (loss 5%, within threshold)' }];
    const [fail, pass] = replay([verdict('fail', ga4Lost()), verdict('pass', withinThreshold)]);
    expect(fail!.alert?.kind).toBe('failure');
    expect(pass!.alert?.kind).toBe('recovery');
  });
});
