import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlockingEngine } from '../../src/conditions/adblock/blocking-engine.ts';
import { loadFilterLists, type FilterList } from '../../src/conditions/adblock/filter-lists.ts';

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `tagwatch-${name}-`));
const shop = 'http://127.0.0.1:4000/order/DS-1001';

/** The line `line` (1-based) of the list's file, read from disk as a maintainer would open it. */
function lineOfFile(list: FilterList, line: number): string {
  return readFileSync(list.origin, 'utf8').split(/\r?\n/)[line - 1]!;
}

describe('ad-block evidence is a line of the list itself (real EasyList + EasyPrivacy)', async () => {
  const cacheDir = fresh('rule-lines');
  const lists = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], cacheDir, allowDownload: false });
  const byLabel = new Map(lists.map((l) => [l.label, l]));

  const purchases = [
    ['Meta /tr pixel', 'https://www.facebook.com/tr/?id=1234567890&ev=Purchase&cd[value]=42.50&cd[currency]=EUR&eid=DS-1001', 'Image'],
    ['GA4 collect', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO123&en=purchase&ep.transaction_id=DS-1001', 'Ping'],
    ['Google Ads conversion', 'https://www.googleadservices.com/pagead/conversion/987654321/?label=AbCdEf&value=42.5&currency_code=EUR&oid=DS-1001', 'Image'],
  ] as const;

  /** The decision for each purchase URL is a line of the named list file, byte for byte. */
  function expectListLines(blocker: ReturnType<typeof loadBlockingEngine>['blocker']) {
    for (const [what, url, resourceType] of purchases) {
      const decision = blocker.match({ url, resourceType, sourceUrl: shop });
      expect(decision, `${what} should be blocked`).toBeDefined();
      const { rule, list, line } = decision!;
      expect(rule, what).not.toContain('<+>');
      expect(['EasyList', 'EasyPrivacy'], what).toContain(list);
      expect(line, what).toBeGreaterThan(0);
      expect(rule, `${what}: ${list} line ${line}`).toBe(lineOfFile(byLabel.get(list!)!, line!));
    }
  }

  it('a Meta /tr pixel, a GA4 collect and a Google Ads conversion: each blocked by a rule byte-equal to the line filterLine of the named list', () => {
    const { blocker, fromCache } = loadBlockingEngine(lists, cacheDir);
    expect(fromCache).toBe(false);
    expectListLines(blocker);
  });

  it('the engine read back from the cache (what journey workers use) names the same lines', () => {
    const { blocker, fromCache } = loadBlockingEngine(lists, cacheDir);
    expect(fromCache).toBe(true);
    expectListLines(blocker);
  });

  it('an extra list (adblock.extraLists) is named by its file name, with the line of the rule in that file', async () => {
    const dir = fresh('extra-list');
    const path = join(dir, 'shop-collectors.txt');
    writeFileSync(path, ['! Title: our own collectors', '! a comment', '', '||collector.shop-tracking.example^$third-party', '/collect/evt$xmlhttprequest,domain=shop.example'].join('\n'));
    const withExtra = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [path], cacheDir, allowDownload: false });
    const { blocker } = loadBlockingEngine(withExtra, cacheDir);
    expect(blocker.match({ url: 'https://collector.shop-tracking.example/e?order=DS-1', resourceType: 'Image', sourceUrl: 'https://shop.example/order' })).toEqual({
      rule: '||collector.shop-tracking.example^$third-party',
      list: 'shop-collectors.txt',
      line: 4,
    });
    expect(blocker.match({ url: 'https://shop.example/collect/evt', resourceType: 'XHR', sourceUrl: 'https://shop.example/order' })).toEqual({
      rule: '/collect/evt$xmlhttprequest,domain=shop.example',
      list: 'shop-collectors.txt',
      line: 5,
    });
  });
});
