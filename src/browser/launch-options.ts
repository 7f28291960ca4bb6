import type { LaunchOptions } from 'playwright';
import { resolveChromium } from './resolve-chromium.ts';

/**
 * Flags for a closed network and for root. Without the background-networking ones Chromium
 * keeps dialling Google services that are unreachable here; consent banners such as some CMPs
 * hide from automated browsers unless AutomationControlled is off.
 */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-blink-features=AutomationControlled',
];

/** `--no-sandbox` only where it is needed: Chromium refuses to start its sandbox as root. */
function sandboxArgs(): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot || process.env.TAGWATCH_NO_SANDBOX === '1' ? ['--no-sandbox'] : [];
}

export interface BrowserOptions {
  /** Path to a Chromium/Chrome binary. Default: env TAGWATCH_CHROMIUM, Playwright's, then the system's. */
  executablePath?: string;
  /** Show the browser window. Default false. */
  headed?: boolean;
}

export function chromiumLaunchOptions(options: BrowserOptions = {}): LaunchOptions {
  const resolved = resolveChromium(options.executablePath);
  return {
    executablePath: resolved.executablePath,
    headless: !options.headed,
    args: [...CHROMIUM_ARGS, ...sandboxArgs()],
  };
}
