import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMonitor, validateMonitor } from '../../src/monitor/load-monitor.ts';
import { DEFAULT_MONITOR } from '../../src/audit/resolve-monitor.ts';

describe('monitor files', () => {
  it('the demo monitor is valid and gets its defaults', async () => {
    const monitor = await loadMonitor(DEFAULT_MONITOR);
    expect(monitor.name).toBe('demo-shop');
    expect(monitor.site.baseUrl).toBeUndefined();
    expect(monitor.site.demo.faults).toEqual([]);
    expect(monitor.expect.ga4).toEqual({ eventName: 'purchase', requireTransactionId: true });
    expect(monitor.browser.workers).toBe(2);
  });

  it('reports every bad field with its path, the file, and what was expected', () => {
    let message = '';
    try {
      validateMonitor({ name: 'x y', repeat: 0, expect: {}, site: { baseUrl: 'not a url' } }, '/tmp/bad.monitor.ts');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('/tmp/bad.monitor.ts');
    expect(message).toMatch(/- name: .*letters, digits/);
    expect(message).toMatch(/- repeat: /);
    expect(message).toMatch(/- expect: at least one vendor/);
    expect(message).toMatch(/- site\.baseUrl: /);
  });

  it('a file without default export or that does not compile is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-monitor-'));
    writeFileSync(join(dir, 'none.monitor.ts'), 'export const monitor = {};\n');
    await expect(loadMonitor(join(dir, 'none.monitor.ts'))).rejects.toThrow(/has no default export/);
    await expect(loadMonitor(join(dir, 'missing.monitor.ts'))).rejects.toThrow(/Monitor file not found/);
  });
});
