import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/reconcile/wilson.ts';
import { auditDemo } from '../support/audit.ts';
import { demoShopFields } from '../support/monitors.ts';

/** The demo monitor, baseline only, with the given orders block. */
function monitorFile(orders: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tagwatch-backend-')), 'backend.monitor.ts');
  const demo = demoShopFields();
  const monitor = {
    name: 'backend',
    conditions: ['baseline'],
    repeat: 1,
    ...demo,
    expect: { ga4: { eventName: 'purchase' }, meta: { eventName: 'Purchase' } },
    orders: { ...demo.orders, ...orders },
  };
  writeFileSync(file, `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return file;
}

describe('backend side of an audit (real Chromium, demo shop)', () => {
  it('repeat 5 with a ga4 purchase lost on some orders only: flaky-loss, loss rate with its Wilson interval', async () => {
    const { verdict, exitCode, output } = await auditDemo({ demoFaults: ['ga4-purchase-intermittent'], repeat: 5, conditions: ['baseline'] });
    const ga4 = verdict.loss.find((r) => r.vendor === 'ga4')!;
    // Even order numbers lose it: 2 or 3 of 5 consecutive numbers, never 0 or 5.
    expect(ga4.orders).toBe(5);
    expect([2, 3]).toContain(ga4.lost);
    expect(ga4.ci95).toEqual(wilsonInterval(ga4.lost!, 5));
    const flaky = verdict.findings.find((f) => f.kind === 'flaky-loss');
    expect(flaky).toMatchObject({ vendor: 'ga4', condition: 'baseline' });
    const lostOrders = (flaky!.evidence as { lostOrders: string[] }).lostOrders;
    expect(lostOrders.every((id) => Number(id.replace(/\D/g, '')) % 2 === 0)).toBe(true);
    expect(verdict.loss.find((r) => r.vendor === 'meta')!.lost).toBe(0);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/flaky-loss: ga4 lost \d of 5 orders under baseline intermittently/);
    // Five journeys in one browser: twice the default time limit on a loaded 2-core machine.
  }, 240_000);

  it('orders.cleanup: the run\'s test orders are cancelled in the backend after the verdict, and the report says how many', async () => {
    const { verdict, runDir, output } = await auditDemo({ monitorFile: monitorFile({ cleanup: true }), repeat: 2 });
    expect(verdict.status).toBe('pass');
    expect(verdict.cleanup).toEqual({ requested: 2, cleaned: 2 });
    const stored = JSON.parse(readFileSync(join(runDir, 'demo-shop', 'orders.json'), 'utf8')) as { orders: { id: string; status: string }[] };
    const placed = verdict.journeys.map((j) => j.orderId);
    expect(stored.orders.filter((o) => placed.includes(o.id)).map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(output).toContain('Cleanup: 2 of 2 test orders cancelled in the backend');
    expect(JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')).cleanup).toEqual({ requested: 2, cleaned: 2 });
  });

  it('without orders.cleanup the test orders stay as they are', async () => {
    const { verdict, runDir } = await auditDemo({ monitorFile: monitorFile({}) });
    expect(verdict.cleanup).toBeUndefined();
    const stored = JSON.parse(readFileSync(join(runDir, 'demo-shop', 'orders.json'), 'utf8')) as { orders: { status: string }[] };
    expect(stored.orders.every((o) => o.status !== 'cancelled')).toBe(true);
  });
});
