import { defaultCacheDir, loadFilterLists } from '../conditions/adblock/filter-lists.ts';
import { aptInstall } from './apt-install.ts';

/**
 * The adblock condition needs EasyList and EasyPrivacy: a local copy, a download into the cache,
 * or Debian's uBlock Origin package, which ships both.
 */
export async function ensureFilterLists(log: (line: string) => void): Promise<void> {
  const options = { lists: ['easylist', 'easyprivacy'] as ('easylist' | 'easyprivacy')[], extraLists: [], cacheDir: defaultCacheDir(), allowDownload: true };
  try {
    const lists = await loadFilterLists(options);
    log(`filter lists: ${lists.map((l) => `${l.label} (${l.origin})`).join(', ')}`);
    return;
  } catch (error) {
    if (!aptInstall(['webext-ublock-origin-chromium'], log)) throw error;
  }
  const lists = await loadFilterLists(options);
  log(`filter lists: ${lists.map((l) => `${l.label} (${l.origin})`).join(', ')}`);
}
