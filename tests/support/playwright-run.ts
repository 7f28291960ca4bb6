import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs tagwatch's Playwright config as the audit does, in `projectDir`, on the run whose settings
 * are in `runDir` (TAGWATCH_RUN_DIR): the journeys with the real fixtures and collectors.
 */
export function runTagwatchPlaywright(projectDir: string, runDir: string): Promise<{ exitCode: number | null; output: string }> {
  const cli = join(createRequire(import.meta.url).resolve('playwright/package.json'), '..', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', '--config', join(REPO, 'playwright.config.ts')], {
      cwd: projectDir,
      env: { ...process.env, TAGWATCH_RUN_DIR: runDir, TAGWATCH_HEADED: '0', FORCE_COLOR: '0', PW_TEST_HTML_REPORT_OPEN: 'never' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code, output: text }));
  });
}
