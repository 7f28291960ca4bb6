import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeFile } from '../package-paths.ts';
import { DIE_WITH_AUDIT_ENV } from '../process/parent-watchdog.ts';
import { killDescendants } from '../process/process-tree.ts';
import { openSiteGate, removeSiteGate, SITE_GATE_ENV } from '../process/site-gate.ts';

const require = createRequire(import.meta.url);

/** How long a cancelled runner gets to end itself and its workers before they are killed from here. */
const CANCEL_GRACE_MS = 5_000;

export interface JourneyRunOptions {
  runDir: string;
  /** The monitor's project: the runner works there, as it would in the user's own Playwright suite. */
  projectDir: string;
  headed?: boolean;
  /** Receives the runner's progress lines. */
  write: (text: string) => void;
}

/** A Playwright runner started ahead of the site: its journeys wait for `start()`. */
export interface PendingJourneys {
  /** The site and its backend answer: the journeys run. Resolves with the runner's exit code. */
  start(): Promise<number>;
  /**
   * The site never came up: the runner ends (no browser was started) and nothing it printed is
   * shown. Does nothing once `start()` was called, or the second time.
   */
  cancel(): Promise<void>;
}

/**
 * Starts the journeys as a Playwright Test child process, held before any browser starts: the
 * runner and its workers load (seconds on a small machine) while the site comes up. A crashed
 * browser or worker ends that process, never the audit, which still reconciles what the run log holds.
 */
export function prepareJourneys(options: JourneyRunOptions): PendingJourneys {
  const cli = join(require.resolve('playwright/package.json'), '..', 'cli.js');
  const gate = join(tmpdir(), `tagwatch-site-gate-${basename(options.runDir)}-${process.pid}`);
  removeSiteGate(gate);
  // tagwatch's own config, wherever tagwatch is installed: it builds the projects from the run's settings.
  const child = spawn(process.execPath, [cli, 'test', '--config', codeFile('playwright.config')], {
    cwd: options.projectDir,
    env: {
      ...process.env,
      TAGWATCH_RUN_DIR: options.runDir,
      TAGWATCH_HEADED: options.headed ? '1' : '0',
      // Playwright's own HTML report would open a browser at the end; ours is the verdict.
      PW_TEST_HTML_REPORT_OPEN: 'never',
      FORCE_COLOR: '0',
      // The runner watches its stdin (a pipe only this process writes to): when this process dies,
      // however, the runner ends its workers and browsers (src/process/parent-watchdog.ts).
      [DIE_WITH_AUDIT_ENV]: '1',
      [SITE_GATE_ENV]: gate,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A runner that ended first (a load error) closed its end: closing ours must not throw.
  child.stdin.on('error', () => undefined);
  // What the runner prints before the gate opens ("Running 8 journeys...") is said once the site is
  // up; undefined once start() or cancel() was called.
  let held: string[] | undefined = [];
  const print = (chunk: Buffer) => (held ? held.push(chunk.toString()) : options.write(chunk.toString()));
  child.stdout.on('data', print);
  child.stderr.on('data', print);
  const ended = new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => removeSiteGate(gate));
  return {
    start() {
      for (const text of held ?? []) options.write(text);
      held = undefined;
      openSiteGate(gate);
      return ended;
    },
    async cancel() {
      if (!held) return;
      held = undefined;
      // The runner's watchdog ends it and its workers when its stdin closes (src/process/parent-watchdog.ts).
      child.stdin.end();
      const stopped = await Promise.race([ended.then(() => true), sleep(CANCEL_GRACE_MS).then(() => false)]);
      if (!stopped && child.pid !== undefined) {
        killDescendants(child.pid);
        child.kill('SIGKILL');
      }
      await ended;
    },
  };
}

/** Runs the journeys of a site that already answers. Resolves with the runner's exit code. */
export function runJourneys(options: JourneyRunOptions): Promise<number> {
  return prepareJourneys(options).start();
}
