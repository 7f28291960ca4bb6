import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Issue 15: one GA4 request whose body has N event lines decoded in quadratic time (each line's
 * parse searched the rest of the whole body for '+' and '%'): 100k lines 39 s, 1M lines never
 * finished. Each case runs in a process of its own (tests/security/hostile-batch.ts) and reports
 * the CPU time it cost: before the fix hours, after a second or two. The bound is on that CPU
 * time, which a loaded machine does not stretch (a case took 35 s of wall time at load 30 on 2
 * cores); the wall-clock kill only ends a case that would never finish. It tells linear from
 * quadratic, it is no speed figure (that is `npm run bench -- --only decode`).
 */
const CPU_BOUND_MS = 30_000;
const BOUND_MS = 300_000;
const ROOT = join(import.meta.dirname, '..', '..');

function runCase(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hostile-batch.ts'), name], { cwd: ROOT, timeout: BOUND_MS, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      if (error) reject(new Error(error.killed ? `case ${name} still running after ${BOUND_MS / 1000} s: killed` : `case ${name} failed: ${stderr}`));
      else {
        const { cpuMs, ...result } = JSON.parse(stdout) as Record<string, unknown>;
        if (typeof cpuMs !== 'number' || cpuMs > CPU_BOUND_MS) reject(new Error(`case ${name} cost ${String(cpuMs)} ms of CPU, over ${CPU_BOUND_MS} ms: not linear`));
        else resolve(result);
      }
    });
  });
}

describe('a GA4 request of a million event lines', { timeout: BOUND_MS + 10_000 }, () => {
  test('decodes in linear time: the first 10,000 events as a normal batch, then one event saying 990,000 were not decoded', async () => {
    const { errors, count, first, last } = await runCase('catalog');
    expect(errors).toEqual([]);
    expect(count).toBe(10_001);
    expect(first).toEqual([
      expect.objectContaining({ vendor: 'ga4', account: 'G-HOSTILE', eventName: 'view_item', kind: 'other', line: 1, params: { v: '2', tid: 'G-HOSTILE', cid: '1.2', dl: 'https://shop.example/', en: 'view_item', _et: '0', 'ep.item_id': 'sku0', 'epn.value': '0' } }),
      expect.objectContaining({ eventName: 'view_item', line: 2, value: 1 }),
    ]);
    expect(last).toEqual([
      expect.objectContaining({ eventName: 'view_item', line: 10_000, params: expect.objectContaining({ 'ep.item_id': 'sku9999' }) }),
      // What is past the bound is said, not dropped: an event that counts as no purchase and no page view.
      {
        vendor: 'ga4',
        account: 'G-HOSTILE',
        eventName: '(not decoded)',
        kind: 'other',
        params: { 'tagwatch:notDecoded': '990000', 'tagwatch:firstLine': '10001', 'tagwatch:lastLine': '1000000', 'tagwatch:maxEventsPerRequest': '10000' },
      },
    ]);
  });

  test('a run log holding it is judged with a diagnostic saying how many events were not decoded', async () => {
    const { events, diagnostics } = await runCase('runLog');
    expect(events).toEqual([10_001, 1]);
    expect(diagnostics).toEqual(['run log: 1 ga4 request carried more than 10000 events; 990000 events past that were not decoded (an event "(not decoded)" stands for them on each hit)']);
  });

  test('each of its lines, read in place as the decoder reads it and with no bound on lines, in linear time', async () => {
    const { lines, pairs, last } = await runCase('lines');
    expect(lines).toBe(1_000_000);
    expect(pairs).toBe(5_000_000);
    expect(last).toEqual({ v: '2', en: 'view_item', _et: '999999', 'ep.item_id': 'sku999999', 'epn.value': String(999_999 % 97) });
  });
});

test('one body line of 300,000 pairs and the same keys again is read in linear time, the first of a repeated key winning', { timeout: BOUND_MS + 10_000 }, async () => {
  expect(await runCase('wideLine')).toEqual({ keys: 300_002, k7: '7', shared: 'line', lastKey: '299999' });
});

describe('the personal-data scan of one hostile body', { timeout: BOUND_MS + 10_000 }, () => {
  test('a 1 MB run of letters before an @ is scanned in linear time, a real e-mail after it still found', async () => {
    const { dangling, found } = await runCase('personalData');
    expect(dangling).toEqual([]);
    expect(found).toEqual(['buyer@shop.example']);
  });
});
