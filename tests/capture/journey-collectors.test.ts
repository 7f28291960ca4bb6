import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, decodeRunLog, loadVendors } from '../../src/catalog/index.ts';
import { readRunLog } from '../../src/record/run-log.ts';
import { writeRunSettings } from '../../src/record/run-settings.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { runTagwatchPlaywright } from '../support/playwright-run.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const src = (path: string) => JSON.stringify(join(REPO, path));

/** The demo purchase, as scenarios/purchase.scenario.ts runs it. */
const PURCHASE = `
  await page.goto('/');
  await journey.consent(page);
  await addToCart(page);
  await checkOut(page, journey);`;

const IMPORTS = `import { test as tagwatch } from ${src('src/index.ts')};
import { addToCart } from ${src('scenarios/steps/add-to-cart.ts')};
import { checkOut } from ${src('scenarios/steps/checkout.ts')};
`;

const SCENARIOS: Record<string, string> = {
  // The page's context already has a function under the dataLayer tap's binding name: the
  // dataLayer collector cannot install itself there. The purchase must still be captured.
  'datalayer-clash': `${IMPORTS}
const test = tagwatch.extend({
  context: async ({ context }, use) => {
    await context.exposeBinding('__tagwatchDataLayerPush', () => undefined);
    await use(context);
  },
});
test('datalayer-clash', async ({ page, journey }) => {${PURCHASE}
});
`,
  // A browser that refuses the browser-level CDP session the network tap needs.
  'no-capture': `${IMPORTS}
const test = tagwatch.extend({
  browser: [
    async ({ browser }, use) => {
      const refusing = new Proxy(browser, {
        get(target, property) {
          if (property === 'newBrowserCDPSession') return async () => { throw new Error('CDP sessions refused by this test'); };
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await use(refusing);
    },
    { scope: 'worker' },
  ],
});
test('no-capture', async ({ page, journey }) => {${PURCHASE}
});
`,
};

interface Run {
  exitCode: number | null;
  output: string;
  events: RunEvent[];
  journeys: JourneyRecord[];
  diagnostics: string[];
}

/** The journeys of a run as the audit starts them: tagwatch's playwright.config, TAGWATCH_RUN_DIR, one worker. */
async function runJourneys(shop: DemoShop): Promise<Run> {
  const projectDir = mkdtempSync(join(tmpdir(), 'tagwatch-collectors-'));
  const scenariosDir = join(projectDir, 'scenarios');
  mkdirSync(scenariosDir);
  writeFileSync(join(projectDir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  for (const [name, text] of Object.entries(SCENARIOS)) writeFileSync(join(scenariosDir, `${name}.scenario.ts`), text);
  const monitor = validateMonitor(
    {
      name: 'collectors',
      site: { baseUrl: shop.url },
      orders: { source: 'demo', url: shop.url },
      scenariosDir,
      scenarios: Object.keys(SCENARIOS),
      conditions: ['baseline'],
      repeat: 1,
      browser: { workers: 1 },
      alerts: { rerunFailedJourneys: false },
      expect: { ga4: { eventName: 'purchase' } },
    },
    join(projectDir, 'collectors.monitor.ts'),
  );
  const runDir = join(projectDir, 'run');
  mkdirSync(runDir);
  const plan = [{ condition: 'baseline', scenarios: Object.keys(SCENARIOS).map((name) => ({ name, file: join(scenariosDir, `${name}.scenario.ts`) })) }];
  writeRunSettings({ runId: 'collectors-test', runDir, baseUrl: shop.url, monitor, projectDir, plan, capture: true });

  const { exitCode, output } = await runTagwatchPlaywright(projectDir, runDir);
  const { events } = readRunLog(runDir);
  const { vendors } = await loadVendors();
  const diagnostics: string[] = [];
  const journeys = decodeRunLog(events, createCatalog(vendors, { endpoints: monitor.endpoints, baseUrl: shop.url }), diagnostics);
  return { exitCode, output, events, journeys, diagnostics };
}

describe('the capture collectors in real journeys (real Chromium, demo shop)', () => {
  let shop: DemoShop;
  let run: Run;
  beforeAll(async () => {
    shop = await startDemoShop();
    run = await runJourneys(shop);
  }, 300_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('a collector whose hook throws is a diagnostic run event; the journey still passes and is measured', () => {
    const id = 'baseline.datalayer-clash.r1';
    const journey = run.journeys.find((j) => j.journeyId === id);
    expect(journey, run.output).toMatchObject({ status: 'passed', orderId: expect.stringMatching(/^DS-\d+$/) });
    expect(run.events.filter((e) => e.type === 'diagnostic' && e.journeyId === id)).toEqual([
      { type: 'diagnostic', time: expect.any(String), journeyId: id, collector: 'datalayer', hook: 'addContext', message: expect.stringMatching(/__tagwatchDataLayerPush.*already registered/) },
    ]);
    // Without its dataLayer tap, the journey's tags were captured and decoded all the same.
    expect(journey!.dataLayer).toEqual([]);
    const purchases = journey!.hits.flatMap((h) => h.events).filter((e) => e.kind === 'purchase');
    expect(new Set(purchases.map((e) => e.vendor))).toEqual(new Set(['ga4', 'google-ads', 'meta', 'tiktok']));
    expect(purchases.filter((e) => e.vendor === 'ga4').map((e) => e.transactionId)).toEqual([journey!.orderId]);
    // Each hit carries the vendor the capture's catalog claimed it for.
    expect(journey!.hits.length).toBeGreaterThan(0);
    expect(journey!.hits.filter((h) => !h.hit.vendor)).toEqual([]);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^capture: the datalayer collector failed in addContext in 1 journey \(baseline\.datalayer-clash\.r1\): /));
  });

  it('the network collector failing to attach fails the journey, saying why, instead of measuring nothing', () => {
    const journey = run.journeys.find((j) => j.journeyId === 'baseline.no-capture.r1');
    expect(journey?.status, run.output).toBe('failed');
    expect(journey?.error).toMatch(/^tagwatch cannot capture this journey's tag hits, so it is not measured .*the network collector could not attach to the browser \(CDP sessions refused by this test\)/);
    expect(journey?.hits).toEqual([]);
    expect(journey?.orderId).toBeUndefined();
    // The failure is kept for a look, as any failed journey's.
    expect(journey?.artifacts?.trace).toBe('artifacts/baseline.no-capture.r1/trace.zip');
    expect(run.events).toContainEqual({ type: 'diagnostic', time: expect.any(String), collector: 'network', hook: 'attach', message: 'CDP sessions refused by this test' });
    // Playwright reports the test failed with the same reason.
    expect(run.output).toMatch(/FAIL baseline › no-capture .*the network collector could not attach to the browser/);
    expect(run.exitCode).toBe(1);
  });
});
