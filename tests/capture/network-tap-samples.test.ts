import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { createCatalog, loadVendors } from '../../src/catalog/index.ts';
import { NetworkTap } from '../../src/capture/network-tap.ts';
import type { BlockDecision, RequestBlocker } from '../../src/conditions/define-condition.ts';
import type { HostSample } from '../../src/model/run-event.ts';
import { htmlPages, startLocalServer } from '../support/local-server.ts';

const pages = {
  '/': `<!doctype html><title>samples</title>
    <script src="https://cdn.tagwatch-unknown.invalid/lib.js?v=1"></script>
    <script>
      new Image().src = 'https://px.tagwatch-blocked.invalid/p.gif?e=view';
      const xhr = new XMLHttpRequest(); xhr.open('POST', 'https://api.tagwatch-unknown.invalid/collect'); xhr.send('x');
      navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TAP', 'en=page_view');
    </script>
    <img src="/local.png">`,
};

/** A condition's blocker, as the adblock condition plugs one in: here it stops one host. */
const blocker: RequestBlocker = {
  match: ({ url }) => (new URL(url).hostname === 'px.tagwatch-blocked.invalid' ? { rule: '||px.tagwatch-blocked.invalid^', list: 'test list', line: 7 } : undefined),
};

describe('network tap: one sample request per host for the tracker inventory (real Chromium)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let tap: NetworkTap;
  const network: [string, HostSample][] = [];
  const blocked: [string, HostSample, BlockDecision][] = [];
  const hits: string[] = [];

  beforeAll(async () => {
    site = await startLocalServer(htmlPages(pages));
    browser = await chromium.launch(chromiumLaunchOptions());
    const { vendors } = await loadVendors();
    tap = new NetworkTap({ classify: createCatalog(vendors).claim, blocker });
    await tap.attach(browser);
    tap.setSink({
      hit: (hit) => hits.push(hit.url),
      network: (host, request) => network.push([host, request]),
      blocked: (host, request, why) => blocked.push([host, request, why]),
    });
  });

  afterAll(async () => {
    await tap?.detach();
    await browser?.close();
    await site?.close();
  });

  it('gives the sink each non-loopback request with its URL and type, let through or blocked; tag hits stay hits', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await expect.poll(() => network.length + blocked.length, { timeout: 10_000 }).toBe(3);
    await tap.settle();
    await context.close();

    expect(network.sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ['api.tagwatch-unknown.invalid', { url: 'https://api.tagwatch-unknown.invalid/collect', resourceType: 'XHR' }],
      ['cdn.tagwatch-unknown.invalid', { url: 'https://cdn.tagwatch-unknown.invalid/lib.js?v=1', resourceType: 'Script' }],
    ]);
    // With why: the blocker's decision (rule, list, line) for the blocked host.
    expect(blocked).toEqual([
      ['px.tagwatch-blocked.invalid', { url: 'https://px.tagwatch-blocked.invalid/p.gif?e=view', resourceType: 'Image' }, { rule: '||px.tagwatch-blocked.invalid^', list: 'test list', line: 7 }],
    ]);
    expect(hits).toEqual(['https://region1.google-analytics.com/g/collect?v=2&tid=G-TAP']);
  });
});
