import type { LaunchOptions } from 'playwright';
import { CHROMIUM_ARGS } from './chromium-args.ts';
import { resolveChromium } from './resolve-chromium.ts';

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
