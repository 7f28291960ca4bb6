import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMonitor } from '../../src/audit/resolve-monitor.ts';
import { consentPages } from '../../src/init/consent-pages.ts';
import { runInit } from '../../src/init/run-init.ts';
import { loadMonitor } from '../../src/monitor/load-monitor.ts';
import { UserError } from '../../src/user-error.ts';
import { testStreams } from './streams.ts';

/** js-yaml comes with the repository's dependencies (no types: loaded untyped). */
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

function tempProject(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwatch-init-consent-')), 'site-audit');
  mkdirSync(dir);
  return dir;
}

/** 'tagwatch' as an installed package would resolve: here a stand-in (defineMonitor is the identity; the loader validates). */
function stubTagwatch(dir: string): void {
  const stub = join(dir, 'node_modules', 'tagwatch');
  mkdirSync(stub, { recursive: true });
  writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: 'tagwatch', type: 'module', exports: './index.js' }));
  writeFileSync(join(stub, 'index.js'), 'export function defineMonitor(monitor) { return monitor; }\nexport function test() {}\n');
}

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

describe('tagwatch init --consent-audit', () => {
  it('writes an order-free monitor of the pages given, the consent-pages scenario, scripts, a workflow with no secret', async () => {
    const dir = tempProject();
    const streams = testStreams();
    const result = await runInit(
      { dir, url: 'https://www.my-shop.example', consentAudit: true, pages: '/, /pricing ,https://www.my-shop.example/blog/a-post,/pricing' },
      streams,
    );

    expect(result).toMatchObject({ monitorName: 'my-shop-consent', baseUrl: 'https://www.my-shop.example', pages: ['/', '/pricing', '/blog/a-post'] });
    expect(streams.text().split('\n').slice(0, 5)).toEqual([
      'created monitors/my-shop-consent.monitor.ts',
      'created scenarios/consent-pages.scenario.ts',
      'created package.json (scripts tagwatch, tagwatch:check)',
      'created .github/workflows/tagwatch.yml',
      'created .gitignore',
    ]);
    // A consent audit places no order: no purchase journeys beside it.
    expect(existsSync(join(dir, 'scenarios/purchase.scenario.ts'))).toBe(false);
    expect(existsSync(join(dir, 'scenarios/cross-device-purchase.scenario.ts'))).toBe(false);

    stubTagwatch(dir);
    const monitor = await loadMonitor(join(dir, 'monitors/my-shop-consent.monitor.ts'));
    expect(monitor.orders).toBeUndefined();
    expect(monitor).toMatchObject({
      name: 'my-shop-consent',
      site: { baseUrl: 'https://www.my-shop.example' },
      scenarios: ['consent-pages'],
      conditions: ['consent-accepted', 'consent-refused', 'consent-ignored'],
      variants: { page: ['/', '/pricing', '/blog/a-post'] },
      expect: {},
      consent: { firedWithoutBanner: 'error' },
    });
    // As the audit would take it: its conditions found, the scenario file found for each (nothing run).
    const resolved = await resolveMonitor(join(dir, 'monitors/my-shop-consent.monitor.ts'), {}, {});
    expect(resolved.conditions.map((c) => c.id)).toEqual(['consent-accepted', 'consent-refused', 'consent-ignored']);
    expect(resolved.plan.flatMap((p) => p.scenarios.map((s) => s.file))).toEqual(Array(3).fill(join(dir, 'scenarios/consent-pages.scenario.ts')));

    const source = read(dir, 'monitors/my-shop-consent.monitor.ts');
    expect(source).toContain("// expect: { ga4: { eventName: 'page_view' } },");
    expect(source).toMatch(/No `orders`: an order-free audit/);
    const scenario = read(dir, 'scenarios/consent-pages.scenario.ts');
    const at = (text: string): number => scenario.indexOf(text);
    // Read the page before answering the banner, and again after.
    expect(at('page.goto(String(variant.page))')).toBeGreaterThan(0);
    expect(at('page.goto(')).toBeLessThan(at('journey.readPage(page)'));
    expect(at('journey.readPage(page)')).toBeLessThan(at('journey.consent(page)'));
    expect(scenario.lastIndexOf('journey.readPage(page)')).toBeGreaterThan(at('journey.consent(page)'));

    const workflowText = read(dir, '.github/workflows/tagwatch.yml');
    const workflow = yaml.load(workflowText) as { jobs: { audit: { env?: unknown; steps: { run?: string }[] } } };
    expect(workflow.jobs.audit.env).toBeUndefined();
    expect(workflow.jobs.audit.steps.map((s) => s.run)).toContain('npx tagwatch audit monitors/my-shop-consent.monitor.ts --out reports');
    expect(workflowText).not.toMatch(/SHOP_ORDERS_TOKEN|orders in the backend/);
    expect(workflowText).toMatch(/^# Nightly consent audit/);

    const nextSteps = streams.text().slice(streams.text().indexOf('Next steps:'));
    expect(nextSteps).toContain('npm i -D tagwatch');
    expect(nextSteps).toContain('npx playwright install chromium');
    expect(nextSteps).toContain('npx tagwatch audit monitors/my-shop-consent.monitor.ts');
    expect(nextSteps).toContain('variants.page');
    expect(nextSteps).toContain('reports/latest/');
    expect(nextSteps).not.toMatch(/SHOP_ORDERS_TOKEN|TODO|orders/);
  });

  it('without --pages audits the page of --url, on its origin; a long list is one page a line', async () => {
    const dir = tempProject();
    const result = await runInit({ dir, url: 'https://shop.example/fr/', consentAudit: true, name: 'fr' }, testStreams());
    expect(result.pages).toEqual(['/fr/']);
    expect(read(dir, 'monitors/fr.monitor.ts')).toContain("site: { baseUrl: 'https://shop.example' },");
    expect(read(dir, 'monitors/fr.monitor.ts')).toContain("page: ['/fr/'],");

    const pages = ['/', '/pricing', '/blog/a-post', '/products/organic-cotton-t-shirt', '/legal/privacy-policy'];
    const many = tempProject();
    await runInit({ dir: many, url: 'https://shop.example', consentAudit: true, pages: pages.join(',') }, testStreams());
    expect(read(many, 'monitors/shop-consent.monitor.ts')).toContain(`page: [\n${pages.map((p) => `      '${p}',\n`).join('')}    ],`);
    stubTagwatch(many);
    expect((await loadMonitor(join(many, 'monitors/shop-consent.monitor.ts'))).variants).toEqual({ page: pages });
  });

  it("beside the shop's purchase monitor: both written, neither overwrites the other", async () => {
    const dir = tempProject();
    await runInit({ dir, url: 'https://www.my-shop.example' }, testStreams());
    const purchaseMonitor = read(dir, 'monitors/my-shop.monitor.ts');
    const streams = testStreams();
    await runInit({ dir, url: 'https://www.my-shop.example', consentAudit: true }, streams);
    expect(streams.text()).toContain('created monitors/my-shop-consent.monitor.ts\ncreated scenarios/consent-pages.scenario.ts\n');
    expect(streams.text()).toContain('kept .github/workflows/tagwatch.yml (exists)');
    expect(read(dir, 'monitors/my-shop.monitor.ts')).toBe(purchaseMonitor);

    // A second consent run keeps the user's pages.
    const edited = read(dir, 'monitors/my-shop-consent.monitor.ts').replace("page: ['/']", "page: ['/', '/contact']");
    writeFileSync(join(dir, 'monitors/my-shop-consent.monitor.ts'), edited);
    const again = await runInit({ dir, url: 'https://www.my-shop.example', consentAudit: true, pages: '/other' }, testStreams());
    expect(again.files.slice(0, 2).map((f) => f.line)).toEqual(['kept monitors/my-shop-consent.monitor.ts (exists)', 'kept scenarios/consent-pages.scenario.ts (exists)']);
    expect(read(dir, 'monitors/my-shop-consent.monitor.ts')).toBe(edited);
  });

  it('bad input is a UserError naming the page and what is accepted, and nothing is written', async () => {
    const dir = tempProject();
    const refused = async (options: Parameters<typeof runInit>[0]): Promise<string> => {
      const error = await runInit({ dir, ...options }, testStreams()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      return (error as Error).message;
    };
    const url = 'https://www.my-shop.example';
    expect(await refused({ url, consentAudit: true, pages: '/,/pricing?plan=pro' })).toBe(
      "'/pricing?plan=pro' has a query string, init --pages: page variants cannot carry ? or =; give the path alone, such as /pricing",
    );
    expect(await refused({ url, consentAudit: true, pages: 'https://blog.my-shop.example/a-post' })).toMatch(
      /^'https:\/\/blog\.my-shop\.example\/a-post' is on another origin \(https:\/\/blog\.my-shop\.example\), init --pages: one audit visits the pages of one site, https:\/\/www\.my-shop\.example;/,
    );
    expect(await refused({ url, pages: '/pricing' })).toMatch(/^--pages is for a consent audit: add --consent-audit/);
    expect(await refused({ demo: true, consentAudit: true })).toMatch(/^--consent-audit and --demo exclude each other: /);
    expect(await refused({ consentAudit: true })).toMatch(/^pass --url <your site's URL>: --consent-audit audits pages of that site/);
    expect(await refused({ url: `${url}/search?q=shoes`, consentAudit: true })).toMatch(/^'https:\/\/www\.my-shop\.example\/search\?q=shoes' has a query string, init --url: .* such as \/search \(the page audited when --pages is left out\)$/);
    expect(existsSync(join(dir, 'monitors'))).toBe(false);
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });
});

describe('the pages of --pages', () => {
  const shop = 'https://www.my-shop.example';

  it('paths as given, URLs on the site as their paths, percent-encoded as a browser sends them', () => {
    expect(consentPages('/,/pricing,https://www.my-shop.example/blog/a-post/', shop)).toEqual(['/', '/pricing', '/blog/a-post/']);
    expect(consentPages('/blog/café,/a page', shop)).toEqual(['/blog/caf%C3%A9', '/a%20page']);
    expect(consentPages(undefined, 'https://www.my-shop.example/fr/')).toEqual(['/fr/']);
    expect(consentPages(undefined, shop)).toEqual(['/']);
  });

  it.each([
    ['pricing', /^'pricing' is neither a path nor a URL, init --pages: .*start a path with \/, such as \/pricing$/],
    ['www.my-shop.example/pricing', /neither a path nor a URL, .*give a URL with its scheme, such as https:\/\/www\.my-shop\.example\/pricing$/],
    ['//cdn.example/pricing', /^'\/\/cdn\.example\/pricing' is on another origin \(https:\/\/cdn\.example\)/],
    ['http://www.my-shop.example/pricing', /is on another origin \(http:\/\/www\.my-shop\.example\)/],
    ['javascript:alert(1)', /^'javascript:alert\(1\)' is not an http\(s\) address, init --pages: /],
    ['/pricing#plans', /^'\/pricing#plans' has a fragment, init --pages: page variants cannot carry #; give the path alone, such as \/pricing$/],
    ['/a:b', /^'\/a:b' has characters a page variant cannot hold \(:\), init --pages: letters, digits and \. _ - @ \+ \/ ~ %; percent-encode the others/],
    [' , ', /^' , ' names no page, init --pages: /],
  ])('%j is refused', (pages, message) => {
    expect(() => consentPages(pages, shop)).toThrow(message);
  });

  it('credentials in a page URL are refused without being echoed', () => {
    let message = '';
    try {
      consentPages('https://me:s3cret@www.my-shop.example/account', shop);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^a page URL of www\.my-shop\.example has credentials in it, init --pages: leave them out/);
    expect(message).not.toContain('s3cret');
  });
});
