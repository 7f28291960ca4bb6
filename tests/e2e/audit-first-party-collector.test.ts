import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { expectSameWhenReportedAgain } from '../support/audit.ts';
import { tempProject } from '../support/monitors.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

interface ShopOrder {
  id: string;
  total: number;
  currency: string;
  created_at: string;
  email: string;
}

/**
 * A shop nobody at tagwatch wrote, as small as it gets: a checkout form, a confirmation page whose
 * own script POSTs the purchase as JSON to the shop's collector (/collect/evt) when the visit says
 * so (?collector=on), and an orders API. No GA4, no pixel: the collector is its only tag.
 */
function startShop(): Promise<{ server: Server; origin: string }> {
  const orders: ShopOrder[] = [];
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Tiny shop</title></head><body>${body}</body></html>`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop.invalid');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (req.method === 'GET' && url.pathname === '/') {
      const collector = url.searchParams.get('collector') === 'on' ? 'on' : 'off';
      return send(200, 'text/html', page(`<h1>Tiny shop</h1><form method="post" action="/order?collector=${collector}"><label>E-mail <input name="email" type="email" required></label><button>Place order</button></form>`));
    }
    if (req.method === 'POST' && url.pathname === '/order') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const order: ShopOrder = { id: `T-${1000 + orders.length + 1}`, total: 42.5, currency: 'EUR', created_at: new Date().toISOString(), email: new URLSearchParams(body).get('email') ?? '' };
        orders.push(order);
        send(303, 'text/plain', '', { location: `/confirmation/${order.id}?collector=${url.searchParams.get('collector')}` });
      });
      return;
    }
    const confirmation = /^\/confirmation\/(T-\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && confirmation) {
      const order = orders.find((o) => o.id === confirmation[1]);
      if (!order) return send(404, 'text/plain', 'no such order');
      const purchase = JSON.stringify({ event: 'purchase', order: order.id, value: order.total, currency: order.currency });
      const script =
        url.searchParams.get('collector') === 'on'
          ? `<script>fetch('/collect/evt', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(purchase)}, keepalive: true }).finally(() => { document.body.dataset.collected = 'yes'; });</script>`
          : `<script>document.body.dataset.collected = 'no';</script>`;
      return send(200, 'text/html', page(`<h1>Thank you</h1><p>Order <span data-testid="order-number">${order.id}</span></p>${script}`));
    }
    if (url.pathname === '/collect/evt') return send(204, 'text/plain', '');
    if (req.method === 'GET' && url.pathname === '/api/orders') return send(200, 'application/json', JSON.stringify({ orders }));
    send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** The shop team's project: the checkout journey (the variant says whether the page sends the collector) and the monitor declaring the collector. */
function shopProject(origin: string): string {
  const tagwatch = `${SRC}/index.ts`;
  const monitor = {
    name: 'tiny-shop',
    site: { baseUrl: origin },
    scenarios: ['checkout'],
    conditions: ['baseline'],
    variants: { collector: ['on', 'off'] },
    expect: { 'shop-collector': { eventName: 'purchase' } },
    collectors: [
      {
        id: 'shop-collector',
        name: 'Shop analytics',
        url: '/collect/evt',
        method: 'POST',
        fields: { eventName: { json: 'event' }, orderId: { json: 'order' }, value: { json: 'value' }, currency: { json: 'currency' } },
        purchaseEvent: 'purchase',
      },
    ],
    orders: { source: 'rest-json', url: `${origin}/api/orders`, waitSeconds: 1 },
    browser: { workers: 1 },
    alerts: { rerunFailedJourneys: false },
  };
  return tempProject({
    'monitors/shop.monitor.ts': `import { defineMonitor } from '${tagwatch}';\n\nexport default defineMonitor(${JSON.stringify(monitor, null, 2)});\n`,
    'scenarios/checkout.scenario.ts': `import { test, expect } from '${tagwatch}';

test('checkout', async ({ page, journey, variant }) => {
  await page.goto('/?collector=' + variant.collector);
  await page.getByLabel('E-mail').fill(journey.email);
  await page.getByRole('button', { name: 'Place order' }).click();
  const orderNumber = page.getByTestId('order-number');
  await expect(orderNumber).toBeVisible();
  journey.orderPlaced((await orderNumber.textContent())!.trim());
  // The confirmation page's script has run (and its collector request, when it sends one, is answered).
  await expect(page.locator('body[data-collected]')).toBeAttached();
});
`,
  });
}

describe("a site's own first-party collector declared in the monitor (real Chromium, a tiny shop)", () => {
  let shop: { server: Server; origin: string };
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => new Promise<void>((resolve) => shop.server.close(() => resolve())));

  it('decodes its JSON POST as a vendor: the purchase tracked with order id and value; lost where the page does not send it', { timeout: 600_000 }, async () => {
    const project = shopProject(shop.origin);
    let output = '';
    const { verdict, exitCode, runDir } = await runAudit({ monitorFile: join(project, 'monitors/shop.monitor.ts'), outDir: join(project, 'reports'), write: (t) => (output += t) });
    const stored = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
    const journey = (collector: string) => stored.journeys.find((j) => j.variant?.collector === collector)!;
    expect(stored.journeys, output).toHaveLength(2);

    const sent = journey('on');
    expect(sent.orderInBackend).toBe(true);
    expect(sent.vendors).toEqual({ 'shop-collector': 'tracked' });
    const purchase = sent.hits.find((hit) => hit.vendor === 'shop-collector' && hit.kind === 'purchase');
    expect(purchase).toMatchObject({ eventName: 'purchase', transactionId: sent.orderId, value: 42.5, currency: 'EUR', status: 'captured' });
    expect(new URL(purchase!.url).pathname).toBe('/collect/evt');

    const silent = journey('off');
    expect(silent.orderInBackend).toBe(true);
    expect(silent.vendors).toEqual({ 'shop-collector': 'lost' });
    expect(silent.hits.filter((hit) => hit.vendor === 'shop-collector')).toEqual([]);

    expect(stored.loss.map((row) => [row.vendor, row.condition, row.orders, row.tracked, row.lost])).toEqual([['shop-collector', 'baseline', 2, 1, 1]]);
    const missing = stored.findings.find((f) => f.kind === 'tag-missing' && f.vendor === 'shop-collector');
    expect(missing?.message).toMatch(/^shop-collector missed 1 of 2 orders under baseline/);
    expect(stored.diagnostics.filter((line) => /shop-collector/.test(line))).toEqual([]);
    expect(exitCode).toBe(1);
    expect(verdict.status).toBe('fail');

    // The run folder records the collector: judged again from it alone, the same verdict.
    const settings = JSON.parse(readFileSync(join(runDir, 'run-settings.json'), 'utf8')) as { monitor: { plugins: { collectors?: { id: string }[] } } };
    expect(settings.monitor.plugins.collectors?.map((c) => c.id)).toEqual(['shop-collector']);
    await expectSameWhenReportedAgain(runDir);
  });
});
