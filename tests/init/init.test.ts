import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../../src/cli/commands/init.ts';
import { runInit } from '../../src/init/run-init.ts';
import { UserError } from '../../src/user-error.ts';
import { testStreams } from './streams.ts';

function tempProject(name = 'acme-shop'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwatch-init-')), name);
  mkdirSync(dir);
  return dir;
}

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

describe('tagwatch init on a shop URL', () => {
  it('writes the monitor, the scenario templates, package.json, the workflow and .gitignore, and says what next', async () => {
    const dir = tempProject();
    const streams = testStreams();
    const result = await runInit({ dir, url: 'https://staging.my-shop.example' }, streams);

    expect(result.monitorName).toBe('my-shop');
    expect(streams.text().split('\n').slice(0, 6)).toEqual([
      'created monitors/my-shop.monitor.ts',
      'created scenarios/purchase.scenario.ts',
      'created scenarios/cross-device-purchase.scenario.ts',
      'created package.json (scripts tagwatch, tagwatch:check)',
      'created .github/workflows/tagwatch.yml',
      'created .gitignore',
    ]);
    const nextSteps = streams.text().slice(streams.text().indexOf('Next steps:'));
    expect(nextSteps).toContain('npm i -D tagwatch');
    expect(nextSteps).toContain('TODO(tagwatch)');
    expect(nextSteps).toContain('export SHOP_ORDERS_TOKEN=...');
    expect(nextSteps).toContain('npx tagwatch audit monitors/my-shop.monitor.ts');

    const monitor = read(dir, 'monitors/my-shop.monitor.ts');
    expect(monitor).toContain("import { defineMonitor } from 'tagwatch';");
    expect(monitor).toContain("name: 'my-shop',");
    expect(monitor).toContain("baseUrl: 'https://staging.my-shop.example',");
    expect(monitor).toContain("scenarios: { default: ['purchase'], 'cross-device': ['cross-device-purchase'] },");
    expect(monitor).toContain("conditions: ['baseline', 'adblock', 'consent-refused', 'cross-device'],");
    expect(monitor).toContain("orders: { source: 'rest-json', url: 'https://backoffice.example/api/orders', tokenEnv: 'SHOP_ORDERS_TOKEN' },");
    expect(monitor).toMatch(/\/\/ webServer: \{ command: 'npm run preview -- --port \{port\}'/);
    expect(monitor).toMatch(/\/\/ variants: \{ items: \[1, 3\]/);

    const purchase = read(dir, 'scenarios/purchase.scenario.ts');
    expect(purchase).toContain("import { test, expect } from 'tagwatch';");
    expect(purchase).toContain("test('purchase', async ({ page, journey }) => {");
    for (const call of ["page.goto('/')", 'journey.consent(page)', 'journey.email', 'journey.orderPlaced(', "getByRole('link', { name: /continue shopping"]) expect(purchase).toContain(call);
    // Order: consent before the product, checkout e-mail before the order number, leaving last.
    const at = (text: string): number => purchase.indexOf(text);
    expect(at('journey.consent(page)')).toBeLessThan(at('Add it to the cart'));
    expect(at('journey.email')).toBeLessThan(at('journey.orderPlaced('));
    expect(at('journey.orderPlaced(')).toBeLessThan(at('continue shopping'));
    expectSelectorsMarked(purchase);

    const crossDevice = read(dir, 'scenarios/cross-device-purchase.scenario.ts');
    expect(crossDevice).toContain("test('cross-device-purchase', async ({ page, journey, newDevice }) => {");
    expect(crossDevice).toContain("await page.goto(journey.adLanding('/'));");
    expect(crossDevice).toContain("const laptop = await (await newDevice('desktop')).newPage();");
    expect(crossDevice).toContain('await journey.consent(laptop);');
    expect(crossDevice).toMatch(/log in with the same test account on both devices/);
    expect(crossDevice).toContain('journey.orderPlaced(');
    expectSelectorsMarked(crossDevice);

    expect(JSON.parse(read(dir, 'package.json'))).toEqual({
      name: 'acme-shop',
      private: true,
      scripts: { tagwatch: 'tagwatch audit', 'tagwatch:check': 'tagwatch check' },
    });
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['reports/', 'test-results/']));

    const workflow = read(dir, '.github/workflows/tagwatch.yml');
    expect(workflow).toContain('SHOP_ORDERS_TOKEN: ${{ secrets.SHOP_ORDERS_TOKEN }}');
    expect(workflow).toContain('run: npx tagwatch audit monitors/my-shop.monitor.ts --out reports');
  });

  it('never overwrites: a second run keeps every file, a user\'s edit survives and is reported as kept', async () => {
    const dir = tempProject();
    await runInit({ dir, url: 'https://www.my-shop.example' }, testStreams());
    const edited = read(dir, 'scenarios/purchase.scenario.ts').replace("name: 'T-shirt'", "name: 'Blue hoodie'");
    writeFileSync(join(dir, 'scenarios/purchase.scenario.ts'), edited);
    writeFileSync(join(dir, 'monitors/my-shop.monitor.ts'), '// mine\n');
    const before = ['package.json', '.gitignore', '.github/workflows/tagwatch.yml', 'scenarios/cross-device-purchase.scenario.ts'].map((path) => read(dir, path));

    const streams = testStreams();
    const result = await runInit({ dir, url: 'https://other-shop.example', name: 'my-shop' }, streams);

    expect(result.files.map((file) => file.status)).toEqual(['kept', 'kept', 'kept', 'kept', 'kept', 'kept']);
    expect(streams.text()).toContain('kept monitors/my-shop.monitor.ts (exists)\nkept scenarios/purchase.scenario.ts (exists)\n');
    expect(streams.text()).toContain('kept package.json (scripts tagwatch, tagwatch:check exist)');
    expect(streams.text()).not.toMatch(/^created/m);
    expect(read(dir, 'scenarios/purchase.scenario.ts')).toBe(edited);
    expect(read(dir, 'monitors/my-shop.monitor.ts')).toBe('// mine\n');
    expect(['package.json', '.gitignore', '.github/workflows/tagwatch.yml', 'scenarios/cross-device-purchase.scenario.ts'].map((path) => read(dir, path))).toEqual(before);
  });

  it('in an existing project: scripts merged without losing a field or the formatting, its .gitignore kept', async () => {
    const dir = tempProject();
    const packageJson = '{\n\t"name": "acme-storefront",\n\t"version": "3.0.0",\n\t"scripts": {\n\t\t"dev": "next dev",\n\t\t"tagwatch": "tagwatch audit monitors/prod.monitor.ts"\n\t},\n\t"devDependencies": {\n\t\t"tagwatch": "^0.1.0"\n\t}\n}\n';
    writeFileSync(join(dir, 'package.json'), packageJson);
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n.next\n');

    const streams = testStreams();
    const result = await runInit({ dir, url: 'https://www.acme.example', name: 'acme-prod' }, streams);

    expect(read(dir, 'package.json')).toBe(packageJson.replace('"tagwatch audit monitors/prod.monitor.ts"', '"tagwatch audit monitors/prod.monitor.ts",\n\t\t"tagwatch:check": "tagwatch check"'));
    expect(streams.text()).toContain('added scripts tagwatch:check to package.json (kept tagwatch: exists)\n');
    expect(streams.text()).toContain('kept .gitignore (exists; add reports/ and test-results/ to it)\n');
    expect(read(dir, '.gitignore')).toBe('node_modules\n.next\n');
    expect(result.hasTagwatch).toBe(true);
    expect(streams.text()).not.toContain('npm i -D tagwatch');
    expect(existsSync(join(dir, 'monitors/acme-prod.monitor.ts'))).toBe(true);
  });

  it('a package.json it cannot edit is kept and the scripts are given to add by hand', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'package.json'), '{ "name": "broken", }\n');
    const streams = testStreams();
    await runInit({ dir, url: 'https://www.acme.example' }, streams);
    expect(streams.text()).toMatch(/kept package\.json \(not valid JSON: .*; add the scripts by hand: "tagwatch": "tagwatch audit", "tagwatch:check": "tagwatch check"\)/);
    expect(read(dir, 'package.json')).toBe('{ "name": "broken", }\n');
  });

  it('creates the project folder when missing', async () => {
    const dir = join(tempProject(), 'new', 'Shop Monitors');
    await runInit({ dir, url: 'https://www.acme.example' }, testStreams());
    expect(JSON.parse(read(dir, 'package.json')).name).toBe('shop-monitors');
  });
});

describe('tagwatch init --demo', () => {
  it('scaffolds the embedded demo shop\'s monitor and scenarios, with no TODO left', async () => {
    const dir = tempProject();
    const streams = testStreams();
    const result = await runInit({ dir, demo: true }, streams);

    expect(result.monitorName).toBe('demo-shop');
    expect(result.baseUrl).toBeUndefined();
    expect(streams.text()).toMatch(/^created monitors\/demo-shop\.monitor\.ts\n/);
    const monitor = read(dir, 'monitors/demo-shop.monitor.ts');
    expect(monitor).toContain("baseUrl: 'http://127.0.0.1:{port}',");
    expect(monitor).toContain("webServer: { command: 'tagwatch demo-shop --port {port}', url: 'http://127.0.0.1:{port}/', timeoutSeconds: 60 },");
    expect(monitor).toContain("orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: 3 },");
    expect(monitor).toContain("'google-ads': { eventName: 'conversion' },");
    expect(monitor).toContain("tiktok: { eventName: 'CompletePayment' },");
    expect(monitor).toContain('repeat: 1,');

    for (const path of ['monitors/demo-shop.monitor.ts', 'scenarios/purchase.scenario.ts', 'scenarios/cross-device-purchase.scenario.ts', '.github/workflows/tagwatch.yml']) {
      expect(read(dir, path), path).not.toContain('TODO');
    }
    const purchase = read(dir, 'scenarios/purchase.scenario.ts');
    expect(purchase).toContain("import { test, expect } from 'tagwatch';");
    expect(purchase).not.toMatch(/from '\.|steps\//);
    expect(purchase).toContain("const PRODUCTS = ['Organic cotton T-shirt',");
    expect(purchase).toContain("await page.getByRole('link', { name: product }).click();");
    expect(purchase).toContain("await page.getByLabel('E-mail').fill(journey.email);");
    expect(read(dir, 'scenarios/cross-device-purchase.scenario.ts')).toContain("getByRole('link', { name: 'Continue on another device' })");
    expect(read(dir, '.github/workflows/tagwatch.yml')).not.toMatch(/^\s+env:/m);
    expect(streams.text()).toContain('Run the first audit, on the embedded demo shop (it passes as is): npx tagwatch audit monitors/demo-shop.monitor.ts');
    expect(streams.text()).not.toContain('SHOP_ORDERS_TOKEN');
  });

  it('--url and --demo exclude each other', async () => {
    await expect(runInit({ dir: tempProject(), demo: true, url: 'https://a.example' }, testStreams())).rejects.toThrow(/--url and --demo exclude each other/);
  });
});

describe('the shop URL, given or asked for', () => {
  it('without --url nor --demo and no terminal to ask on: a clear error, nothing written', async () => {
    const dir = tempProject();
    const error = await runInit({ dir }, testStreams()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe("pass --url <your shop's URL> (or --demo for the embedded demo shop)");
    expect(existsSync(join(dir, 'monitors'))).toBe(false);
  });

  it('a bad URL or a bad --name is a clear error, nothing written', async () => {
    const dir = tempProject();
    await expect(runInit({ dir, url: 'my-shop.example' }, testStreams())).rejects.toThrow(/is not a URL: give it with its scheme, did you mean https:\/\/my-shop\.example\?/);
    await expect(runInit({ dir, url: 'file:///etc/passwd' }, testStreams())).rejects.toThrow(/not an http\(s\) URL/);
    await expect(runInit({ dir, url: 'https://a.example', name: 'my shop' }, testStreams())).rejects.toThrow(/--name 'my shop' is not a monitor name/);
    expect(existsSync(join(dir, 'monitors'))).toBe(false);
  });

  it('on a terminal: asks for the URL, again after a bad answer', async () => {
    const dir = tempProject();
    const streams = testStreams({ tty: true, lines: ['my-shop.example', 'https://www.acme-shop.example/'] });
    const result = await runInit({ dir }, streams);
    expect(result.baseUrl).toBe('https://www.acme-shop.example');
    expect(result.monitorName).toBe('acme-shop');
    const text = streams.text();
    expect(text.match(/Your shop's URL \(such as https:\/\/staging\.my-shop\.example\): /g)).toHaveLength(2);
    expect(text).toContain("'my-shop.example' is not a URL: give it with its scheme, did you mean https://my-shop.example?");
    expect(text).toContain('created monitors/acme-shop.monitor.ts');
    expect(read(dir, 'monitors/acme-shop.monitor.ts')).toContain("baseUrl: 'https://www.acme-shop.example',");
  });

  it('on a terminal: gives up after three bad answers, or when the input ends', async () => {
    await expect(runInit({ dir: tempProject() }, testStreams({ tty: true, lines: ['a', 'b', 'c', 'https://late.example'] }))).rejects.toThrow(/asked 3 times; pass --url/);
    await expect(runInit({ dir: tempProject() }, testStreams({ tty: true, lines: [] }))).rejects.toThrow(/no URL given: pass --url/);
  });
});

describe('the init command', () => {
  it('runs through commander with its options', async () => {
    const dir = tempProject();
    const streams = testStreams();
    await initCommand(streams).parseAsync(['--url', 'https://staging.my-shop.example', '--name', 'shop-fr', '--dir', dir], { from: 'user' });
    expect(streams.text()).toContain('created monitors/shop-fr.monitor.ts\n');
    expect(read(dir, 'monitors/shop-fr.monitor.ts')).toContain("baseUrl: 'https://staging.my-shop.example',");

    const demoDir = tempProject();
    await initCommand(testStreams()).parseAsync(['--demo', '--dir', demoDir], { from: 'user' });
    expect(existsSync(join(demoDir, 'monitors/demo-shop.monitor.ts'))).toBe(true);
  });

  it('a missing URL on a non-TTY rejects with the UserError the CLI prints (exit 2)', async () => {
    await expect(initCommand(testStreams()).parseAsync(['--dir', tempProject()], { from: 'user' })).rejects.toThrow(UserError);
  });
});

/** Every line calling a locator has a TODO(tagwatch) comment above it in its block of steps. */
function expectSelectorsMarked(source: string): void {
  const lines = source.split('\n');
  const selectorLines = lines.map((line, index) => ({ line, index })).filter(({ line }) => /\.(getBy\w+|locator)\(/.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'));
  expect(selectorLines.length).toBeGreaterThan(5);
  for (const { line, index } of selectorLines) {
    let above = index - 1;
    // Walk up through the block of steps (code and comments, no blank line) to its TODO marker.
    while (above >= 0 && lines[above]!.trim() !== '' && !lines[above]!.includes('// TODO(tagwatch): ')) above--;
    expect(above >= 0 && lines[above]!.includes('// TODO(tagwatch): '), `no TODO(tagwatch) above: ${line.trim()}`).toBe(true);
  }
}
