import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportRun } from '../../src/audit/report-run.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { copyOfRun, findingsOf } from './recorded-run.ts';

/**
 * The recorded clean run (`demo-pass`: baseline x 1, banner accepted, ga4 and meta tracked) with
 * its run log rewritten the way a run log reads when tagwatch could not answer a banner: the
 * journey's consent event `not-handled` (method, detail, consent manager), and its end `failed`
 * with that detail, as journey.consent() and the fixtures write them. Judged offline.
 */
const ID = 'baseline.purchase.r1';
const NOT_ANSWERED = 'tagwatch could not answer the consent banner: no "accept" button found in 9.1 s (tried: autoconsent\'s rules; accept button names) (consent manager Orejime, answered by fallback)';

function recordedEvents(): RunEvent[] {
  return readFileSync(join(copyOfRun('demo-pass'), 'run-log.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunEvent);
}

/** The attempt as it went when the banner was not answered: the page's first hits, the consent event, a failed end. */
function unansweredAttempt(recorded: RunEvent[], journeyId: string, shiftMs: number): RunEvent[] {
  const at = (time: string) => new Date(Date.parse(time) + shiftMs).toISOString();
  const start = recorded.find((e) => e.type === 'journey-start')!;
  const consent = recorded.find((e) => e.type === 'consent')!;
  const before = recorded.filter((e) => e.type === 'hit' && e.time < consent.time);
  return [
    { ...start, time: at(start.time), journeyId } as RunEvent,
    ...before.map((e) => ({ ...e, time: at(e.time), journeyId }) as RunEvent),
    { type: 'consent', time: at(consent.time), journeyId, outcome: 'not-handled', decidedAt: at((consent as { decidedAt: string }).decidedAt), method: 'fallback', cmp: 'Orejime', detail: NOT_ANSWERED },
    { type: 'journey-end', time: at(consent.time), journeyId, status: 'failed', error: NOT_ANSWERED, networkHosts: {}, blockedHosts: {}, hostSamples: {} },
  ];
}

/** The recorded journey renamed as the retry of an attempt that ran (and failed on the banner) before it. */
function runLog(recorded: RunEvent[], lastAttemptAnswered: boolean): RunEvent[] {
  const first = unansweredAttempt(recorded, ID, -20_000);
  const journey = recorded.filter((e) => e.type !== 'run-start' && e.type !== 'run-end');
  const retry = lastAttemptAnswered ? journey.map((e) => ('journeyId' in e && e.journeyId === ID ? ({ ...e, journeyId: `${ID}.retry1` } as RunEvent) : e)) : unansweredAttempt(recorded, `${ID}.retry1`, 0);
  return [recorded[0]!, ...first, ...retry, recorded.at(-1)!];
}

async function judged(events: RunEvent[]): Promise<{ verdict: Verdict; output: string }> {
  const runDir = copyOfRun('demo-pass');
  writeFileSync(join(runDir, 'run-log.ndjson'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  let output = '';
  const { verdict } = await reportRun(runDir, { write: (text) => (output += text) });
  return { verdict, output };
}

describe('a banner tagwatch could not answer is a failed step: retried, never measured as tag loss (recorded run, judged offline)', () => {
  it('not answered on attempt 1, answered on retry: the retry is measured, the failed attempt is evidence naming the consent manager', async () => {
    const { verdict } = await judged(runLog(recordedEvents(), true));
    expect(verdict.status).toBe('pass');
    expect(verdict.journeys.map((j) => [j.journeyId, j.status, j.consent, j.attempt, j.supersededBy ?? null])).toEqual([
      [ID, 'failed', 'not-handled', 1, `${ID}.retry1`],
      [`${ID}.retry1`, 'passed', 'accepted', 2, null],
    ]);
    expect(verdict.journeys[0]!.error).toBe(NOT_ANSWERED);
    // Measured from the retry: every vendor tracked the order, no loss.
    expect(verdict.loss.map((r) => [r.vendor, r.orders, r.tracked, r.lost])).toEqual([
      ['ga4', 1, 1, 0],
      ['google-ads', 1, 1, 0],
      ['meta', 1, 1, 0],
      ['tiktok', 1, 1, 0],
    ]);
    const [retried, ...more] = findingsOf(verdict, 'journey-retried');
    expect(more).toEqual([]);
    expect(retried).toMatchObject({ severity: 'warning', journeyId: ID, evidence: { failedBy: 'tagwatch' } });
    expect(retried!.message).toContain('tagwatch could not answer the consent banner, a problem of tagwatch, not of the site or its tags; the retry is what was measured');
    // The unanswered attempt's hits (sent before any answer) are not judged: no consent finding, no loss.
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdict.findings.map((f) => f.kind)).not.toContain('consent-not-handled');
  });

  it('not answered on any attempt: inconclusive, a consent-not-handled warning, nothing counted as lost', async () => {
    const { verdict, output } = await judged(runLog(recordedEvents(), false));
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.journeys.map((j) => [j.journeyId, j.status, j.consent])).toEqual([
      [ID, 'failed', 'not-handled'],
      [`${ID}.retry1`, 'incomplete', 'not-handled'],
    ]);
    expect(findingsOf(verdict, 'consent-not-handled')).toEqual([expect.objectContaining({ severity: 'warning', journeyId: `${ID}.retry1` })]);
    expect(findingsOf(verdict, 'journey-retried')[0]!.message).toContain('tagwatch could not answer the consent banner on any attempt');
    expect(verdict.loss.every((r) => !r.lost)).toBe(true);
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(output).toContain('INCONCLUSIVE');
  });

  it('no banner on the page: the marketing hits are fired-without-banner warnings, not "never answered" errors, and the run passes', async () => {
    const events = recordedEvents().map((e) => (e.type === 'consent' ? ({ ...e, outcome: 'no-banner', method: 'none', detail: undefined } as RunEvent) : e));
    const { verdict, output } = await judged(events);
    expect(verdict.status).toBe('pass');
    const found = findingsOf(verdict, 'fired-without-banner');
    // Every vendor of the demo shop's tags: each sent with nobody asked.
    expect(found.map((f) => [f.severity, f.vendor]).sort()).toEqual([
      ['warning', 'ga4'],
      ['warning', 'google-ads'],
      ['warning', 'meta'],
      ['warning', 'tiktok'],
    ]);
    // This run log predates page-load events: the finding names no page (tests/reconcile covers the page).
    for (const f of found) expect(f.message).toMatch(/^[\w-]+ sent \w+( \(line \d+ of a batched request\))? with no consent banner shown \(baseline\.purchase\.r1\): the visitor was never asked$/);
    expect(findingsOf(verdict, 'fired-before-consent')).toEqual([]);
    expect(output).toMatch(/WARNING fired-without-banner: /);
  });
});
