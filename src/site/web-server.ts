import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TAGWATCH_PATH_DIR } from '../package-paths.ts';
import type { Monitor } from '../monitor/schema.ts';
import { checkSiteReachable } from './site-check.ts';
import { WATCHDOG_SOURCE } from './web-server-watchdog.ts';

export type WebServerSettings = NonNullable<Monitor['site']['webServer']>;

export interface WebServerOptions {
  /** The project folder: its node_modules/.bin goes on the command's PATH, as in an npm script. */
  projectDir: string;
  /** URL polled when webServer.url is not set. */
  baseUrl: string;
  /** The command's stdout and stderr go there (the run folder's web-server.log). */
  logFile: string;
  /** The run's folder, given to the command as TAGWATCH_RUN_DIR (a place for its own files of the run). */
  runDir?: string;
  /** Environment variables on top of tagwatch's own and webServer.env (the CLI's --demo-faults). */
  env?: Record<string, string>;
}

/** A site tagwatch started, or found already running (reuseExistingServer). */
export interface RunningWebServer {
  url: string;
  /** True when something already answered and tagwatch started nothing. */
  reused: boolean;
  /** Stops the command and every process it started; bounded, safe to call twice. */
  stop(): Promise<void>;
}

/** The site's command did not bring the site up: why, with the end of its output. */
export class WebServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebServerError';
  }
}

const POLL_MS = 200;
const STOP_GRACE_MS = 5_000;

/**
 * Starts the site like Playwright's webServer: the command runs in a shell in a process group of
 * its own (so stopping it stops what it started, and only that), then `url` is polled until it
 * answers below HTTP 500. A command that exits first, or a site that stays silent past the
 * timeout, is a WebServerError carrying the command's last output lines.
 */
export async function startWebServer(settings: WebServerSettings, options: WebServerOptions): Promise<RunningWebServer> {
  const url = settings.url ?? options.baseUrl;
  if (!(await checkSiteReachable(url, 2_000))) {
    if (settings.reuseExistingServer) return { url, reused: true, stop: async () => {} };
    throw new WebServerError(`${url} already answers before site.webServer.command started: another server runs there. Stop it, or set site.webServer.reuseExistingServer: true to audit it.`);
  }
  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    // Through the watchdog, which leads the site's process group and ends it once our end of its
    // stdin closes: the site never outlives the audit, even one killed outright.
    child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, settings.command], {
      cwd: settings.cwd ?? options.projectDir,
      detached: true,
      stdio: ['pipe', log, log],
      // TAGWATCH_NODE: the `tagwatch` shim runs with the Node running this audit.
      env: { ...process.env, TAGWATCH_NODE: process.execPath, ...(options.runDir ? { TAGWATCH_RUN_DIR: options.runDir } : {}), ...settings.env, ...options.env, PATH: commandPath(options.projectDir) },
    });
  } finally {
    closeSync(log);
  }
  const group = new ProcessGroup(child);
  const deadline = Date.now() + settings.timeoutSeconds * 1000;
  for (;;) {
    if (group.exited) {
      throw new WebServerError(`site.webServer.command \`${settings.command}\` exited (${group.exitDescription}) before ${url} answered.${lastLines(options.logFile)}`);
    }
    if (!(await checkSiteReachable(url, 2_000))) return { url, reused: false, stop: () => group.stop() };
    if (Date.now() > deadline) {
      await group.stop();
      throw new WebServerError(`${url} did not answer within ${settings.timeoutSeconds} s of starting \`${settings.command}\` (site.webServer.timeoutSeconds).${lastLines(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The project's node_modules/.bin first, then a `tagwatch` shim (tagwatch's own repository has no .bin entry for itself). */
function commandPath(projectDir: string): string {
  return [join(projectDir, 'node_modules', '.bin'), TAGWATCH_PATH_DIR, process.env.PATH ?? ''].join(delimiter);
}

function lastLines(logFile: string, count = 15): string {
  if (!existsSync(logFile)) return '';
  const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-count);
  return lines.length && lines[0] ? `\nIts last output (${logFile}):\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
}

/** The site's process group, led by the watchdog: stopped by closing the watchdog's stdin. */
class ProcessGroup {
  exited = false;
  exitDescription = '';
  readonly #child: ChildProcess;
  readonly #ended: Promise<void>;
  #stopping: Promise<void> | undefined;

  constructor(child: ChildProcess) {
    this.#child = child;
    this.#ended = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        this.exitDescription = signal ? `signal ${signal}` : `exit code ${code}`;
        resolve();
      });
      child.once('error', (error) => {
        this.exited = true;
        this.exitDescription = error.message;
        resolve();
      });
    });
    // Our end of the pipe must not keep tagwatch alive, nor a write error on it crash tagwatch.
    child.stdin?.on('error', () => {});
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    child.unref();
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      // Waited for: the process must not end (exit code 13, a top-level await left pending) before the site has.
      this.#child.ref();
      this.#child.stdin?.end();
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([this.#ended.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), STOP_GRACE_MS + 2_000)))]);
      clearTimeout(timer);
      // A watchdog that did not finish its job in time: the group is ended from here.
      if (!ended && this.#child.pid !== undefined) {
        try {
          process.kill(-this.#child.pid, 'SIGKILL');
        } catch {
          // The group is already gone.
        }
      }
    })();
    return this.#stopping;
  }
}
