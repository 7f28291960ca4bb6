import { describe, expect, it } from 'vitest';
import type { JourneyHit, LossRow, Verdict } from '../../src/model/verdict.ts';
import { regressionFindings, releaseRegressions } from '../../src/judge/release-regressions.ts';
import { toStoredRun } from '../../src/judge/stored-run.ts';
import { hit, journey, lossRow, tracker, verdict } from '../storage/verdicts.ts';

const CONDITIONS = ['baseline', 'adblock'];

/** What production's tags send under every condition: ga4 and meta, each its account, in EUR. */
const PRODUCTION_HITS = [
  hit('ga4', 'page_view', { account: 'G-1' }),
  hit('ga4', 'purchase', { account: 'G-1', currency: 'EUR' }),
  hit('meta', 'PageView', { account: '123' }),
  hit('meta', 'AddToCart', { account: '123', currency: 'EUR' }),
  hit('meta', 'Purchase', { account: '123', currency: 'EUR' }),
];
const PRODUCTION_LOSS = [lossRow('ga4', 'baseline', 0, 3), lossRow('meta', 'baseline', 0, 3), lossRow('ga4', 'adblock', 1, 3)];
const PRODUCTION_TRACKERS = [{ ...tracker('google_analytics', 'Google Analytics'), catalogVendors: ['ga4'] }, tracker('hotjar', 'Hotjar')];

/** Run `n` of the shop as the history stores it; production's tags, rates and trackers unless told otherwise. */
function shopRun(n: number, fields: { hits?: JourneyHit[]; loss?: LossRow[]; trackers?: Verdict['trackers']; journeys?: Verdict['journeys'] } = {}) {
  const hits = fields.hits ?? PRODUCTION_HITS;
  return toStoredRun(
    verdict(n, {
      journeys: fields.journeys ?? CONDITIONS.map((condition) => journey(condition, hits)),
      loss: fields.loss ?? PRODUCTION_LOSS,
      trackers: fields.trackers ?? PRODUCTION_TRACKERS,
    }),
  );
}

const production = shopRun(1);
const expected = { eventName: (vendor: string) => ({ ga4: 'purchase', meta: 'Purchase' })[vendor] };
const lines = (check: ReturnType<typeof shopRun>) => releaseRegressions(check, production, expected).map((r) => r.line);

describe('releaseRegressions (check run vs production baseline)', () => {
  it('the same tags, accounts and rates: no regression', () => {
    expect(releaseRegressions(shopRun(2), production, expected)).toEqual([]);
  });

  it('a purchase lost on the checked origin: one line per condition with both rates and the baseline run, none for the event itself', () => {
    const check = shopRun(2, {
      hits: PRODUCTION_HITS.filter((h) => !(h.vendor === 'ga4' && h.eventName === 'purchase')),
      loss: [lossRow('ga4', 'baseline', 3, 3), lossRow('meta', 'baseline', 0, 3), lossRow('ga4', 'adblock', 3, 3)],
    });
    expect(lines(check)).toEqual(['ga4: purchase lost 100% under baseline (baseline run run-0001: 0%)', 'ga4: purchase lost 100% under adblock (baseline run run-0001: 33.3%)']);
    expect(releaseRegressions(check, production, expected)[0]).toMatchObject({ kind: 'loss', vendor: 'ga4', conditions: ['baseline'], before: 0, after: 1 });
  });

  it('loss that went down, or rose less than 10 points within the intervals, is no regression', () => {
    const before = shopRun(1, { loss: [lossRow('ga4', 'baseline', 1, 3), lossRow('meta', 'baseline', 1, 20)] });
    const after = shopRun(2, { loss: [lossRow('ga4', 'baseline', 0, 3), lossRow('meta', 'baseline', 2, 20)] });
    expect(releaseRegressions(after, before)).toEqual([]);
  });

  it('a rise under 10 points that leaves the baseline\'s interval is one', () => {
    const before = shopRun(1, { loss: [lossRow('tiktok', 'baseline', 50, 1000)] });
    const after = shopRun(2, { loss: [lossRow('tiktok', 'baseline', 100, 1000)] });
    expect(releaseRegressions(after, before).map((r) => r.line)).toEqual(['tiktok: purchase lost 10% under baseline (baseline run run-0001: 5%)']);
  });

  it('an account and a currency replaced: one line each, the conditions grouped', () => {
    const check = shopRun(2, {
      hits: PRODUCTION_HITS.map((h) => (h.vendor === 'meta' ? { ...h, account: '456' } : h.eventName === 'purchase' ? { ...h, currency: 'USD' } : h)),
    });
    const regressions = releaseRegressions(check, production, expected);
    expect(regressions.map((r) => r.line).sort()).toEqual(['ga4: currency changed EUR -> USD under adblock, baseline', 'meta: account changed 123 -> 456 under adblock, baseline']);
    expect(regressions.find((r) => r.kind === 'account-changed')).toMatchObject({ vendor: 'meta', conditions: ['adblock', 'baseline'], before: ['123'], after: ['456'] });
  });

  it('a tracker and an event that disappeared are regressions; a tracker or event that appeared is not', () => {
    const check = shopRun(2, {
      hits: [...PRODUCTION_HITS.filter((h) => h.eventName !== 'AddToCart'), hit('ga4', 'add_to_cart', { account: 'G-1', currency: 'EUR' })],
      trackers: [PRODUCTION_TRACKERS[0]!, tracker('clarity', 'Microsoft Clarity')],
    });
    expect(lines(check)).toEqual(['Hotjar: tag disappeared under baseline (baseline run run-0001 had it)', 'meta: stopped sending AddToCart under adblock, baseline (baseline run run-0001 sent it)']);
  });

  it('a catalog vendor\'s tracker that disappeared is named by the vendor', () => {
    expect(lines(shopRun(2, { trackers: [tracker('hotjar', 'Hotjar')] }))).toEqual(['ga4: Google Analytics tag disappeared under baseline (baseline run run-0001 had it)']);
  });

  it('where the check passed no journey nothing is compared: a broken journey is not a lost tag', () => {
    const check = shopRun(2, { journeys: CONDITIONS.map((condition) => journey(condition, [], { status: 'failed' })), loss: [], trackers: [] });
    expect(releaseRegressions(check, production, expected)).toEqual([]);
  });

  it('as error findings of kind regression, with the baseline run and both values as evidence', () => {
    const check = shopRun(2, { loss: [lossRow('ga4', 'baseline', 3, 3), ...PRODUCTION_LOSS.slice(1)] });
    expect(regressionFindings(releaseRegressions(check, production, expected), 'run-0001')).toEqual([
      {
        severity: 'error',
        kind: 'regression',
        vendor: 'ga4',
        condition: 'baseline',
        message: 'ga4: purchase lost 100% under baseline (baseline run run-0001: 0%)',
        evidence: { regression: 'loss', baselineRunId: 'run-0001', conditions: ['baseline'], before: 0, after: 1 },
      },
    ]);
  });
});
