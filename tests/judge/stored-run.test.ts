import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/verdict.ts';
import { STORED_RUN_LIMITS, storedRunTrackers, toStoredRun } from '../../src/judge/stored-run.ts';
import { hit, journey, lossError, lossRow, verdict } from '../storage/verdicts.ts';

describe('toStoredRun (a verdict as the history keeps it)', () => {
  it('no journeys; per condition what passed; loss rows marked over the threshold where reconcile made the loss an error', () => {
    const run = toStoredRun(
      verdict(1, {
        status: 'fail',
        journeys: [journey('baseline', []), journey('adblock', [], { status: 'failed', scenario: 'purchase' }), journey('adblock', [], { scenario: 'browse' })],
        loss: [lossRow('ga4', 'baseline', 1, 1), lossRow('ga4', 'adblock', 1, 1)],
        findings: [lossError('ga4', 'baseline'), { severity: 'info', kind: 'tag-blocked', vendor: 'ga4', condition: 'adblock', message: 'blocked, expected' }],
      }),
    );
    expect(run).not.toHaveProperty('journeys');
    expect(run.coverage).toEqual({ baseline: { journeys: 1, passed: 1, passedScenarios: ['purchase'] }, adblock: { journeys: 2, passed: 1, passedScenarios: ['browse'] } });
    expect(run.loss.map((row) => [row.condition, row.overThreshold])).toEqual([
      ['baseline', true],
      ['adblock', false],
    ]);
  });

  it('fingerprint: per vendor and condition, the accounts, currencies and event names of passed journeys only', () => {
    const run = toStoredRun(
      verdict(1, {
        journeys: [
          journey('baseline', [hit('ga4', 'purchase', { account: 'G-1', currency: 'EUR' }), hit('ga4', 'page_view', { account: 'G-1' }), hit('meta', 'Purchase', { account: '123', currency: 'EUR' })]),
          journey('baseline', [hit('ga4', 'refund', { account: 'G-OLD', currency: 'USD' })], { status: 'failed' }),
        ],
      }),
    );
    expect(run.fingerprint).toEqual({
      ga4: { baseline: { accounts: ['G-1'], currencies: ['EUR'], eventNames: ['page_view', 'purchase'] } },
      meta: { baseline: { accounts: ['123'], currencies: ['EUR'], eventNames: ['Purchase'] } },
    });
  });

  it('findings capped, one of every kind x vendor x condition kept first, errors first; big evidence replaced by its size', () => {
    const many: Finding[] = Array.from({ length: 300 }, (_, i) => ({ severity: 'warning', kind: 'duplicate-hit', vendor: 'ga4', condition: 'baseline', message: `dup ${i}`, evidence: { url: 'x'.repeat(i === 0 ? 5_000 : 10) } }));
    const rare: Finding = { severity: 'info', kind: 'pii-in-hit', vendor: 'meta', condition: 'baseline', message: 'e-mail in a hit' };
    const run = toStoredRun(verdict(1, { findings: [...many, rare, lossError('ga4', 'baseline')] }));
    expect(run.findings).toHaveLength(STORED_RUN_LIMITS.maxFindings);
    expect(run.findingsOmitted).toBe(302 - STORED_RUN_LIMITS.maxFindings);
    expect(run.findings.slice(0, 3).map((f) => f.kind)).toEqual(['tag-missing', 'duplicate-hit', 'pii-in-hit']);
    expect(run.findings[1]!.evidence).toEqual({ omitted: expect.stringMatching(/evidence of 5\d{3} characters left out.*results\.json/) });
    expect(run.findings[3]!.evidence).toEqual({ url: 'x'.repeat(10) });
  });

  it('for a tracker comparison: one passed journey per passed scenario, a failed one where none passed', () => {
    const run = toStoredRun(verdict(1, { journeys: [journey('baseline', []), journey('gpc', [], { status: 'failed' })] }));
    expect(storedRunTrackers(run).journeys).toEqual([
      { condition: 'baseline', scenario: 'purchase', status: 'passed' },
      { condition: 'gpc', scenario: '', status: 'failed' },
    ]);
  });
});
