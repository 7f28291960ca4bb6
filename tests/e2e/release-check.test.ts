import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import demoMonitor from '../../monitors/demo-shop.monitor.ts';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { runAudit } from '../../src/audit/run-audit.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { openHistory } from '../../src/storage/history.ts';

const ORDERS_ENV = 'CHECK_ORDERS_URL';

/** The CLI as a child process; async, since the shop it checks runs in this process. */
function tagwatch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'tagwatch-check-cwd-')),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function results(runDir: string): Verdict {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
}

describe('tagwatch check: a release gate against the production baseline (real Chromium, demo shops)', () => {
  let dir: string;
  let outDir: string;
  let monitorFile: string;
  let baselineRunId: string;
  let shop: DemoShop | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagwatch-check-'));
    outDir = join(dir, 'reports');
    monitorFile = join(dir, 'shop.monitor.ts');
    // One monitor for production and staging, as a shop would keep it: the staging backend comes from the environment.
    const monitor = { ...demoMonitor, conditions: ['baseline'], variants: {}, repeat: 1, browser: { workers: 1 } };
    writeFileSync(monitorFile, `const monitor = ${JSON.stringify(monitor)};\nif (process.env.${ORDERS_ENV}) monitor.orders.url = process.env.${ORDERS_ENV};\nexport default monitor;\n`);
    // Production: a clean demo shop, audited, is the baseline in the history. It runs in this
    // process, as the staging shops do (the monitor's web server, a process of its own, is
    // audit-demo's to prove), its backend given as the monitor file reads it.
    const productionShop = await startDemoShop();
    process.env[ORDERS_ENV] = productionShop.ordersUrl;
    try {
      const production = await runAudit({ monitorFile, outDir, baseUrl: productionShop.url, write: () => undefined });
      expect(production.verdict.status).toBe('pass');
      expect(production.verdict.baseUrl).toBe(productionShop.url);
      baselineRunId = production.verdict.runId;
    } finally {
      delete process.env[ORDERS_ENV];
      await productionShop.close();
    }
  }, 300_000);

  afterEach(async () => {
    await shop?.close();
    shop = undefined;
  });

  it('a staging shop that lost the GA4 purchase: exit 1, the regression named in one line, in JUnit, stored as a check', { timeout: 300_000 }, async () => {
    shop = await startDemoShop({ faults: ['ga4-purchase-missing'] });
    const junit = join(dir, 'ci', 'junit.xml');
    const { code, stdout, stderr } = await tagwatch(['check', monitorFile, '--base-url', shop.url, '--out', outDir, '--junit', junit], { [ORDERS_ENV]: shop.ordersUrl });
    expect(stderr).toBe('');
    const line = `ga4: purchase lost 100% under baseline (baseline run ${baselineRunId}: 0%)`;
    expect(stdout).toContain(`against production run ${baselineRunId}`);
    expect(stdout).toContain(`REGRESSION ${line}`);
    expect(stdout).toMatch(/Release check: FAIL \(exit 1\)/);
    expect(code).toBe(1);

    // The regression is a finding of the verdict: results.json and the JUnit file CI reads carry it.
    const history = await openHistory(join(outDir, 'history.json'));
    const [check] = history.runsOf('demo-shop', { includeChecks: true }).filter((run) => run.kind === 'check');
    const verdict = results(join(outDir, check!.runId));
    expect(verdict).toMatchObject({ kind: 'check', status: 'fail', baseUrl: shop.url });
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'regression', vendor: 'ga4', condition: 'baseline', message: line }));
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(`<failure message="${line}" type="regression">`);
    expect(xml).toBe(readFileSync(join(outDir, check!.runId, 'junit.xml'), 'utf8'));

    // Production's baseline and last run are still the production audit.
    expect(history.lastPassingRun('demo-shop')?.runId).toBe(baselineRunId);
    expect(history.lastRun('demo-shop')?.runId).toBe(baselineRunId);
    expect(check).toMatchObject({ kind: 'check', status: 'fail' });
  });

  it('a clean staging shop: exit 0, no regression; the passing check does not become the baseline', { timeout: 300_000 }, async () => {
    shop = await startDemoShop();
    const { code, stdout, stderr } = await tagwatch(['check', monitorFile, '--base-url', shop.url, '--out', outDir], { [ORDERS_ENV]: shop.ordersUrl });
    expect(stderr).toBe('');
    expect(stdout).toContain(`against production run ${baselineRunId}`);
    expect(stdout).toContain('no regression');
    expect(stdout).not.toContain('REGRESSION');
    expect(stdout).toMatch(/Release check: PASS \(exit 0\)/);
    expect(code).toBe(0);

    const history = await openHistory(join(outDir, 'history.json'));
    const checks = history.runsOf('demo-shop', { includeChecks: true }).filter((run) => run.kind === 'check');
    expect(checks.map((run) => run.status)).toEqual(['fail', 'pass']);
    expect(history.lastPassingRun('demo-shop')?.runId).toBe(baselineRunId);
    expect(history.runsOf('demo-shop').map((run) => run.runId)).toEqual([baselineRunId]);
  });

  it('an unreachable staging site and no baseline: exit 2, inconclusive, and it says there was nothing to compare with', { timeout: 120_000 }, async () => {
    const emptyOut = join(dir, 'no-history');
    const { code, stdout } = await tagwatch(['check', monitorFile, '--base-url', `http://127.0.0.1:${await closedPort()}`, '--out', emptyOut]);
    expect(stdout).toContain(`no baseline, no passing production audit of demo-shop in ${join(emptyOut, 'history.json')}`);
    expect(stdout).toMatch(/Release check: INCONCLUSIVE \(exit 2\)/);
    expect(code).toBe(2);
    expect(existsSync(join(emptyOut, 'history.json'))).toBe(true);
  });
});
