import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

/**
 * The one real audit of what an audit does to the backend: its test orders cancelled after the
 * verdict (orders.cleanup). How the orders as fetched are judged (flaky loss over five orders, no
 * cleanup asked) is tests/judge/recorded-backend.test.ts, on a recorded run.
 */
describe('backend side of an audit (real Chromium, demo shop)', () => {
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
});
