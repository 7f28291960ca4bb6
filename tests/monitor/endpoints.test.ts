import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMonitor } from '../../src/audit/resolve-monitor.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { minimalMonitor } from '../support/monitors.ts';

const base = minimalMonitor({ name: 'shop', expect: { ga4: {} } });

describe('monitor endpoints', () => {
  it('defaults to none, and keeps URLs and site paths per vendor', () => {
    expect(validateMonitor(base, 'a.monitor.ts').endpoints).toEqual({});
    const endpoints = { ga4: ['https://metrics.shop.example/g/collect', '/sgtm/data'] };
    expect(validateMonitor({ ...base, endpoints }, 'a.monitor.ts').endpoints).toEqual(endpoints);
  });

  it('reports each bad entry with its field path and what is accepted', () => {
    let message = '';
    try {
      validateMonitor({ ...base, endpoints: { ga4: ['/sgtm/data', 'sgtm/data', 'ftp://x.example/c'], meta: 'https://x.example/tr' } }, '/tmp/bad.monitor.ts');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('/tmp/bad.monitor.ts');
    expect(message).not.toMatch(/endpoints\.ga4\.0/);
    expect(message).toMatch(/- endpoints\.ga4\.1: 'sgtm\/data' is neither an absolute http\(s\) URL nor a path starting with '\/'/);
    expect(message).toMatch(/- endpoints\.ga4\.2: 'ftp:\/\/x\.example\/c' is a ftp: URL/);
    expect(message).toMatch(/- endpoints\.meta: .*array/i);
  });

  it('an unknown vendor id is named with the known ones when the monitor is resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-endpoints-'));
    const file = join(dir, 'shop.monitor.ts');
    writeFileSync(file, `export default ${JSON.stringify({ ...base, endpoints: { 'google-analytics-4': ['/sgtm/data'], ga4: ['/sgtm/data'] } })};\n`);
    const message = await resolveMonitor(file, {}).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/endpoints\.google-analytics-4: unknown vendor \(known: .*\bga4\b.*\)/);
    expect(message).not.toMatch(/endpoints\.ga4:/);
  });
});
