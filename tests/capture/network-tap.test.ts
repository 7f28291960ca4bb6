import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { createCatalog, loadVendors } from '../../src/catalog/index.ts';
import { NetworkTap } from '../../src/capture/network-tap.ts';
import { loadBlockingEngine } from '../../src/conditions/adblock/blocking-engine.ts';
import { loadFilterLists, type FilterList } from '../../src/conditions/adblock/filter-lists.ts';
import type { BlockDecision } from '../../src/conditions/define-condition.ts';
import type { HitEvent } from '../../src/model/run-event.ts';
import { htmlPages, startLocalServer } from '../support/local-server.ts';

const pages = {
  '/': `<!doctype html><title>tap</title>
    <script>
      navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TAP', 'en=page_view');
      new Image().src = 'https://www.facebook.com/tr/?id=1&ev=PageView';
      const s = document.createElement('script'); s.src = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-TAP&en=script_load'; document.head.appendChild(s);
      addEventListener('pagehide', () => navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TAP', 'en=purchase&ep.transaction_id=T-UNLOAD'));
    </script>
    <img src="/local.png"><a href="/next">next</a>`,
  '/next': '<!doctype html><title>next</title><p>next page</p>',
};

describe('network tap (real Chromium, browser-level CDP)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let tap: NetworkTap;
  const hits: Omit<HitEvent, 'type' | 'journeyId'>[] = [];
  const network: string[] = [];

  beforeAll(async () => {
    site = await startLocalServer(htmlPages(pages));
    browser = await chromium.launch(chromiumLaunchOptions());
    const { vendors } = await loadVendors();
    tap = new NetworkTap({ classify: createCatalog(vendors).claim });
    await tap.attach(browser);
    tap.setSink({ hit: (hit) => hits.push(hit), network: (host) => network.push(host) });
  });

  afterAll(async () => {
    await tap?.detach();
    await browser?.close();
    await site?.close();
  });

  it('captures beacons, images and the pagehide beacon Playwright routes miss, each with its vendor, and answers them locally', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'next' }).click();
    await page.waitForURL(/next/);
    await tap.settle();
    await context.close();

    const urls = hits.map((h) => `${h.method} ${new URL(h.url).hostname} ${h.body ?? ''}`);
    expect(urls).toContain('POST region1.google-analytics.com en=page_view');
    expect(urls).toContain('GET www.facebook.com ');
    expect(urls).toContain('POST region1.google-analytics.com en=purchase&ep.transaction_id=T-UNLOAD');
    // A script from a tag URL is code, not a hit: it goes through (the network answers), recorded as live.
    expect(hits.filter((h) => h.status !== 'captured').map((h) => [h.status, h.resourceType])).toEqual([['live', 'Script']]);
    expect(hits.find((h) => h.body?.includes('T-UNLOAD'))?.resourceType).toBe('Ping');
    // Each hit carries the vendor the catalog claimed it for: the audit decodes it with that one.
    expect(hits.map((h) => [new URL(h.url).hostname, h.vendor])).toEqual(hits.map((h) => [new URL(h.url).hostname, h.url.includes('facebook') ? 'meta' : 'ga4']));
    // Loopback pages were let through; only the script went to the network.
    expect(network).toEqual(['region1.google-analytics.com']);
  });
});

const adblockPages = {
  '/': `<!doctype html><title>order received</title>
    <script src="https://cdn.tagwatch-unknown.invalid/ads/adserver.js"></script>
    <script>new Image().src = 'https://www.facebook.com/tr/?id=1234567890&ev=Purchase&cd[value]=42.50&cd[currency]=EUR&eid=DS-1001';</script>`,
};

/** The line (1-based) of a list's file as it is on disk. */
const lineOfFile = (list: FilterList, line: number) => readFileSync(list.origin, 'utf8').split(/\r?\n/)[line - 1];

describe('network tap under the adblock condition: the hit names the list line that blocked it (real Chromium, real lists)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let tap: NetworkTap;
  let lists: FilterList[];
  const hits: Omit<HitEvent, 'type' | 'journeyId'>[] = [];
  const blocked: [string, BlockDecision][] = [];

  beforeAll(async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tagwatch-tap-adblock-'));
    lists = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], cacheDir, allowDownload: false });
    site = await startLocalServer(htmlPages(adblockPages));
    browser = await chromium.launch(chromiumLaunchOptions());
    const { vendors } = await loadVendors();
    tap = new NetworkTap({ classify: createCatalog(vendors).claim, blocker: loadBlockingEngine(lists, cacheDir).blocker });
    await tap.attach(browser);
    tap.setSink({ hit: (hit) => hits.push(hit), network: () => undefined, blocked: (host, _request, why) => blocked.push([host, why]) });
  });

  afterAll(async () => {
    await tap?.detach();
    await browser?.close();
    await site?.close();
  });

  it('a blocked Meta purchase carries the rule byte-equal to its list line, the list and the line; a blocked ad script too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await expect.poll(() => hits.length + blocked.length, { timeout: 10_000 }).toBe(2);
    await tap.settle();
    await context.close();

    const meta = hits.find((h) => h.vendor === 'meta')!;
    expect(meta.status).toBe('blocked');
    expect(meta.rule).not.toContain('<+>');
    const metaList = lists.find((l) => l.label === meta.filterList)!;
    expect(metaList, `list ${meta.filterList}`).toBeDefined();
    expect(meta.rule).toBe(lineOfFile(metaList, meta.filterLine!));

    const [[host, why]] = blocked as [[string, BlockDecision]];
    expect(host).toBe('cdn.tagwatch-unknown.invalid');
    expect(why.rule).toBe(lineOfFile(lists.find((l) => l.label === why.list)!, why.line!));
  });
});
