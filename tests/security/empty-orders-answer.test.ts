import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportRun } from '../../src/audit/report-run.ts';
import { copyOfRun } from '../judge/recorded-run.ts';

/**
 * An orders API that answers `200 {"orders": []}` for a run whose journeys placed orders: a
 * wrong query or mapping far more often than a shop that lost every order. Was FAIL
 * "order-not-in-backend: the shop lost it"; now inconclusive, naming the source as the suspect.
 */
function withAnswer(orders: unknown[]): string {
  const runDir = copyOfRun('demo-pass');
  const file = join(runDir, 'inputs.json');
  const inputs = JSON.parse(readFileSync(file, 'utf8')) as { orders: { result: unknown } };
  inputs.orders.result = { ok: true, orders };
  writeFileSync(file, JSON.stringify(inputs));
  return runDir;
}

describe('a backend answering nothing for the run', () => {
  it('`200 {"orders": []}`: inconclusive (exit 2), the source\'s query and mapping named first, no "shop lost it", no alert', async () => {
    let output = '';
    const { verdict, exitCode } = await reportRun(withAnswer([]), { write: (text) => (output += text) });
    expect(exitCode).toBe(2);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['orders-not-found']);
    expect(verdict.summary).toContain('check the source\'s query and mapping first');
    expect(output).not.toContain('the shop lost it');
    expect(verdict.loss.every((row) => row.lossRate === null)).toBe(true);
    expect(verdict.alert?.alert).toBeUndefined();
  });

  it('another order of the run\'s window in the answer proves the source saw it: the missing order is the shop\'s (fail)', async () => {
    const customer = { id: 'DS-900001', total: 12, currency: 'EUR', createdAt: '2026-12-03T20:43:50.000Z' };
    const { verdict, exitCode } = await reportRun(withAnswer([customer]), { write: () => undefined });
    expect(exitCode).toBe(1);
    expect(verdict.findings.map((f) => [f.kind, f.orderId])).toContainEqual(['order-not-in-backend', 'DS-100001']);
  });
});
