import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';

function tagwatch(args: string[]) {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'tagwatch-cli-')), timeout: 110_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('tagwatch CLI', () => {
  it('decode prints the canonical Meta purchase', () => {
    const { code, stdout } = tagwatch(['decode', 'https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=10&cd[currency]=EUR&eid=A1']);
    expect(code).toBe(0);
    const [event] = JSON.parse(stdout);
    expect(event).toMatchObject({ vendor: 'meta', eventName: 'Purchase', kind: 'purchase', value: 10, currency: 'EUR', eventId: 'A1', account: '1' });
  });

  it('decode splits a GA4 batched POST body into one event per line', () => {
    const { stdout } = tagwatch(['decode', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1', '--body', 'en=page_view\nen=purchase&ep.transaction_id=T1&epn.value=5&cu=EUR']);
    expect(JSON.parse(stdout).map((e: { eventName: string }) => e.eventName)).toEqual(['page_view', 'purchase']);
  });

  it('a bad monitor file: exit 2, the file, the field path and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-bad-'));
    const file = join(dir, 'bad.monitor.ts');
    writeFileSync(file, "export default { name: 'bad', repeat: -1, conditions: ['baseline', 'no-such-condition'], expect: { ga4: { eventName: 3 } } };\n");
    const { code, stderr } = tagwatch(['audit', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/repeat: /);
    expect(stderr).toMatch(/expect\.ga4\.eventName: .*string/i);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('an unknown condition or fault is named with the known ones, exit 2', () => {
    const { code, stderr } = tagwatch(['audit', '--conditions', 'no-such-condition', '--demo-faults', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/conditions\.0: unknown condition 'no-such-condition' \(known: .*baseline/);
    expect(stderr).toMatch(/site\.demo\.faults: .*nope.*ga4-purchase-missing/);
  });

  it('an unreachable site: inconclusive, exit 2, no browser started, site-unreachable finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-down-'));
    const file = join(dir, 'down.monitor.ts');
    writeFileSync(file, `export default { name: 'down', site: { baseUrl: 'http://127.0.0.1:${await closedPort()}' }, expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders', waitSeconds: 0 } };\n`);
    const out = join(dir, 'reports');
    const { code, stdout } = tagwatch(['audit', file, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toContain('INCONCLUSIVE');
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8'));
    expect(results.status).toBe('inconclusive');
    expect(results.findings.map((f: { kind: string }) => f.kind)).toContain('site-unreachable');
    expect(results.journeys).toEqual([]);
  });

  it('`tagwatch audit` of the demo shop exits 0 and prints the loss table', () => {
    const { code, stdout } = tagwatch(['audit', '--repeat', '1']);
    expect(stdout).toMatch(/vendor\s+condition\s+orders\s+tracked\s+lost/);
    expect(stdout).toContain('PASS');
    expect(code).toBe(0);
  });
});
