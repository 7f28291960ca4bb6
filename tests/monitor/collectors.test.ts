import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMonitor } from '../../src/audit/resolve-monitor.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { resolveProjectPaths } from '../../src/monitor/project.ts';
import { loadProjectPlugins } from '../../src/project/plugins.ts';
import { minimalMonitor } from '../support/monitors.ts';

const shopCollector = {
  id: 'shop-collector',
  name: 'Shop analytics',
  url: '/collect/evt',
  method: 'POST',
  fields: { eventName: { json: 'event' }, orderId: { json: 'order' }, value: { json: 'value' }, currency: { json: 'currency' } },
};
const base = minimalMonitor({ name: 'shop', expect: { 'shop-collector': { eventName: 'purchase' } } });

/** The problems a monitor is refused with, one line each. */
function problems(monitor: object): string {
  try {
    validateMonitor(monitor, '/tmp/shop.monitor.ts');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('monitor collectors', () => {
  it('fills the defaults and goes with the plugins, so whoever loads the vendors gets them', () => {
    const monitor = validateMonitor({ ...base, collectors: [shopCollector] }, 'a.monitor.ts');
    expect(monitor.plugins.collectors).toEqual([{ ...shopCollector, category: 'analytics', purchaseEvent: 'purchase', pageViewEvent: ['page_view', 'pageview'] }]);
    expect('collectors' in monitor).toBe(false);
    expect(resolveProjectPaths(monitor, '/project').plugins.collectors).toEqual(monitor.plugins.collectors);
    // None declared: the plugins are as before (recorded run settings stay byte for byte).
    expect(validateMonitor(base, 'a.monitor.ts').plugins).toEqual({ vendors: [], conditions: [], orderSources: [], reporters: [] });
  });

  it('reports every problem with its field path and what is accepted', () => {
    const message = problems({
      ...base,
      collectors: [
        { ...shopCollector, fields: { eventName: { json: '$.event' }, orderId: { jsonPath: 'order' }, value: { json: 'items[x].price' }, currency: 'currency' } },
        { id: 'ga4', url: 'collect/ga', method: 'post', fields: { orderId: { query: 'o', form: 'o' } } },
        { ...shopCollector, purchaseEvents: 'purchase', fields: { ...shopCollector.fields, orderID: { json: 'order' } } },
        { url: '/collect/x' },
      ],
    });
    expect(message).toContain('/tmp/shop.monitor.ts');
    const lines = message.split('\n').filter((line) => line.startsWith('  - '));
    expect(lines).toEqual(
      expect.arrayContaining([
        "  - collectors.0.fields.eventName: '$.event': write the path without '$', e.g. 'event'",
        "  - collectors.0.fields.orderId: unknown key 'jsonPath'; say where the value sits with json, query or form, e.g. { json: 'order.id' }, { query: 'e' } or { form: 'e' }",
        "  - collectors.0.fields.value: 'items[x].price' is not a JSON path like 'order.id' or 'items[0].id' (names joined by '.', array positions in brackets, no spaces)",
        `  - collectors.0.fields.currency: where the value sits: { json: 'currency' }, { query: 'e' } or { form: 'e' }; got "currency"`,
        "  - collectors.1.id: 'ga4' is a built-in vendor; give the collector an id of its own (e.g. 'shop-collector'). A site sending ga4 through its own domain lists that URL under endpoints: { 'ga4': ['/your/path'] }",
        "  - collectors.1.url: 'collect/ga' is neither an absolute http(s) URL nor a path starting with '/' (e.g. 'https://metrics.shop.example/g/collect' or '/sgtm/data')",
        '  - collectors.1.fields.orderId: one place only: json, query or form, not query and form',
        "  - collectors.1.fields.eventName: required: where the event name sits, e.g. { json: 'event' }, { query: 'e' } or { form: 'e' }",
        '  - collectors.2.purchaseEvents: unknown field; did you mean purchaseEvent?',
        '  - collectors.2.fields.orderID: unknown field; did you mean orderId?',
        "  - collectors.2.id: 'shop-collector' is already the id of collectors.0; each collector needs its own id",
        expect.stringMatching(/^ {2}- collectors\.3\.id: required: the collector's vendor id, e\.g\. id: 'shop-collector'/),
        expect.stringMatching(/^ {2}- collectors\.3\.fields: required: where each value sits, e\.g\. fields: \{ eventName: \{ json: 'event' \}/),
      ]),
    );
    expect(message).toContain(`collectors.1.method: 'GET', 'POST' or 'any'; got "post"`);
  });

  it('a second collector on the same URL is refused: requests are claimed by URL', () => {
    expect(problems({ ...base, collectors: [shopCollector, { ...shopCollector, id: 'shop-collector-get', method: 'GET' }] })).toContain(
      "collectors.1.url: '/collect/evt' is already the url of collectors.0; requests are claimed by URL, so one collector per URL (tell events apart with purchaseEvent)",
    );
  });

  it('an expected collector must say where the order id sits, unless the order id is not required', () => {
    const { orderId: _, ...noOrder } = shopCollector.fields;
    expect(problems({ ...base, collectors: [{ ...shopCollector, fields: noOrder }] })).toContain(
      "collectors.0.fields.orderId: required by expect.shop-collector (its purchases must carry the order id): where the order id sits, e.g. { json: 'order.id' }; or set expect.shop-collector.requireTransactionId: false",
    );
    expect(problems({ ...base, expect: { 'shop-collector': { requireTransactionId: false } }, collectors: [{ ...shopCollector, fields: noOrder }] })).toBe('');
  });

  it("the collectors are vendors of the monitor's catalog: after the built-in ones, a clash with a vendor file explained", async () => {
    const monitor = validateMonitor({ ...base, collectors: [shopCollector] }, 'a.monitor.ts');
    const { plugins, projectDiagnostics } = await loadProjectPlugins('vendors', monitor.plugins);
    expect(projectDiagnostics).toEqual([]);
    expect(plugins.at(-1)).toMatchObject({ id: 'shop-collector', label: 'Shop analytics', category: 'analytics' });
    const clash = await loadProjectPlugins('vendors', { ...monitor.plugins, collectors: [{ ...monitor.plugins.collectors![0]!, id: 'meta' }] });
    expect(clash.projectDiagnostics).toEqual(["collectors.0.id: 'meta' is already the id of a vendor plugin; give the collector an id of its own"]);
    expect(clash.plugins.filter((v) => v.id === 'meta')).toHaveLength(1);
  });

  it('a collector id is a vendor the monitor may expect when it is resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-collectors-'));
    const file = join(dir, 'shop.monitor.ts');
    writeFileSync(file, `export default ${JSON.stringify({ ...base, expect: { 'shop-collector': { eventName: 'purchase' }, 'shop-colector': {} }, collectors: [shopCollector] })};\n`);
    const message = await resolveMonitor(file, {}).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/expect\.shop-colector: unknown vendor \(known: .*\bshop-collector\b.*\)/);
    expect(message).not.toMatch(/expect\.shop-collector:/);
  });
});
