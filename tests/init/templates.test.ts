import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInit } from '../../src/init/run-init.ts';
import { loadMonitor } from '../../src/monitor/load-monitor.ts';
import demoOrders from '../../src/orders/sources/demo.ts';
import restJsonOrders from '../../src/orders/sources/rest-json.ts';
import { testStreams } from './streams.ts';

const REPO = resolve(import.meta.dirname, '../..');
/** js-yaml comes with the repository's dependencies (no types: loaded untyped). */
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

/** Projects scaffolded once for the whole file, on a shop URL, on the demo shop, and a consent audit of pages. */
const projects = { shop: '', demo: '', consent: '' };

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'tagwatch-init-templates-'));
  projects.shop = join(root, 'shop');
  projects.demo = join(root, 'demo');
  projects.consent = join(root, 'consent');
  await runInit({ dir: projects.shop, url: 'https://staging.my-shop.example' }, testStreams());
  await runInit({ dir: projects.demo, demo: true }, testStreams());
  await runInit({ dir: projects.consent, url: 'https://staging.my-shop.example', consentAudit: true, pages: '/,/pricing' }, testStreams());
  // 'tagwatch' as an installed package would resolve: here to a stand-in (defineMonitor is the identity; loadMonitor validates).
  for (const dir of Object.values(projects)) {
    const stub = join(dir, 'node_modules', 'tagwatch');
    mkdirSync(stub, { recursive: true });
    writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: 'tagwatch', type: 'module', exports: './index.js' }));
    writeFileSync(join(stub, 'index.js'), 'export function defineMonitor(monitor) { return monitor; }\n');
  }
});

describe('the files init writes', () => {
  it('both monitors load and pass the monitor schema', async () => {
    const shop = await loadMonitor(join(projects.shop, 'monitors/my-shop.monitor.ts'));
    expect(shop).toMatchObject({ name: 'my-shop', site: { baseUrl: 'https://staging.my-shop.example' }, repeat: 1 });
    expect(shop.orders).toMatchObject({ source: 'rest-json', tokenEnv: 'SHOP_ORDERS_TOKEN' });

    const demo = await loadMonitor(join(projects.demo, 'monitors/demo-shop.monitor.ts'));
    expect(demo).toMatchObject({
      name: 'demo-shop',
      site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/', timeoutSeconds: 60 } },
      scenarios: { default: ['purchase'], 'cross-device': ['cross-device-purchase'] },
      conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],
      repeat: 1,
      orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 3 },
    });
    expect(Object.keys(demo.expect)).toEqual(['ga4', 'google-ads', 'meta', 'tiktok']);

    // The orders blocks as their sources read them ({port} is a port by then).
    const withPort = (orders: object): Record<string, unknown> => JSON.parse(JSON.stringify(orders).replaceAll('{port}', '4173'));
    expect(restJsonOrders.validateSettings!(withPort(shop.orders!))).toEqual([]);
    expect(demoOrders.validateSettings!(withPort(demo.orders!))).toEqual([]);
  });

  it('the monitors, the scenarios and the guide\'s examples type-check against defineMonitor and the scenario fixtures', () => {
    const stub = join(projects.shop, 'tagwatch-api.ts');
    writeFileSync(stub, [
      `export { defineMonitor } from ${JSON.stringify(join(REPO, 'src/monitor/define-monitor.ts'))};`,
      `export { test, expect } from ${JSON.stringify(join(REPO, 'src/capture/fixtures.ts'))};`,
    ].join('\n'));
    const files = [
      join(projects.shop, 'monitors/my-shop.monitor.ts'),
      join(projects.demo, 'monitors/demo-shop.monitor.ts'),
      ...[projects.shop, projects.demo].flatMap((dir) => ['purchase', 'cross-device-purchase'].map((name) => join(dir, 'scenarios', `${name}.scenario.ts`))),
      join(projects.consent, 'monitors/my-shop-consent.monitor.ts'),
      join(projects.consent, 'scenarios/consent-pages.scenario.ts'),
    ];
    // A control: the check must see a wrong journey method and a wrong monitor field, or it proves nothing.
    const control = join(projects.shop, 'control.ts');
    writeFileSync(control, "import { test, defineMonitor } from 'tagwatch';\ntest('x', async ({ journey }) => { journey.placeOrder('1'); });\nexport default defineMonitor({ name: 'x', site: { baseUrl: 'https://a.example' }, expect: {}, orders: { source: 'demo' }, repat: 1 });\n");
    // The complete files of docs/getting-started.md (code blocks that start with an import) too.
    const guide = readFileSync(join(REPO, 'docs/getting-started.md'), 'utf8');
    const guideFiles = [...guide.matchAll(/```ts\n(import [\s\S]*?)```/g)].map((match, i) => {
      const file = join(projects.shop, `guide-${i}.ts`);
      writeFileSync(file, match[1]!);
      return file;
    });
    expect(guideFiles.length).toBeGreaterThanOrEqual(4);

    const problems = typeCheck([...files, ...guideFiles, control], stub);
    expect(problems.filter((p) => !p.startsWith(control))).toEqual([]);
    expect(problems.filter((p) => p.startsWith(control))).toEqual([expect.stringMatching(/placeOrder/), expect.stringMatching(/repat/)]);
  }, 60_000);

  it('the workflow is valid YAML: nightly and by hand, Node 20 with the npm cache, reports uploaded even on failure', () => {
    for (const [dir, monitor] of [[projects.shop, 'my-shop'], [projects.demo, 'demo-shop'], [projects.consent, 'my-shop-consent']] as const) {
      const workflow = yaml.load(readFileSync(join(dir, '.github/workflows/tagwatch.yml'), 'utf8')) as {
        on: { schedule: { cron: string }[]; workflow_dispatch: null };
        jobs: { audit: { env?: Record<string, string>; steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] } };
      };
      expect(workflow.on.schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
      expect('workflow_dispatch' in workflow.on).toBe(true);
      const steps = workflow.jobs.audit.steps;
      const step = (test: (s: (typeof steps)[number]) => boolean): (typeof steps)[number] => {
        const found = steps.find(test);
        expect(found).toBeDefined();
        return found!;
      };
      const at = (s: (typeof steps)[number]): number => steps.indexOf(s);
      const checkout = step((s) => s.uses === 'actions/checkout@v4');
      const node = step((s) => s.uses === 'actions/setup-node@v4');
      expect(node.with).toEqual({ 'node-version': 20, cache: 'npm' });
      const install = step((s) => s.run === 'npm ci');
      const chromium = step((s) => s.run === 'npx playwright install --with-deps chromium');
      const audit = step((s) => s.run === `npx tagwatch audit monitors/${monitor}.monitor.ts --out reports`);
      const upload = step((s) => s.uses === 'actions/upload-artifact@v4');
      expect(upload.if).toBe('always()');
      expect(upload.with?.path).toBe('reports/');
      expect([checkout, node, install, chromium, audit, upload].map(at)).toEqual([...[checkout, node, install, chromium, audit, upload].map(at)].sort((a, b) => a - b));
    }
    const shopWorkflow = readFileSync(join(projects.shop, '.github/workflows/tagwatch.yml'), 'utf8');
    expect(shopWorkflow).toMatch(/tagwatch reads credentials only from the environment/);
    expect((yaml.load(shopWorkflow) as { jobs: { audit: { env: Record<string, string> } } }).jobs.audit.env).toEqual({ SHOP_ORDERS_TOKEN: '${{ secrets.SHOP_ORDERS_TOKEN }}' });
  });

  it('the demo scenarios are tagwatch\'s own, steps inlined: every step of scenarios/ is in them', () => {
    const steps = readdirSync(join(REPO, 'scenarios/steps')).map((file) => readFileSync(join(REPO, 'scenarios/steps', file), 'utf8')).join('\n');
    const product = /product = '([^']+)'/.exec(steps)![1]!;
    for (const name of ['purchase', 'cross-device-purchase']) {
      const own = `${readFileSync(join(REPO, 'scenarios', `${name}.scenario.ts`), 'utf8')}\n${steps}`;
      // A loop over products reads `{ name: product }` on both sides: the first product stands for it.
      const demo = normalize(readFileSync(join(projects.demo, 'scenarios', `${name}.scenario.ts`), 'utf8').replaceAll('{ name: product }', `{ name: '${product}' }`));
      const actions = own
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /(getBy\w+|goto|toHaveURL|waitForLoadState|consent|newDevice|adLanding|fill|click)\(/.test(line) && !line.startsWith('//') && !line.startsWith('*'))
        .map((line) => normalize(line.replace('{ name: product }', `{ name: '${product}' }`)));
      expect(actions.length).toBeGreaterThan(8);
      for (const action of actions) expect(demo, `${name}: ${action}`).toContain(action);
    }
  });
});

/** The same step on either device reads the same. */
function normalize(code: string): string {
  return code.replace(/\b(laptop|page)\b/g, 'PAGE');
}

/** Type errors of `files` ('file: message'), strict as a project would be, 'tagwatch' resolved to `api`. */
function typeCheck(files: string[], api: string): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    paths: { tagwatch: [api] },
  });
  return files.flatMap((file) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .filter((d) => d.file?.fileName === file)
      .map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
  );
}
