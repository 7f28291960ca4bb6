import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model/verdict.ts';
import { installInto, packTagwatch } from '../support/packed-package.ts';
import { basketMonitor, basketScenario, collectorVendor } from '../support/shop-team-files.ts';

const REPO = realpathSync(join(import.meta.dirname, '..', '..'));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const META_PURCHASE = 'https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=10&cd[currency]=EUR&eid=A1';

/** A command in the user's project, as they would type it: without the npm_* variables of an enclosing `npm test`. */
function inProject(project: string, command: string, args: string[], timeout = 300_000) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || name === 'npm_config_cache'));
  const result = spawnSync(command, args, { cwd: project, env: { ...env, FORCE_COLOR: '0' }, encoding: 'utf8', timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The names the package root exports at run time, as plain Node loads them from a user's project. */
function importedNames(project: string, specifier: string, expression: string): string {
  const script = `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(${expression})), (e) => { console.error(e); process.exit(1); })`;
  const { code, stdout, stderr } = inProject(project, process.execPath, ['--input-type=module', '-e', script]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout.trim();
}

function latestVerdict(project: string): Verdict {
  return JSON.parse(readFileSync(join(project, 'reports', 'latest', 'results.json'), 'utf8')) as Verdict;
}

// Packing compiles the whole project (prepack: npm run build); installing takes tens of seconds.
describe('the npm package (npm pack, installed into a fresh project)', { timeout: 600_000 }, () => {
  let tarball: string;
  let listing: string[];
  let project: string;

  beforeAll(async () => {
    tarball = await packTagwatch();
    listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => line.replace(/^package\//, ''));
    project = realpathSync(mkdtempSync(join(tmpdir(), 'tagwatch-user-project-')));
    await installInto(project, tarball);
  }, 900_000);

  // The project holds a whole install (about 100 MB).
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('holds the compiled code, its declarations, the bin and the demo shop assets; no tests, no TypeScript sources', () => {
    for (const file of [
      'package.json',
      'README.md',
      'bin/tagwatch.js',
      'bin/path/tagwatch',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/test/index.js',
      'dist/src/test/index.d.ts',
      'dist/src/cli/main.js',
      'dist/playwright.config.js',
      'dist/src/demo-shop/assets/cmp.js',
      'dist/src/demo-shop/assets/tags/ga4.js',
      'dist/src/demo-shop/assets/tags/meta.js',
    ]) {
      expect(listing, file).toContain(file);
    }
    expect(listing.filter((file) => file.startsWith('tests/') || file.includes('/tests/'))).toEqual([]);
    expect(listing.filter((file) => /\.[cm]?tsx?$/.test(file) && !(file.startsWith('dist/') && /\.d\.[cm]?ts$/.test(file)))).toEqual([]);
    // The PATH shim a site's web server command calls as `tagwatch`.
    const shim = execFileSync('tar', ['-tvzf', tarball, 'package/bin/path/tagwatch'], { encoding: 'utf8' });
    expect(shim).toMatch(/^-rwxr-xr-x/);
  });

  it('`npx tagwatch --help` lists every command', () => {
    const { code, stdout, stderr } = inProject(project, 'npx', ['tagwatch', '--help']);
    expect(stderr).toBe('');
    for (const command of ['init', 'audit', 'demo-shop', 'decode', 'bench', 'schedule', 'history', 'merge', 'check', 'compare']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(code).toBe(0);
  });

  it("`import('tagwatch')` in plain Node has the define functions and whatever the sources export", async () => {
    const names = JSON.parse(importedNames(project, 'tagwatch', 'Object.keys(m).sort()')) as string[];
    for (const name of ['defineMonitor', 'defineVendor', 'defineCondition', 'defineOrderSource', 'defineReporter']) expect(names).toContain(name);
    // The scenario API (test, expect) joins the root exports in the sources: the package has what they have.
    const sources = Object.keys(await import('../../src/index.ts')).sort();
    expect(names).toEqual(sources);
  });

  it("`import('tagwatch/test')` in plain Node has test.extend and expect(...).toHaveFired", () => {
    const loaded = importedNames(project, 'tagwatch/test', '[typeof m.test.extend, typeof m.expect({}).toHaveFired, typeof m.expect({}).toNotHaveFired, import.meta.resolve("tagwatch/test")]');
    expect(JSON.parse(loaded)).toEqual(['function', 'function', 'function', `file://${project}/node_modules/tagwatch/dist/src/test/index.js`]);
  });

  it("a user's TypeScript file type-checks against the package's declarations", () => {
    const file = join(project, 'check-types.ts');
    writeFileSync(
      file,
      [
        "import { defineMonitor, type VendorEvent } from 'tagwatch';",
        "import { expect, test } from 'tagwatch/test';",
        '',
        'export default defineMonitor({',
        "  name: 'my-shop',",
        "  site: { baseUrl: 'https://staging.my-shop.example' },",
        "  expect: { ga4: { eventName: 'purchase' }, meta: { eventName: 'Purchase' } },",
        "  orders: { source: 'rest-json', url: 'https://backoffice.example/api/orders', tokenEnv: 'SHOP_ORDERS_TOKEN' },",
        "  thresholds: { default: { maxLossRate: 0 }, vendors: { meta: { maxLossRate: 0.05 } } },",
        '});',
        "// @ts-expect-error the declarations are real: repeat is a number",
        "export const wrong = defineMonitor({ name: 'my-shop', site: { baseUrl: 'https://staging.my-shop.example' }, expect: { ga4: {} }, orders: { source: 'demo' }, repeat: 'three' });",
        "export const event: Pick<VendorEvent, 'vendor' | 'eventName'> = { vendor: 'meta', eventName: 'Purchase' };",
        "test('purchase', async ({ page, tracking }) => {",
        "  await page.goto('https://staging.my-shop.example');",
        "  await expect(tracking).toHaveFired('meta', { eventName: 'Purchase' }, { timeout: 1000 });",
        '});',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = inProject(project, process.execPath, [TSC, '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--strict', file]);
    expect(stdout + stderr).toBe('');
    expect(code).toBe(0);
  });

  it('`tagwatch decode` prints the decoded Meta purchase (compiled code, no TypeScript loader)', () => {
    const { code, stdout } = inProject(project, 'npx', ['tagwatch', 'decode', META_PURCHASE]);
    const [event] = JSON.parse(stdout);
    expect(event).toMatchObject({ vendor: 'meta', eventName: 'Purchase', kind: 'purchase', value: 10, currency: 'EUR', eventId: 'A1' });
    expect(code).toBe(0);
  });

  it("a user's TypeScript monitor is loaded by the compiled CLI: a bad field is reported, exit 2", () => {
    const file = join(project, 'bad.monitor.ts');
    writeFileSync(file, "import { defineMonitor } from 'tagwatch';\n\nconst repeat: number = -1;\nexport default defineMonitor({ name: 'bad', site: { baseUrl: 'https://staging.my-shop.example' }, repeat });\n");
    const { code, stderr } = inProject(project, 'npx', ['tagwatch', 'audit', file]);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/repeat: /);
    expect(stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|Unknown file extension/);
    expect(code).toBe(2);
  });

  it("a monitor of an ES-module project gets 'tagwatch' without Playwright in the CLI (src/definitions.ts): test() there is said to belong in a scenario file", () => {
    // A CommonJS project's monitor is require()d: it still gets the whole entry (no condition reaches require in Node 20).
    const esm = join(project, 'esm');
    mkdirSync(esm, { recursive: true });
    writeFileSync(join(esm, 'package.json'), JSON.stringify({ type: 'module' }));
    const file = join(esm, 'journey-in-monitor.monitor.ts');
    writeFileSync(file, "import { defineMonitor, test } from 'tagwatch';\n\ntest('a journey', async () => {});\nexport default defineMonitor({ name: 'x', site: { baseUrl: 'https://staging.my-shop.example' } });\n");
    const { code, stderr } = inProject(project, 'npx', ['tagwatch', 'audit', file]);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/tagwatch's test\(\) runs in scenario files, which Playwright loads for the journeys.*Move the journey into a scenario file/);
    expect(code).toBe(2);
  });

  it('`npx tagwatch init --demo` scaffolds a monitor of the demo shop that `npx tagwatch audit` passes as is', () => {
    const init = inProject(project, 'npx', ['tagwatch', 'init', '--demo']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    for (const file of ['monitors/demo-shop.monitor.ts', 'scenarios/purchase.scenario.ts', 'scenarios/cross-device-purchase.scenario.ts', '.github/workflows/tagwatch.yml']) {
      expect(existsSync(join(project, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts).toMatchObject({ tagwatch: 'tagwatch audit' });

    const audit = inProject(project, 'npx', ['tagwatch', 'audit']);
    expect(audit.stdout).toMatch(/tagwatch demo-shop · run \S+ · PASS/);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const verdict = latestVerdict(project);
    expect(verdict.status).toBe('pass');
    expect(new Set(verdict.journeys.map((j) => j.condition))).toEqual(new Set(['baseline', 'adblock', 'consent-refused', 'cross-device']));
    // The project's own scenarios ran, through the package's compiled code: nothing of the repository.
    const settings = readFileSync(join(project, 'reports', 'latest', 'run-settings.json'), 'utf8');
    expect(JSON.parse(settings).monitor.scenariosDir).toBe(join(project, 'scenarios'));
    expect(settings).not.toContain(REPO);
  });

  it('a scenario with variants and a vendor plugin of the project, for a first-party collector, are used by the next audit', () => {
    mkdirSync(join(project, 'plugins', 'vendors'), { recursive: true });
    writeFileSync(join(project, 'scenarios', 'basket.scenario.ts'), basketScenario('tagwatch'));
    writeFileSync(join(project, 'plugins', 'vendors', 'shop-collector.ts'), collectorVendor('tagwatch'));
    writeFileSync(join(project, 'monitors', 'baskets.monitor.ts'), basketMonitor('tagwatch', 'baskets'));

    const audit = inProject(project, 'npx', ['tagwatch', 'audit', 'monitors/baskets.monitor.ts']);
    expect(audit.stdout).toMatch(/ok {3}baseline\[items=1\] › basket #1/);
    expect(audit.stdout).toMatch(/ok {3}baseline\[items=2\] › basket #1/);
    expect(audit.stdout).toMatch(/shop-collector\s+baseline\s+2\s+2\s+0\s/);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const verdict = latestVerdict(project);
    expect(verdict.monitor).toBe('baskets');
    expect(verdict.journeys.map((j) => [j.journeyId, j.variant, j.vendors['shop-collector']]).sort()).toEqual([
      ['baseline.basket[items=1].r1', { items: 1 }, 'tracked'],
      ['baseline.basket[items=2].r1', { items: 2 }, 'tracked'],
    ]);
    // The collector's hits were captured (answered locally), decoded by the project's plugin.
    const hits = verdict.journeys.flatMap((j) => j.hits).filter((hit) => hit.vendor === 'shop-collector');
    expect(hits.map((hit) => hit.eventName)).toEqual(['order_completed', 'order_completed']);
    const settings = readFileSync(join(project, 'reports', 'latest', 'run-settings.json'), 'utf8');
    expect(JSON.parse(settings).monitor.plugins.vendors).toEqual([join(project, 'plugins', 'vendors')]);
    expect(settings).not.toContain(REPO);
  });
});
