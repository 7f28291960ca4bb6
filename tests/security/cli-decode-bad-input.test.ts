import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';

/**
 * Issue 15, bad input to `tagwatch decode`: each is one line on stderr naming the file or flag and
 * what it accepts, exit code 2, no stack trace. `tagwatch decode` runs as a process, as a user runs it.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tagwatch-decode-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const HAR = /a HAR file \(JSON with log\.entries/;
const JSONL = /a JSONL file, one \{"url","method","body"\} object per line/;

function decode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'tagwatch.js'), 'decode', ...args], { cwd: ROOT, timeout: 60_000, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Exit 2 and exactly one line on stderr, `tagwatch: ...`, matching every pattern given; no stack trace. */
async function refused(args: string[], ...patterns: RegExp[]): Promise<string> {
  const { code, stderr } = await decode(args);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.split('\n').filter(Boolean), stderr).toHaveLength(1);
  expect(stderr).toMatch(/^tagwatch: /);
  for (const pattern of patterns) expect(stderr).toMatch(pattern);
  expect(code).toBe(2);
  return stderr;
}

/** A file of `size` bytes that takes no disk: a hole (NUL bytes when read), then `tail` written at its end. */
function sparseFile(name: string, size: number, head = '', tail = ''): string {
  const path = join(dir, name);
  writeFileSync(path, head);
  if (tail) {
    const fd = openSync(path, 'r+');
    writeSync(fd, tail, size);
    closeSync(fd);
  } else {
    truncateSync(path, size);
  }
  return path;
}

describe('HAR files', () => {
  test('a HAR holding null: the file and what --har accepts', async () => {
    const file = join(dir, 'null.har');
    writeFileSync(file, 'null\n');
    await refused(['--har', file], new RegExp(`${file} holds null, not a HAR, --har: `), HAR);
  });

  test('a folder given as the HAR', async () => {
    const folder = join(dir, 'a-folder.har');
    mkdirSync(folder, { recursive: true });
    await refused(['--har', folder], new RegExp(`${folder} is a folder, --har: `), HAR);
  });

  test('malformed JSON, its parser\'s complaint on the same line even when it quotes several lines', async () => {
    const file = join(dir, 'broken.har');
    writeFileSync(file, '[1,\n2,,\n3]\n');
    await refused(['--har', file], new RegExp(`${file} is not JSON \\(.*\\), --har: `), HAR);
  });

  test('entries that are null or without a request are skipped, the rest decoded', async () => {
    const file = join(dir, 'holes.har');
    const url = 'https://www.facebook.com/tr/?id=7&ev=PageView';
    writeFileSync(file, JSON.stringify({ log: { entries: [null, 3, { request: null }, { request: { url: 42 } }, { request: { url, method: 1, postData: null } }] } }));
    const { code, stdout, stderr } = await decode(['--har', file, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ url, events: [expect.objectContaining({ vendor: 'meta', account: '7', eventName: 'PageView' })] }]);
  });

  test('a HAR of 600 MiB is refused by its size before it is read (no file of that size is written: a sparse one)', async () => {
    const file = sparseFile('huge.har', 600 * MIB, '{"log":{"entries":[');
    await refused(['--har', file], new RegExp(`${file} is 600 MiB, more than the 500 MiB tagwatch reads as one HAR, --har: `), HAR);
  });
});

describe('JSONL files', () => {
  test('a folder given as the JSONL', async () => {
    await refused(['--jsonl', dir], new RegExp(`${dir} is a folder, --jsonl: `), JSONL);
  });

  test('a line of 600 MiB is skipped as it streams, its output line says why, the lines around it are decoded, exit 2', { timeout: 90_000 }, async () => {
    const first = JSON.stringify({ url: 'https://www.facebook.com/tr/?id=1&ev=PageView' });
    const last = JSON.stringify({ url: 'https://www.facebook.com/tr/?id=2&ev=Purchase&cd[value]=3&cd[currency]=EUR' });
    // Line 2 is 600 MiB of NUL bytes (a hole in a sparse file): more than Node can hold as one string.
    const file = sparseFile('huge-line.jsonl', 600 * MIB, `${first}\n`, `\n${last}\n`);
    const { code, stdout, stderr } = await decode(['--jsonl', file]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^tagwatch: ${file} line 2 is longer than 64 MiB and was not read, --jsonl: .*each at most 64 MiB`))]);
    expect(code).toBe(2);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { events: { eventName: string }[]; error?: string });
    expect(lines.map((line) => line.events.map((event) => event.eventName))).toEqual([['PageView'], [], ['Purchase']]);
    expect(lines[1]!.error).toBe('line 2: longer than 64 MiB, the most tagwatch reads as one request; not read');
  });
});

describe('flags', () => {
  test('an unknown flag is exit 2 and names it', async () => {
    await refused(['--nope'], /'--nope'/, /decode/);
  });

  test('a flag without its value', async () => {
    await refused(['--har'], /--har/);
  });

  test('flags that do not go together are said before anything is read', async () => {
    await refused(['--json'], /^tagwatch: --json given without --har, decode: /);
    await refused(['--har', 'a.har', '--jsonl', 'b.jsonl'], /^tagwatch: --har and --jsonl both given, decode: one input at a time/);
    await refused(['https://www.facebook.com/tr/?id=1&ev=PageView', '--jsonl', 'b.jsonl'], /^tagwatch: a URL \('https:\/\/www\.facebook\.com\/tr\/\?id=1&ev=PageView'\) and --jsonl both given, decode: /);
    await refused(['--jsonl', 'b.jsonl', '--body', 'en=x'], /^tagwatch: --body given with --jsonl, decode: --body goes with a URL/);
  });
});
