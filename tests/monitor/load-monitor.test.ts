import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMonitor, validateMonitor } from '../../src/monitor/load-monitor.ts';
import { DEFAULT_MONITOR } from '../../src/audit/resolve-monitor.ts';
import { minimalMonitor } from '../support/monitors.ts';

describe('monitor files', () => {
  it('the demo monitor is valid: a site like any other, started by its web server on a port of the run', async () => {
    const monitor = await loadMonitor(DEFAULT_MONITOR);
    expect(monitor.name).toBe('demo-shop');
    expect(monitor.site.baseUrl).toBe('http://127.0.0.1:{port}');
    expect(monitor.site.webServer).toMatchObject({ command: 'tagwatch demo-shop --port {port}', timeoutSeconds: 60, reuseExistingServer: false });
    expect(monitor.orders).toMatchObject({ source: 'demo', url: 'http://127.0.0.1:{port}' });
    expect(monitor.scenarios).toEqual({ default: ['purchase'], 'cross-device': ['cross-device-purchase'], itp: ['return-purchase'] });
    expect(monitor.expect.ga4).toEqual({ eventName: 'purchase', requireTransactionId: true });
    expect(monitor.browser.workers).toBe(2);
  });

  it('reports every bad field with its path, the file, and what was expected', () => {
    let message = '';
    try {
      validateMonitor({ name: 'x y', repeat: 0, site: { baseUrl: 'not a url' }, orders: { waitSeconds: 5 } }, '/tmp/bad.monitor.ts');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('/tmp/bad.monitor.ts');
    expect(message).toMatch(/- name: .*letters, digits/);
    expect(message).toMatch(/- repeat: /);
    expect(message).toMatch(/- site\.baseUrl: 'not a url' is not a URL: an http:\/\/ or https:\/\/ URL/);
    // Where the test orders land is not guessed: no demo default.
    expect(message).toMatch(/- orders\.source: the order source id/);
  });

  it('an order source with no vendor to reconcile is refused; without one, the monitor is order-free and expects what it says', () => {
    expect(() => validateMonitor({ name: 'shop', site: { baseUrl: 'https://shop.example' }, orders: { source: 'demo' }, expect: {} }, '/tmp/shop.monitor.ts')).toThrow(
      /expect: at least one vendor whose purchase the orders are reconciled with.*or leave orders out for an order-free audit/,
    );
    const consent = validateMonitor(
      {
        name: 'consent',
        site: { baseUrl: 'https://www.example.org' },
        scenarios: ['consent-pages'],
        conditions: ['consent-accepted', 'consent-refused', 'consent-ignored'],
        variants: { page: ['/', '/pricing', '/blog/2026/consent'] },
        expect: { ga4: { eventName: 'page_view' } },
      },
      '/tmp/consent.monitor.ts',
    );
    expect(consent.orders).toBeUndefined();
    expect(consent.variants.page).toEqual(['/', '/pricing', '/blog/2026/consent']);
    expect(validateMonitor({ name: 'bare', site: { baseUrl: 'https://www.example.org' } }, '/tmp/bare.monitor.ts').expect).toEqual({});
  });

  it('an unknown field is an error naming it, at any depth, instead of being ignored', () => {
    const bad = minimalMonitor({ name: 'shop', expect: { ga4: {} }, sceanrios: ['purchase'], browser: { worker: 2 }, site: { baseUrl: 'https://shop.example', webserver: { command: 'x' } } });
    let message = '';
    try {
      validateMonitor({ ...bad, alerts: { slack: { chanel: '#tags' } }, colour: 'red' }, '/tmp/typo.monitor.ts');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('- sceanrios: unknown field; did you mean scenarios?');
    expect(message).toContain('- site.webserver: unknown field; did you mean webServer?');
    expect(message).toContain('- browser.worker: unknown field; did you mean workers?');
    expect(message).toContain('- alerts.slack.chanel: unknown field; did you mean channel?');
    expect(message).toMatch(/- colour: unknown field; the fields here are name, site, scenariosDir, scenarios, /);
  });

  it('scenarios per condition, variants and plugins are read; a bad variant value is named', () => {
    const monitor = validateMonitor(
      minimalMonitor({ name: 'shop', expect: { ga4: {} }, scenarios: { default: ['purchase'], 'cross-device': ['phone-to-laptop'] }, variants: { items: [1, 3], shipping: ['standard', 'express'] }, plugins: { vendors: ['plugins/vendors'] } }),
      'shop.monitor.ts',
    );
    expect(monitor.scenarios).toEqual({ default: ['purchase'], 'cross-device': ['phone-to-laptop'] });
    expect(monitor.variants).toEqual({ items: [1, 3], shipping: ['standard', 'express'] });
    expect(monitor.plugins).toEqual({ vendors: ['plugins/vendors'], conditions: [], orderSources: [], reporters: [] });
    expect(() => validateMonitor(minimalMonitor({ name: 'shop', expect: { ga4: {} }, variants: { shipping: ['two words'], items: [] } }), 'v.monitor.ts')).toThrow(
      /variants\.shipping\.0: [\s\S]*variants\.items: /,
    );
  });

  it('a file without default export or that does not compile is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-monitor-'));
    writeFileSync(join(dir, 'none.monitor.ts'), 'export const monitor = {};\n');
    await expect(loadMonitor(join(dir, 'none.monitor.ts'))).rejects.toThrow(/has no default export/);
    await expect(loadMonitor(join(dir, 'missing.monitor.ts'))).rejects.toThrow(/Monitor file not found/);
  });
});
