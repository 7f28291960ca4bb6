import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { readRunLog } from '../../src/record/run-log.ts';
import { expectSameWhenReportedAgain } from '../support/audit.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';

const VENDORS = ['ga4', 'google-ads', 'meta', 'tiktok'];
/** The demo monitor's own carts (monitors/demo-shop.monitor.ts): one product, and three. */
const CARTS = [1, 3];

/** `tagwatch <args>` in a new empty folder (its `cwd`: reports/ lands there). */
function tagwatch(args: string[], timeout = 110_000) {
  const cwd = mkdtempSync(join(tmpdir(), 'tagwatch-cli-'));
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd, timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, cwd };
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
    const condition = tagwatch(['audit', '--conditions', 'no-such-condition']);
    expect(condition.code).toBe(2);
    expect(condition.stderr).toMatch(/conditions\.0: unknown condition 'no-such-condition' \(known: .*baseline/);
    const fault = tagwatch(['audit', '--demo-faults', 'nope']);
    expect(fault.code).toBe(2);
    expect(fault.stderr).toMatch(/--demo-faults: .*nope.*ga4-purchase-missing/);
  });

  it('an unreachable site: inconclusive, exit 2, no browser started, site-unreachable finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-down-'));
    const file = join(dir, 'down.monitor.ts');
    writeFileSync(file, `export default ${JSON.stringify({ name: 'down', site: { baseUrl: `http://127.0.0.1:${await closedPort()}` }, scenariosDir: DEMO_SCENARIOS_DIR, expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders', waitSeconds: 0 } })};\n`);
    const out = join(dir, 'reports');
    const { code, stdout } = tagwatch(['audit', file, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toContain('INCONCLUSIVE');
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8'));
    expect(results.status).toBe('inconclusive');
    expect(results.findings.map((f: { kind: string }) => f.kind)).toContain('site-unreachable');
    expect(results.journeys).toEqual([]);
  });

  it('a credential that is missing, or an unknown order field, fails at once with exit 2 and no run folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-creds-'));
    const file = join(dir, 'woo.monitor.ts');
    const orders = { source: 'woocommerce', url: 'https://shop.example', keyEnv: 'TAGWATCH_TEST_UNSET_KEY', secretEnv: 'TAGWATCH_TEST_UNSET_SECRET', tokenEnv: 'WC_TOKEN' };
    writeFileSync(file, `export default ${JSON.stringify({ name: 'woo', site: { baseUrl: 'https://shop.example' }, scenariosDir: DEMO_SCENARIOS_DIR, expect: { ga4: {} }, orders })};\n`);
    const out = join(dir, 'reports');
    const unknown = tagwatch(['audit', file, '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/orders\.tokenEnv: unknown field for order source 'woocommerce'/);
    writeFileSync(file, `export default ${JSON.stringify({ name: 'woo', site: { baseUrl: 'https://shop.example' }, scenariosDir: DEMO_SCENARIOS_DIR, expect: { ga4: {} }, orders: { ...orders, tokenEnv: undefined } })};\n`);
    const missing = tagwatch(['audit', file, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/orders\.keyEnv: environment variable TAGWATCH_TEST_UNSET_KEY is not set/);
    expect(missing.stderr).toMatch(/orders\.secretEnv: environment variable TAGWATCH_TEST_UNSET_SECRET is not set/);
    // Checked before anything starts: no run folder, so no journey ran (its time is the machine's, not asserted).
    expect(existsSync(out)).toBe(false);
  });

  it('a backend that does not answer ends the run before any journey: inconclusive, exit 2, the reason said', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-nobackend-'));
    // The site is a tiny server the monitor starts as its web server; the orders backend is a closed port.
    writeFileSync(join(dir, 'site.mjs'), "import { createServer } from 'node:http';\ncreateServer((q, r) => r.end('<h1>shop</h1>')).listen(Number(process.argv[2]), '127.0.0.1');\n");
    const file = join(dir, 'nobackend.monitor.ts');
    const monitor = {
      name: 'nobackend',
      site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: `node site.mjs {port}`, url: 'http://127.0.0.1:{port}/' } },
      scenariosDir: DEMO_SCENARIOS_DIR,
      expect: { ga4: {} },
      orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders' },
    };
    writeFileSync(file, `export default ${JSON.stringify(monitor)};\n`);
    const out = join(dir, 'reports');
    const { code, stdout } = tagwatch(['audit', file, '--out', out]);
    expect(stdout).not.toMatch(/Running \d+ journeys/);
    expect(code).toBe(2);
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8'));
    expect(results.status).toBe('inconclusive');
    expect(results.journeys).toEqual([]);
    expect(results.findings).toContainEqual(expect.objectContaining({ kind: 'backend-unreachable', message: expect.stringMatching(/^order source rest-json did not answer: .*no journey ran/) }));
  });

  it("`tagwatch audit` without a file audits each of the project's monitors, exit code the worst", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-project-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "shop" }\n');
    mkdirSync(join(dir, 'monitors'));
    for (const name of ['eu', 'us']) {
      const monitor = { name, site: { baseUrl: `http://127.0.0.1:${await closedPort()}` }, scenariosDir: DEMO_SCENARIOS_DIR, expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders' } };
      writeFileSync(join(dir, 'monitors', `${name}.monitor.ts`), `export default ${JSON.stringify(monitor)};\n`);
    }
    const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), 'audit'], { encoding: 'utf8', cwd: dir, timeout: 110_000 });
    expect(result.stdout).toMatch(/monitor 1\/2: monitors\/eu\.monitor\.ts[\s\S]*tagwatch eu · run [\s\S]*monitor 2\/2: monitors\/us\.monitor\.ts[\s\S]*tagwatch us · run /);
    expect(result.status).toBe(2);
  });

  it('`tagwatch report <run folder>` judges a recorded run again offline: its exit code, its reports; not a run folder: exit 2', () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'tagwatch-report-')), 'ga4-lost');
    cpSync(join(PACKAGE_ROOT, 'tests', 'fixtures', 'runs', 'ga4-lost-after-a-pass'), runDir, { recursive: true });
    const { code, stdout } = tagwatch(['report', runDir]);
    expect(stdout).toMatch(/tagwatch demo-shop · run \S+ · FAIL/);
    expect(readFileSync(join(runDir, 'results.json'), 'utf8')).toBe(readFileSync(join(PACKAGE_ROOT, 'tests', 'fixtures', 'runs', 'ga4-lost-after-a-pass', 'results.json'), 'utf8'));
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    expect(code).toBe(1);
    const notRun = tagwatch(['report', mkdtempSync(join(tmpdir(), 'tagwatch-empty-'))]);
    expect(notRun.stderr).toMatch(/has no run-settings\.json: it is not a tagwatch run folder/);
    expect(notRun.code).toBe(2);
  });

  // The demo monitor's baseline (its two carts, one product and three), as `npm start` runs it.
  it('`tagwatch audit` outside a project with monitors audits the demo shop: pass, exit 0, every vendor tracked every order, reports written', { timeout: 620_000 }, async () => {
    // Baseline only: what is tested is the fall-back to the demo monitor and a clean run's record;
    // its every condition is audited by the installed package's `init --demo` audit
    // (package.test.ts) and audit-adblock.
    const { code, stdout, cwd } = tagwatch(['audit', '--conditions', 'baseline'], 600_000);
    expect(stdout).toMatch(/no monitors\/\*\.monitor\.ts in this project: the embedded demo shop it is/);
    expect(stdout).toMatch(/vendor\s+condition\s+orders\s+tracked\s+lost/);
    expect(stdout).toMatch(/ga4\s+baseline\s+2\s+2\s+0\s+0\s+0%/);
    expect(stdout).toContain('PASS');
    expect(code).toBe(0);

    const verdict = JSON.parse(readFileSync(join(cwd, 'reports', 'latest', 'results.json'), 'utf8')) as Verdict;
    const runDir = join(cwd, 'reports', verdict.runId);
    expect(verdict.status).toBe('pass');
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdict.loss.map((r) => [r.vendor, r.condition, r.orders, r.lossRate])).toEqual(VENDORS.map((v) => [v, 'baseline', CARTS.length, 0]));
    expect(verdict.journeys.map((j) => j.variant?.items).sort()).toEqual(CARTS);
    for (const journey of verdict.journeys) {
      expect(journey.orderId).toMatch(/^DS-\d+$/);
      expect(journey.orderInBackend).toBe(true);
      expect(Object.values(journey.vendors)).toEqual(['tracked', 'tracked', 'tracked', 'tracked']);
    }
    expect(Object.keys(verdict)).toEqual(expect.arrayContaining(['runId', 'monitor', 'startedAt', 'finishedAt', 'status', 'journeys', 'loss', 'findings']));
    expect(verdict.journeys[0]!.hits[0]).toEqual(expect.objectContaining({ vendor: expect.any(String), eventName: expect.any(String), kind: expect.any(String) }));
    expect(existsSync(join(cwd, 'reports', 'latest', 'run-log.ndjson'))).toBe(true);
    // Each journey says where its time went, for `tagwatch bench`, and which worker ran it.
    const timings = readRunLog(runDir).events.flatMap((e) => (e.type === 'journey-timing' ? [e] : []));
    // The demo monitor's two workers ran one cart each (one worker serving many journeys: audit-adblock.test.ts).
    expect(timings.map((t) => t.worker).sort()).toEqual([0, 1]);
    expect(timings.map((t) => t.journeyId).sort()).toEqual(verdict.journeys.map((j) => j.journeyId).sort());
    for (const timing of timings) {
      expect(Object.keys(timing.phases).sort()).toEqual(['capture', 'consent', 'context', 'settle', 'steps', 'teardown']);
      expect(timing.phases.steps).toBeGreaterThan(0);
    }
    // The run folder is the record: judged again offline, the same verdict and reports, byte for byte.
    await expectSameWhenReportedAgain(runDir);
  });
});
