import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../../user-error.ts';

/** The lists a real ad blocker ships with by default. */
export const KNOWN_LISTS = {
  easylist: { label: 'EasyList', file: 'easylist.txt', url: 'https://easylist.to/easylist/easylist.txt' },
  easyprivacy: { label: 'EasyPrivacy', file: 'easyprivacy.txt', url: 'https://easylist.to/easylist/easyprivacy.txt' },
} as const;
export type KnownList = keyof typeof KNOWN_LISTS;

/** Debian's uBlock Origin package ships both lists: a copy that works offline. */
export const DEBIAN_LISTS_DIR = '/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist';

export interface FilterList {
  /** Display name used in findings: "EasyPrivacy", or the extra file's name. */
  label: string;
  text: string;
  /** Where the text came from, for the run's diagnostics. */
  origin: string;
}

export interface FilterListOptions {
  lists: KnownList[];
  /** Extra filter list files (uBlock/ABP syntax). */
  extraLists: string[];
  /** Folder holding easylist.txt / easyprivacy.txt, tried first. */
  listsDir?: string;
  /** Where downloaded lists and compiled engines are kept. */
  cacheDir: string;
  /** Whether a download may be tried when no local copy exists. */
  allowDownload: boolean;
  /** The OS package's copy. Default: Debian's uBlock Origin package folder. */
  osListsDir?: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TAGWATCH_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tagwatch');
}

/**
 * Each list from, in order: the configured folder, the local cache, Debian's package, then a
 * download when the network allows (saved to the cache). Offline machines work from the first three.
 */
export async function loadFilterLists(options: FilterListOptions): Promise<FilterList[]> {
  const lists: FilterList[] = [];
  const cacheLists = join(options.cacheDir, 'filter-lists');
  for (const id of options.lists) {
    const known = KNOWN_LISTS[id];
    const candidates = [options.listsDir, cacheLists, options.osListsDir ?? DEBIAN_LISTS_DIR].filter((dir): dir is string => !!dir).map((dir) => join(dir, known.file));
    const local = candidates.find((path) => existsSync(path));
    if (local) {
      lists.push({ label: known.label, text: readFileSync(local, 'utf8'), origin: local });
      continue;
    }
    if (options.allowDownload) {
      const text = await download(known.url);
      if (text) {
        mkdirSync(cacheLists, { recursive: true });
        writeFileSync(join(cacheLists, known.file), text);
        lists.push({ label: known.label, text, origin: known.url });
        continue;
      }
    }
    throw new UserError(
      `Filter list ${known.label} not found (looked in ${candidates.join(', ')}${options.allowDownload ? `, and ${known.url} could not be downloaded` : ''}).\n` +
        `Put ${known.file} in a folder and set adblock.listsDir in the monitor, or install Debian's webext-ublock-origin-chromium package.`,
    );
  }
  for (const path of options.extraLists) {
    if (!existsSync(path)) throw new UserError(`Extra filter list ${path} (adblock.extraLists) does not exist.`);
    lists.push({ label: basename(path), text: readFileSync(path, 'utf8'), origin: path });
  }
  return lists;
}

async function download(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return undefined;
    const text = await response.text();
    // A captive portal or error page is not a filter list.
    return /^\[Adblock|^!/m.test(text.slice(0, 2000)) ? text : undefined;
  } catch {
    return undefined;
  }
}
