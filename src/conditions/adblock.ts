import { defineCondition } from './define-condition.ts';

/**
 * A visitor with an ad blocker: a real blocking engine on EasyList + EasyPrivacy decides every
 * request, in the same capture handler that sees unload beacons, so beacons are blocked as a
 * real blocker would block them.
 */
const adblock = defineCondition({
  id: 'adblock',
  description: 'desktop Chromium with an ad blocker (EasyList + EasyPrivacy), consent accepted',
  contextOptions: { viewport: { width: 1280, height: 800 }, locale: 'en-US' },
  consent: 'accept',
  lossIsExpected: true,
  async createBlocker(monitor) {
    // Loaded on demand: every worker imports the condition files, only adblock workers need the engine.
    const [{ loadBlockingEngine }, { defaultCacheDir, loadFilterLists }] = await Promise.all([
      import('./adblock/blocking-engine.ts'),
      import('./adblock/filter-lists.ts'),
    ]);
    const cacheDir = defaultCacheDir();
    const lists = await loadFilterLists({ ...monitor.adblock, cacheDir, allowDownload: process.env.TAGWATCH_OFFLINE !== '1' });
    return loadBlockingEngine(lists, cacheDir).blocker;
  },
});

// A separate statement: tsc (5.9) leaves the `.ts` of dynamic imports inside `export default <expression>` unrewritten.
export default adblock;
