import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

/** Where the Chromium to drive came from, for logs and error messages. */
export interface ResolvedBrowser {
  executablePath: string | undefined;
  source: 'explicit' | 'env' | 'playwright' | 'system';
}

/** System browsers, in order of preference; Debian's chromium first since it is what CI installs. */
const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `No Chromium found (${detail}).\n` +
        'Get one either way:\n' +
        '  - Playwright\'s own build:   npx playwright install chromium\n' +
        '  - your OS package:          sudo apt-get install chromium   (or install Google Chrome)\n' +
        'or point tagwatch at a browser: TAGWATCH_CHROMIUM=/path/to/chromium',
    );
    this.name = 'BrowserNotFoundError';
  }
}

/**
 * Explicit path (monitor option), then env TAGWATCH_CHROMIUM, then Playwright's installed
 * Chromium, then a system Chromium/Chrome. Never hard-codes one browser: users' laptops have
 * Playwright's build, closed CI machines have the OS package.
 */
export function resolveChromium(explicitPath?: string, env: NodeJS.ProcessEnv = process.env): ResolvedBrowser {
  if (explicitPath) {
    if (!existsSync(explicitPath)) throw new BrowserNotFoundError(`the monitor's browser.executablePath ${explicitPath} does not exist`);
    return { executablePath: explicitPath, source: 'explicit' };
  }
  const fromEnv = env.TAGWATCH_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new BrowserNotFoundError(`TAGWATCH_CHROMIUM=${fromEnv} does not exist`);
    return { executablePath: fromEnv, source: 'env' };
  }
  const bundled = playwrightChromiumPath();
  if (bundled && existsSync(bundled)) return { executablePath: bundled, source: 'playwright' };
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, source: 'system' };
  throw new BrowserNotFoundError('no TAGWATCH_CHROMIUM, no Playwright browser download, no system Chromium or Chrome');
}

function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
