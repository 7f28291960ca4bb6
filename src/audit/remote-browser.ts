import type { LaunchOptions } from 'playwright';
import { CHROMIUM_ARGS } from '../browser/chromium-args.ts';
import type { Monitor } from '../monitor/schema.ts';

/** Env variable naming a Playwright server for the journeys' browsers; wins over the monitor's. */
export const WS_ENDPOINT_ENV = 'TAGWATCH_WS_ENDPOINT';

/**
 * The Playwright server the journeys connect to, or undefined to launch Chromium here. The env
 * variable wins: CI points the same monitor at its own server, and a token in that URL never
 * reaches run-settings.json (which is copied to reports/ and uploaded as an artifact).
 */
export function remoteEndpoint(monitor: Monitor, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[WS_ENDPOINT_ENV] || monitor.browser.wsEndpoint;
}

/** What is wrong with TAGWATCH_WS_ENDPOINT, as a `field: problem` line; undefined when fine or unset. */
export function wsEndpointEnvProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[WS_ENDPOINT_ENV];
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    return `${WS_ENDPOINT_ENV}: not a URL; expected ws://host:port/ of a Playwright server (npx playwright run-server)`;
  }
  return protocol === 'ws:' || protocol === 'wss:' ? undefined : `${WS_ENDPOINT_ENV}: expected a ws:// or wss:// URL, got ${protocol}//...`;
}

/** scheme://host:port of an endpoint, for messages: no credentials, path or query (they may hold a token). */
export function describeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the browser server';
  }
}

/**
 * Launch options for a browser the Playwright server starts: Playwright Test sends them in the
 * `x-playwright-launch-options` header of `connect()`. A server started with `--unsafe` applies
 * `args` and `executablePath`; any other keeps only headless/proxy/timeout and runs its own
 * Chromium (Playwright's build, as in its Docker image). Only an explicitly named binary (monitor
 * or TAGWATCH_CHROMIUM) is asked for: a path found on this machine may not exist on the server's.
 * `--no-sandbox` is Playwright's default there already.
 */
export function remoteLaunchOptions(options: { executablePath?: string; headed?: boolean }, env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const executablePath = options.executablePath ?? env.TAGWATCH_CHROMIUM;
  return {
    ...(executablePath ? { executablePath } : {}),
    headless: !options.headed,
    args: [...CHROMIUM_ARGS],
  };
}
