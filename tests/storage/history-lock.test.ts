import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { HistoryLockedError, withLock } from '../../src/storage/history-lock.ts';
import { openHistory } from '../../src/storage/history.ts';
import { verdict } from './verdicts.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tagwatch-lock-'));
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function lockBy(lockFile: string, pid: number, time = new Date().toISOString()): string {
  const text = JSON.stringify({ pid, host: hostname(), time, token: 'theirs' });
  writeFileSync(lockFile, text);
  return text;
}

/** A child process running `count` appends of runs `<prefix>-<i>` to the history. */
function appender(file: string, prefix: string, count: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'tests', 'storage', 'append-runs.ts'), file, prefix, String(count)], { cwd: PACKAGE_ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('history lock (one writer)', () => {
  it('holds pid and time while the update runs, and is gone after, also when the update throws', async () => {
    const lockFile = join(folder(), 'history.json.lock');
    let inside: { pid: number; time: string } | undefined;
    await withLock(lockFile, async () => {
      inside = JSON.parse(readFileSync(lockFile, 'utf8'));
    });
    expect(inside?.pid).toBe(process.pid);
    expect(Date.parse(inside!.time)).not.toBeNaN();
    expect(existsSync(lockFile)).toBe(false);
    await expect(withLock(lockFile, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a lock left by a process that has ended is taken over', async () => {
    const dir = folder();
    const file = join(dir, 'history.json');
    lockBy(`${file}.lock`, deadPid());
    const history = await openHistory(file, { lock: { waitMs: 5_000 } });
    await history.appendRun(verdict(1));
    expect((await openHistory(file)).runsOf('shop')).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('a lock older than the bound is taken over, even if its process lives', async () => {
    const lockFile = join(folder(), 'history.json.lock');
    lockBy(lockFile, process.pid, new Date(Date.now() - 10 * 60_000).toISOString());
    let ran = false;
    await withLock(lockFile, async () => {
      ran = true;
    }, { waitMs: 5_000, staleMs: 60_000 });
    expect(ran).toBe(true);
  });

  it('a lock held by a live process: bounded wait, then an error naming the lock file and its holder; the lock is left alone', async () => {
    const lockFile = join(folder(), 'history.json.lock');
    const text = lockBy(lockFile, process.pid);
    const attempt = withLock(lockFile, async () => 'ran', { waitMs: 300 });
    await expect(attempt).rejects.toThrow(HistoryLockedError);
    await expect(withLock(lockFile, async () => 'ran', { waitMs: 300 })).rejects.toThrow(new RegExp(`locked by process ${process.pid} .*lock file ${lockFile.replace(/[.]/g, '\\.')}.*delete the lock file`));
    expect(readFileSync(lockFile, 'utf8')).toBe(text);
  });

  it('a lock file whose content is garbage and old is taken over', async () => {
    const lockFile = join(folder(), 'history.json.lock');
    writeFileSync(lockFile, 'not json');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockFile, old, old);
    await expect(withLock(lockFile, async () => 'ran', { waitMs: 5_000 })).resolves.toBe('ran');
  });

  it('two processes appending 50 runs each at the same time: all 100 runs are in the history', async () => {
    const file = join(folder(), 'history.json');
    const [a, b] = await Promise.all([appender(file, 'a', 50), appender(file, 'b', 50)]);
    expect(a).toEqual({ code: 0, stderr: '' });
    expect(b).toEqual({ code: 0, stderr: '' });
    const history = await openHistory(file);
    expect(history.runsOf('shop-a').map((r) => r.runId).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `a-${i}`).sort());
    expect(history.runsOf('shop-b').map((r) => r.runId).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `b-${i}`).sort());
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
