import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downMonitor, expectNoRun, expectRefused, tagwatch, tempDir } from './bad-input-support.ts';

const isRoot = process.getuid?.() === 0;

// A history tagwatch cannot read is named with what to do, before anything runs, and is never
// replaced. Before issue 15, an audit or a check went on without it (the run not stored, the
// release check without its baseline), with only a diagnostic line in the verdict.
describe('a run history that cannot be read: exit 2, one line naming the file', () => {
  it.each(['audit', 'check'])('%s: history.json is a folder', (command) => {
    const dir = tempDir();
    const out = join(dir, 'reports');
    mkdirSync(join(out, 'history.json'), { recursive: true });
    writeFileSync(join(out, 'history.json', 'keep.txt'), 'mine');
    const result = tagwatch([command, downMonitor(dir), '--out', out, '--base-url', 'http://127.0.0.1:9']);
    expectRefused(result, new RegExp(`^tagwatch: the run history is a folder instead of a file, ${join(out, 'history.json')} \\(--out ${out}\\): move that folder away, or set TAGWATCH_HISTORY_FILE to the history file$`));
    expectNoRun(out);
    expect(readFileSync(join(out, 'history.json', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('audit: TAGWATCH_HISTORY_FILE is a folder; the variable is named', () => {
    const dir = tempDir();
    const history = join(dir, 'somewhere');
    mkdirSync(history);
    const result = tagwatch(['audit', downMonitor(dir), '--out', join(dir, 'reports')], { env: { TAGWATCH_HISTORY_FILE: history } });
    expectRefused(result, new RegExp(`^tagwatch: the run history is a folder instead of a file, TAGWATCH_HISTORY_FILE=${history}: `));
  });

  it('history: history.json is a folder, the message says what to do', () => {
    const out = tempDir();
    mkdirSync(join(out, 'history.json'));
    expectRefused(tagwatch(['history', '--out', out]), new RegExp(`^tagwatch: the run history is a folder instead of a file, ${join(out, 'history.json')} \\(--out ${out}\\): move that folder away`));
    expect(statSync(join(out, 'history.json')).isDirectory()).toBe(true);
  });

  // As root chmod 000 does not stop reads: skipped there rather than asserting something untrue.
  it.skipIf(isRoot)('audit: history.json without read permission is left as it is (skipped as root: root reads anyway)', () => {
    const dir = tempDir();
    const out = join(dir, 'reports');
    mkdirSync(out);
    const file = join(out, 'history.json');
    writeFileSync(file, '{"version":1,"runs":[],"monitors":{}}');
    chmodSync(file, 0o000);
    const result = tagwatch(['audit', downMonitor(dir), '--out', out]);
    expectRefused(result, new RegExp(`^tagwatch: the run history cannot be read \\(EACCES\\), ${file} \\(--out ${out}\\): `));
    chmodSync(file, 0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"runs":[],"monitors":{}}');
    expect(readdirSync(out)).toEqual(['history.json']);
  });
});
