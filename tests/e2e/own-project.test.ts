import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { tempProject } from '../support/monitors.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * A shop team's repository: its monitor, its own purchase scenario reading a variant, and its own
 * vendor plugin for a first-party collector on the shop's origin (/collect/v1), which the team's
 * site calls only for one-item carts: a collector broken for bigger carts.
 */
function shopProject(): string {
  return tempProject({
    'monitors/shop.monitor.ts': `import { defineMonitor } from '${SRC}/index.ts';
export default defineMonitor({
  name: 'own-shop',
  site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/' } },
  scenarios: ['basket'],
  conditions: ['baseline'],
  variants: { items: [1, 2] },
  expect: { ga4: { eventName: 'purchase' }, 'shop-collector': { eventName: 'order_completed' } },
  plugins: { vendors: ['plugins/vendors'] },
  orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 2 },
  browser: { workers: 1 },
  alerts: { rerunFailedJourneys: false },
});
`,
    'scenarios/basket.scenario.ts': `import { test, expect } from '${SRC}/index.ts';

test('basket', async ({ page, journey, variant }) => {
  const items = Number(variant.items);
  expect(journey.variant).toEqual(variant);
  await page.goto('/');
  await journey.consent(page);
  for (let i = 0; i < items; i++) {
    await page.goto('/');
    await page.getByRole('link', { name: 'Organic cotton T-shirt' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page).toHaveURL(/\\/cart/);
  }
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('E-mail').fill(journey.email);
  await page.getByLabel('Full name').fill('Tagwatch Test Customer');
  await page.getByLabel('Address').fill('1 Test Street');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code').fill('69001');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Place order' }).click();
  const orderId = ((await page.getByTestId('order-number').textContent()) ?? '').trim();
  await page.waitForLoadState('load');
  journey.orderPlaced(orderId);
  // The shop's first-party collector reads the dataLayer's purchase; it is broken for carts of more than one item.
  if (items === 1) {
    await page.evaluate((id) => {
      const purchase = (window as any).dataLayer.find((entry: any) => entry.event === 'purchase').ecommerce;
      navigator.sendBeacon('/collect/v1?e=order_completed&order=' + id + '&value=' + purchase.value + '&currency=' + purchase.currency);
    }, orderId);
  }
  await page.getByRole('link', { name: 'Continue shopping' }).click();
  await page.waitForLoadState('load');
});
`,
    'plugins/vendors/shop-collector.ts': `import { defineVendor } from '${SRC}/index.ts';
export default defineVendor({
  id: 'shop-collector',
  label: 'Shop collector',
  category: 'analytics',
  patterns: [/^https?:\\/\\/[^/]+\\/collect\\/v1\\?/],
  decode(request, url) {
    const eventName = url.searchParams.get('e') ?? '';
    const value = url.searchParams.get('value');
    return [{
      vendor: 'shop-collector',
      eventName,
      kind: eventName === 'order_completed' ? 'purchase' : 'other',
      transactionId: url.searchParams.get('order') ?? undefined,
      value: value === null ? undefined : Number(value),
      currency: url.searchParams.get('currency') ?? undefined,
      params: Object.fromEntries(url.searchParams),
    }];
  },
});
`,
  });
}

describe("a shop team's own project (own scenario with variants, own vendor plugin)", () => {
  it('runs the project scenario once per variant and decodes the first-party collector; the loss names its variant', { timeout: 300_000 }, async () => {
    const project = shopProject();
    let output = '';
    const { verdict, exitCode, runDir } = await runAudit({ monitorFile: join(project, 'monitors/shop.monitor.ts'), outDir: join(project, 'reports'), write: (t) => (output += t) });
    expect(output).toMatch(/ok {3}baseline\[items=1\] › basket #1/);
    expect(output).toMatch(/ok {3}baseline\[items=2\] › basket #1/);
    expect(verdict.journeys.map((j) => [j.journeyId, j.variant])).toEqual(
      expect.arrayContaining([
        ['baseline.basket[items=1].r1', { items: 1 }],
        ['baseline.basket[items=2].r1', { items: 2 }],
      ]),
    );
    expect(verdict.journeys).toHaveLength(2);
    const byItems = (items: number) => verdict.journeys.find((j) => j.variant?.items === items)!;
    expect(byItems(1).vendors).toEqual({ ga4: 'tracked', 'shop-collector': 'tracked' });
    expect(byItems(2).vendors).toEqual({ ga4: 'tracked', 'shop-collector': 'lost' });
    const missing = verdict.findings.find((f) => f.kind === 'tag-missing' && f.vendor === 'shop-collector');
    expect(missing?.message).toMatch(/^shop-collector missed 1 of 2 orders under baseline .* on variant items=2/);
    expect(missing?.evidence).toMatchObject({ lostJourneys: ['baseline.basket[items=2].r1'], variants: ['items=2'] });
    expect(verdict.status).toBe('fail');
    expect(exitCode).toBe(1);
    // The record of the run says which project, scenarios and plugins it used.
    const settings = JSON.parse(readFileSync(join(runDir, 'run-settings.json'), 'utf8')) as { projectDir: string; plan: unknown; monitor: { plugins: { vendors: string[] } } };
    expect(settings.projectDir).toBe(project);
    expect(settings.plan).toEqual([{ condition: 'baseline', scenarios: [{ name: 'basket', file: join(project, 'scenarios/basket.scenario.ts') }] }]);
    expect(settings.monitor.plugins.vendors).toEqual([join(project, 'plugins/vendors')]);
    const stored = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
    expect(stored.journeys.map((j) => j.variant)).toEqual(expect.arrayContaining([{ items: 1 }, { items: 2 }]));
  });
});
