import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { aptInstall } from './apt-install.ts';
import { BrowserNotFoundError, resolveChromium, type ResolvedBrowser } from '../browser/resolve-chromium.ts';

const require = createRequire(import.meta.url);

function tryResolve(): ResolvedBrowser | undefined {
  try {
    return resolveChromium();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return undefined;
    throw error;
  }
}

function run(command: string, args: string[], timeoutMs: number): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs });
  return result.status === 0;
}

/**
 * Makes sure a Chromium exists: keeps whatever is there (TAGWATCH_CHROMIUM, Playwright's build,
 * the system's), else tries Playwright's download, else the OS package where we may install one.
 */
export function ensureBrowser(log: (line: string) => void): ResolvedBrowser {
  const found = tryResolve();
  if (found) {
    log(`browser: ${found.executablePath} (${found.source})`);
    return found;
  }
  log('browser: none found, trying Playwright\'s Chromium download...');
  const cli = join(require.resolve('playwright/package.json'), '..', 'cli.js');
  if (run(process.execPath, [cli, 'install', 'chromium'], 10 * 60_000)) {
    const downloaded = tryResolve();
    if (downloaded) return downloaded;
  }
  if (aptInstall(['chromium'], log)) {
    const installed = tryResolve();
    if (installed) return installed;
  }
  // Nothing worked: the resolver's message names both ways to get a browser.
  return resolveChromium();
}
