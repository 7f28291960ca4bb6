import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/record/run-log.ts';
import { auditDemo } from '../support/audit.ts';

const VENDORS = ['ga4', 'google-ads', 'meta', 'tiktok'];

describe('audit of the embedded demo shop (real Chromium)', () => {
  // Three carts, each dwelling on its confirmation page: more than the default limit on a loaded machine.
  it('clean shop: pass, exit 0, every vendor tracked every order, no error finding, reports written', { timeout: 600_000 }, async () => {
    // The demo monitor's own carts of 1, 2 and 3 products.
    const { verdict, exitCode, runDir, output } = await auditDemo({ conditions: ['baseline'], variants: { items: [1, 2, 3] } });
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(verdict.status).toBe('pass');
    expect(verdict.loss.map((r) => [r.vendor, r.condition, r.orders, r.lossRate])).toEqual(VENDORS.map((v) => [v, 'baseline', 3, 0]));
    expect(verdict.journeys.map((j) => j.variant?.items).sort()).toEqual([1, 2, 3]);
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
    expect(output).toMatch(/ga4\s+baseline\s+3\s+3\s+0\s+0\s+0%/);
    // Each journey says where its time went, for `tagwatch bench`, and which worker ran it.
    const timings = readRunLog(runDir).events.filter((e) => e.type === 'journey-timing');
    // Three carts are three journeys of one project: the monitor's 2 workers (browsers) serve
    // them all; a worker per cart would start a third browser.
    const workers = new Set(timings.map((t) => (t.type === 'journey-timing' ? t.worker : -1)));
    expect(workers.size).toBeGreaterThanOrEqual(1);
    expect(workers.size).toBeLessThanOrEqual(2);
    expect(timings.map((t) => t.journeyId).sort()).toEqual(verdict.journeys.map((j) => j.journeyId).sort());
    for (const timing of timings) {
      if (timing.type !== 'journey-timing') continue;
      expect(Object.keys(timing.phases).sort()).toEqual(['capture', 'consent', 'context', 'settle', 'steps', 'teardown']);
      expect(timing.phases.steps).toBeGreaterThan(0);
    }
  });

  // Two faults on two vendors in one audit: each vendor's row and findings stay its own.
  it('ga4-purchase-missing and meta-purchase-double: exit 1, tag-missing for ga4 (loss 1), a duplicate-hit for meta, the others fine', async () => {
    const { verdict, exitCode } = await auditDemo({ demoFaults: ['ga4-purchase-missing', 'meta-purchase-double'], repeat: 1, conditions: ['baseline'] });
    expect(exitCode).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'tag-missing', vendor: 'ga4', severity: 'error' }));
    expect(verdict.loss.find((r) => r.vendor === 'ga4')?.lossRate).toBe(1);
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'duplicate-hit', vendor: 'meta' }));
    expect(verdict.loss.find((r) => r.vendor === 'meta')).toMatchObject({ lost: 0, duplicated: 1 });
    expect(verdict.loss.filter((r) => r.vendor === 'google-ads' || r.vendor === 'tiktok').map((r) => r.lossRate)).toEqual([0, 0]);
    expect(verdict.findings.filter((f) => f.vendor === 'google-ads' || f.vendor === 'tiktok').filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('ga4-value-mismatch: a value-mismatch finding for ga4 with both values', async () => {
    const { verdict } = await auditDemo({ demoFaults: ['ga4-value-mismatch'], repeat: 1, conditions: ['baseline'] });
    const finding = verdict.findings.find((f) => f.kind === 'value-mismatch');
    expect(finding).toMatchObject({ vendor: 'ga4' });
    const evidence = finding!.evidence as { tagValue: number; orderTotal: number };
    expect(evidence.orderTotal - evidence.tagValue).toBeCloseTo(4.9, 2);
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

  it('order-not-saved: order-not-in-backend findings, not vendor loss', async () => {
    const { verdict, exitCode } = await auditDemo({ demoFaults: ['order-not-saved'], repeat: 1, conditions: ['baseline'] });
    expect(verdict.findings.map((f) => f.kind)).toEqual(['order-not-in-backend']);
    expect(verdict.findings.some((f) => f.kind === 'tag-missing')).toBe(false);
    expect(verdict.loss.every((r) => r.lost === 0 && r.lossRate === null)).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('orders API stopped during the audit: inconclusive, exit 2, no loss claimed', async () => {
    const { verdict, exitCode } = await auditDemo({ demoFaults: ['orders-api-down'], repeat: 1, conditions: ['baseline'] });
    expect(exitCode).toBe(2);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['backend-unreachable']);
    expect(verdict.loss.every((r) => r.lossRate === null)).toBe(true);
  });
});
