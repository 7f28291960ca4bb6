import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/record/run-log.ts';
import { auditDemo } from '../support/audit.ts';

const VENDORS = ['ga4', 'google-ads', 'meta', 'tiktok'];

/** The demo monitor's own carts (monitors/demo-shop.monitor.ts): one product, and three. */
const CARTS = [1, 3];

/**
 * Real audits of the demo shop: the clean shop, and the pagehide beacon only the browser-level tap
 * sees. The verdicts of its other faults are judged from recorded runs (tests/judge/recorded-demo-faults.test.ts).
 */
describe('audit of the embedded demo shop (real Chromium)', () => {
  // Two carts, each dwelling on its confirmation page: more than the default limit on a loaded machine.
  it('clean shop: pass, exit 0, every vendor tracked every order, no error finding, reports written', { timeout: 600_000 }, async () => {
    const { verdict, exitCode, runDir, output } = await auditDemo({ conditions: ['baseline'], variants: { items: CARTS } });
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(verdict.status).toBe('pass');
    expect(verdict.loss.map((r) => [r.vendor, r.condition, r.orders, r.lossRate])).toEqual(VENDORS.map((v) => [v, 'baseline', CARTS.length, 0]));
    expect(verdict.journeys.map((j) => j.variant?.items).sort()).toEqual(CARTS);
    for (const journey of verdict.journeys) {
      expect(journey.orderId).toMatch(/^DS-\d+$/);
      expect(journey.orderInBackend).toBe(true);
      expect(Object.values(journey.vendors)).toEqual(['tracked', 'tracked', 'tracked', 'tracked']);
    }
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    expect(Object.keys(results)).toEqual(expect.arrayContaining(['runId', 'monitor', 'startedAt', 'finishedAt', 'status', 'journeys', 'loss', 'findings']));
    expect(results.journeys[0].hits[0]).toEqual(expect.objectContaining({ vendor: expect.any(String), eventName: expect.any(String), kind: expect.any(String) }));
    expect(existsSync(join(runDir, '..', 'latest', 'results.json'))).toBe(true);
    expect(existsSync(join(runDir, '..', 'latest', 'run-log.ndjson'))).toBe(true);
    expect(output).toMatch(/ga4\s+baseline\s+2\s+2\s+0\s+0\s+0%/);
    // Each journey says where its time went, for `tagwatch bench`, and which worker ran it.
    const timings = readRunLog(runDir).events.filter((e) => e.type === 'journey-timing');
    // Two carts are two journeys of one project: one worker (browser) serves them both; a
    // worker per cart would start a second.
    const workers = new Set(timings.map((t) => (t.type === 'journey-timing' ? t.worker : -1)));
    expect(workers.size).toBe(1);
    expect(timings.map((t) => t.journeyId).sort()).toEqual(verdict.journeys.map((j) => j.journeyId).sort());
    for (const timing of timings) {
      if (timing.type !== 'journey-timing') continue;
      expect(Object.keys(timing.phases).sort()).toEqual(['capture', 'consent', 'context', 'settle', 'steps', 'teardown']);
      expect(timing.phases.steps).toBeGreaterThan(0);
    }
  });

  it('purchase-beacon-on-unload: the pagehide beacon is captured, loss 0, nothing reached the network', async () => {
    const { verdict, runLog } = await auditDemo({ demoFaults: ['purchase-beacon-on-unload'], repeat: 1, conditions: ['baseline'] });
    expect(verdict.loss.find((r) => r.vendor === 'ga4')?.lossRate).toBe(0);
    const ga4Purchase = runLog.find((e) => e.type === 'hit' && e.url.includes('/g/collect') && e.body?.includes('en=purchase'));
    expect(ga4Purchase).toMatchObject({ status: 'captured', resourceType: 'Ping' });
    const ends = runLog.filter((e) => e.type === 'journey-end');
    expect(ends.length).toBe(1);
    for (const end of ends) expect(end.type === 'journey-end' && end.networkHosts).toEqual({});
  });
});
