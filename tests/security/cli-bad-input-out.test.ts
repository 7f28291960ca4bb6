import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downMonitor, expectRefused, tagwatch, tempDir } from './bad-input-support.ts';

const isRoot = process.getuid?.() === 0;

// --out is checked to be a folder tagwatch can write (or create) before anything runs. Before
// issue 15, audit and check got as far as the run folder's mkdir / scandir and printed a stack trace.
describe('--out that cannot hold reports: exit 2, one line, nothing run', () => {
  it.each(['audit', 'check'])('%s --out <a file>', (command) => {
    const dir = tempDir();
    const file = join(dir, 'reports.txt');
    writeFileSync(file, 'not a folder\n');
    const result = tagwatch([command, downMonitor(dir), '--out', file, '--base-url', 'http://127.0.0.1:9']);
    expectRefused(result, new RegExp(`^tagwatch: ${file} is a file instead of a folder, ${command} --out: a folder tagwatch can write reports to \\(created when missing\\)$`));
  });

  it.each(['audit', 'check'])('%s --out <a file>/sub (under a file: fails as root too)', (command) => {
    const dir = tempDir();
    const file = join(dir, 'reports.txt');
    writeFileSync(file, 'not a folder\n');
    const result = tagwatch([command, downMonitor(dir), '--out', join(file, 'sub'), '--base-url', 'http://127.0.0.1:9']);
    expectRefused(result, new RegExp(`^tagwatch: ${file} is a file, so ${join(file, 'sub')} cannot be created, ${command} --out: a folder tagwatch can write reports to`));
  });

  it.runIf(process.platform === 'linux')('audit --out under /proc, where nobody creates a folder, root included', () => {
    const result = tagwatch(['audit', downMonitor(tempDir()), '--out', '/proc/tagwatch-reports']);
    expectRefused(result, /^tagwatch: \/proc cannot be written to \(ENOENT\), audit --out \/proc\/tagwatch-reports: a folder tagwatch can write reports to/);
  });

  // As root (these tests' usual user) chmod does not stop writes: checking it there would assert something untrue.
  it.skipIf(isRoot)('audit --out <a folder without write permission> (skipped as root: root writes anyway)', () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const result = tagwatch(['audit', downMonitor(dir), '--out', locked]);
    expectRefused(result, new RegExp(`^tagwatch: ${locked} cannot be written to \\(EACCES\\), audit --out: `));
    expect(readdirSync(locked)).toEqual([]);
  });

  it('schedule --once --out <a file>/sub: refused before any audit is started', () => {
    const dir = tempDir();
    const file = join(dir, 'reports.txt');
    writeFileSync(file, 'x');
    const result = tagwatch(['schedule', downMonitor(dir), '--once', '--out', join(file, 'sub')]);
    expectRefused(result, new RegExp(`^tagwatch: ${file} is a file, so ${join(file, 'sub')} cannot be created, schedule --out: `));
  });

  it('history --out <a file>: no stack trace', () => {
    const dir = tempDir();
    const file = join(dir, 'reports.txt');
    writeFileSync(file, 'x');
    expectRefused(tagwatch(['history', '--out', file]), new RegExp(`^tagwatch: ${file} is a file instead of a folder, history --out: the report folder holding history.json`));
  });

});
