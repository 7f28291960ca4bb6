import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PACKAGE_DIR } from '../../src/package-paths.ts';

/** What a `tagwatch` process left: exit code, stdout, stderr. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/tagwatch.js <args>` in a fresh folder (or `cwd`). Bad input is refused in seconds; the timeout only guards a hang. */
export function tagwatch(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(PACKAGE_DIR, 'bin', 'tagwatch.js'), ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? tempDir(),
    timeout: 25_000,
    env: { ...process.env, TAGWATCH_HISTORY_FILE: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tagwatch-bad-input-'));
}

/**
 * Refused as bad input: exit 2, one line on stderr, `tagwatch: <what is wrong>, <where>: <what is
 * accepted>` matching `line`, no stack trace, nothing on stdout (no site, browser or run started).
 */
export function expectRefused(result: CliResult, line: RegExp): void {
  const lines = result.stderr.split('\n').filter((l) => l.length > 0);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(lines, `stderr: ${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^tagwatch: .+, .+: .+/);
  expect(lines[0]).toMatch(line);
  expect(result.stdout).toBe('');
  expect(result.code).toBe(2);
}

/**
 * A monitor whose site is a closed port and whose orders backend too: an audit that gets past the
 * checks ends in seconds as inconclusive, without a browser. A bad flag must be refused before that.
 */
export function downMonitor(dir: string, site: Record<string, unknown> = { baseUrl: 'http://127.0.0.1:9' }): string {
  const file = join(dir, 'down.monitor.ts');
  const monitor = { name: 'down', site, scenariosDir: join(PACKAGE_DIR, 'scenarios'), expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders', waitSeconds: 0 } };
  writeFileSync(file, `export default ${JSON.stringify(monitor)};\n`);
  return file;
}

/** No run folder was written under `out`: the input was refused before the run began. */
export function expectNoRun(out: string): void {
  const runs = existsSync(out) ? readdirSync(out).filter((name) => /^\d{8}-\d{6}-/.test(name)) : [];
  expect(runs).toEqual([]);
}
