import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlockingEngine } from '../../src/conditions/adblock/blocking-engine.ts';
import { DEBIAN_LISTS_DIR, loadFilterLists } from '../../src/conditions/adblock/filter-lists.ts';

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `tagwatch-${name}-`));

describe('filter lists', () => {
  it('a configured folder wins over the OS copy; the OS copy works offline', async () => {
    const dir = fresh('lists');
    writeFileSync(join(dir, 'easyprivacy.txt'), '[Adblock Plus 2.0]\n||only-here.example^\n');
    const lists = await loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], listsDir: dir, cacheDir: fresh('cache'), allowDownload: false });
    expect(lists.map((l) => [l.label, l.origin])).toEqual([
      ['EasyList', join(DEBIAN_LISTS_DIR, 'easylist.txt')],
      ['EasyPrivacy', join(dir, 'easyprivacy.txt')],
    ]);
  });

  it('a list found nowhere is a clear error saying where it looked and what to do', async () => {
    const empty = fresh('empty');
    const options = { lists: ['easyprivacy' as const], extraLists: [], listsDir: empty, cacheDir: fresh('cache'), osListsDir: empty, allowDownload: false };
    const error = await loadFilterLists(options).catch((e: Error) => e);
    expect(String(error)).toContain(`Filter list EasyPrivacy not found (looked in ${join(empty, 'easyprivacy.txt')}`);
    expect(String(error)).toMatch(/set adblock\.listsDir .* or install Debian's webext-ublock-origin-chromium/);
    await expect(loadFilterLists({ ...options, osListsDir: undefined, extraLists: ['/nowhere/my-list.txt'] })).rejects.toThrow(/Extra filter list \/nowhere\/my-list\.txt \(adblock\.extraLists\) does not exist/);
  });
});

describe('blocking engine on EasyList + EasyPrivacy', () => {
  const cacheDir = fresh('engine-cache');
  const lists = loadFilterLists({ lists: ['easylist', 'easyprivacy'], extraLists: [], cacheDir, allowDownload: false });

  it('blocks the vendors\' purchase hits with the rule and list, lets the shop\'s own requests through', async () => {
    const { blocker, fromCache } = loadBlockingEngine(await lists, cacheDir);
    expect(fromCache).toBe(false);
    const shop = 'http://127.0.0.1:4000/order/DS-1';
    expect(blocker.match({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1', resourceType: 'Ping', sourceUrl: shop })).toEqual({ rule: '$ping,third-party', list: 'EasyPrivacy', line: expect.any(Number) });
    expect(blocker.match({ url: 'https://www.facebook.com/tr/?id=1&ev=Purchase', resourceType: 'Image', sourceUrl: shop })?.list).toBe('EasyPrivacy');
    expect(blocker.match({ url: 'https://www.googleadservices.com/pagead/conversion/1/?label=x', resourceType: 'Image', sourceUrl: shop })).toBeDefined();
    expect(blocker.match({ url: 'http://127.0.0.1:4000/assets/tags/runtime.js', resourceType: 'Script', sourceUrl: shop })).toBeUndefined();
    expect(blocker.match({ url: 'http://127.0.0.1:4000/checkout', resourceType: 'Document' })).toBeUndefined();
  });

  it('the compiled engine is cached and reused, and rebuilt when a list changes', async () => {
    expect(loadBlockingEngine(await lists, cacheDir).fromCache).toBe(true);
    const extraDir = fresh('extra');
    mkdirSync(extraDir, { recursive: true });
    const extra = { label: 'mine.txt', text: '||tags.example^\n', origin: 'test' };
    const withExtra = loadBlockingEngine([...(await lists), extra], cacheDir);
    expect(withExtra.fromCache).toBe(false);
    expect(withExtra.blocker.match({ url: 'https://tags.example/t.js', resourceType: 'Script', sourceUrl: 'https://shop.example/' })).toEqual({ rule: '||tags.example^', list: 'mine.txt', line: 1 });
  });
});
