import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { codeFile } from '../package-paths.ts';
import { DIE_WITH_AUDIT_ENV } from '../process/parent-watchdog.ts';

const require = createRequire(import.meta.url);

export interface JourneyRunOptions {
  runDir: string;
  /** The monitor's project: the runner works there, as it would in the user's own Playwright suite. */
  projectDir: string;
  headed?: boolean;
  /** Receives the runner's progress lines. */
  write: (text: string) => void;
}

/**
 * Runs the journeys as a Playwright Test child process: a crashed browser or worker ends that
 * process, never the audit, which still reconciles what the run log holds.
 */
export function runJourneys(options: JourneyRunOptions): Promise<number> {
  const cli = join(require.resolve('playwright/package.json'), '..', 'cli.js');
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
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => options.write(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => options.write(chunk.toString()));
  return new Promise((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
