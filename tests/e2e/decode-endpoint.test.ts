import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';

function tagwatch(args: string[]) {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'tagwatch-cli-')), timeout: 110_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SGTM = 'https://shop.example/sgtm/data?v=2&tid=G-DEMO0SHOP1&cid=1.2';
const BODY = 'en=page_view\nen=purchase&ep.transaction_id=DS-7&epn.value=54.7&cu=EUR';

describe('tagwatch decode --endpoint', () => {
  it('decodes a server-side GTM URL as the named vendor; without the option nothing claims it', () => {
    const plain = tagwatch(['decode', SGTM, '--body', BODY]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual([]);
    expect(plain.stderr).toContain('No vendor recognised this request.');

    const declared = tagwatch(['decode', SGTM, '--body', BODY, '--endpoint', 'meta=https://shop.example/fbp', '--endpoint', 'ga4=https://shop.example/sgtm/data']);
    expect(declared.code).toBe(0);
    expect(JSON.parse(declared.stdout).map((e: { vendor: string; eventName: string; transactionId?: string }) => [e.vendor, e.eventName, e.transactionId])).toEqual([
      ['ga4', 'page_view', undefined],
      ['ga4', 'purchase', 'DS-7'],
    ]);
  });

  it('a path-only endpoint matches that path on any host; the prefix stops at a path segment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-jsonl-'));
    const input = join(dir, 'requests.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ url: 'http://127.0.0.1:5555/sgtm/data?v=2&tid=G-1', method: 'POST', body: 'en=purchase&ep.transaction_id=T1' }),
        JSON.stringify({ url: 'http://127.0.0.1:5555/sgtm/database?v=2&tid=G-1', method: 'POST', body: 'en=purchase&ep.transaction_id=T2' }),
      ].join('\n') + '\n',
    );
    const { code, stdout } = tagwatch(['decode', '--jsonl', input, '--endpoint', 'ga4=/sgtm/data']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { events: { vendor: string; transactionId?: string }[] });
    expect(lines.map((line) => line.events.map((e) => `${e.vendor}:${e.transactionId}`))).toEqual([['ga4:T1'], []]);
  });

  it('an unknown vendor or a malformed entry: exit 2, what was wrong and what is accepted', () => {
    const unknown = tagwatch(['decode', SGTM, '--endpoint', 'google-analytics=https://shop.example/sgtm/data']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--endpoint google-analytics=https:\/\/shop\.example\/sgtm\/data: unknown vendor 'google-analytics' \(known: .*\bga4\b/);
    const relative = tagwatch(['decode', SGTM, '--endpoint', 'ga4=sgtm/data']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toMatch(/--endpoint ga4=sgtm\/data: 'sgtm\/data' is neither an absolute http\(s\) URL nor a path starting with '\/'/);
    const shape = tagwatch(['decode', SGTM, '--endpoint', 'https://shop.example/sgtm/data']);
    expect(shape.code).not.toBe(0);
    expect(shape.stderr).toMatch(/expected <vendor>=<url or \/path>/);
    expect(`${unknown.stderr}${relative.stderr}`).not.toMatch(/at .*\.ts:\d+/);
  });
});
