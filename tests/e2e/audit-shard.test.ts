import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoMonitor from '../../monitors/demo-shop.monitor.ts';
import { mergeShards } from '../../src/audit/merge-shards.ts';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { runShard } from '../../src/audit/run-shard.ts';
import { RUN_ID_ENV, SHARD_FILE } from '../../src/audit/shard.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import type { Verdict } from '../../src/model/verdict.ts';

/** The CLI as a child process; async, since the demo shop it audits runs in this process. */
function tagwatch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, ...env };
  if (!(RUN_ID_ENV in env)) delete childEnv[RUN_ID_ENV];
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function newRunId(): string {
  return `e2e-shard-${randomBytes(3).toString('hex')}`;
}

function readEvents(runDir: string): RunEvent[] {
  return readFileSync(join(runDir, 'run-log.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
}

/**
 * Shard `shardDir` as another run of the same monitor would have written it: the folder copied
 * under `<otherRunId>.shard-i-of-n`, the run id replaced wherever the shard wrote it (shard.json,
 * run-settings.json, run logs, order stamps). Every file still passes the merge's checks; only the
 * run differs. A second real shard audit would prove nothing more and cost a whole journey.
 */
function asShardOfAnotherRun(shardDir: string, runId: string, otherRunId: string, outDir: string): string {
  const dir = join(outDir, shardDir.slice(shardDir.lastIndexOf('/') + 1).replace(runId, otherRunId));
  cpSync(shardDir, dir, { recursive: true });
  for (const name of readdirSync(dir).filter((file) => file === SHARD_FILE || file === 'run-settings.json' || /^run-log(\..+)?\.ndjson$/.test(file))) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    expect(text, `${name} names the run`).toContain(runId);
    writeFileSync(path, text.replaceAll(shardDir, dir).replaceAll(runId, otherRunId));
  }
  return dir;
}

const quiet = () => undefined;
const VENDORS = ['ga4', 'google-ads', 'meta', 'tiktok'];

describe('sharded audit, then merge (real Chromium, one demo shop all shards share)', () => {
  let shop: DemoShop;
  let dir: string;
  let monitorFile: string;
  let shard1Dir: string;
  let shard2Dir: string;
  let shardsRunId: string;

  beforeAll(async () => {
    shop = await startDemoShop();
    dir = mkdtempSync(join(tmpdir(), 'tagwatch-shard-'));
    monitorFile = join(dir, 'shared-shop.monitor.ts');
    // The demo monitor, reading the orders API of the shop every shard audits (as `tagwatch demo-shop` prints it).
    const monitor = { ...demoMonitor, conditions: ['baseline'], variants: {}, orders: { ...demoMonitor.orders, url: shop.ordersUrl }, browser: { workers: 1 } };
    writeFileSync(monitorFile, `export default ${JSON.stringify(monitor)};\n`);
  });

  afterAll(async () => {
    await shop?.close();
  });

  it('shards 1/2 (CLI, TAGWATCH_RUN_ID) and 2/2 (API) of one run id merge into one passing verdict, each order matched once', async () => {
    const runId = newRunId();
    const out = join(dir, 'shards');
    const first = await tagwatch(['audit', monitorFile, '--shard', '1/2', '--base-url', shop.url, '--repeat', '2', '--out', out], { [RUN_ID_ENV]: runId });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/No verdict from one shard/);
    const second = await runShard({ monitorFile, shard: { current: 2, total: 2 }, runId, baseUrl: shop.url, repeat: 2, outDir: out, write: quiet });
    expect(second.exitCode).toBe(0);
    shard1Dir = join(out, `${runId}.shard-1-of-2`);
    shard2Dir = second.runDir;
    shardsRunId = runId;

    // Each shard ran its own half, and reckoned nothing.
    const shardJourneys = [shard1Dir, second.runDir].map((d) => readEvents(d).flatMap((e) => (e.type === 'journey-start' ? [e.journeyId] : [])));
    expect(shardJourneys.map((ids) => ids.length)).toEqual([1, 1]);
    expect(new Set(shardJourneys.flat()).size).toBe(2);
    for (const shardDir of [shard1Dir, second.runDir]) {
      expect(existsSync(join(shardDir, SHARD_FILE))).toBe(true);
      expect(existsSync(join(shardDir, 'results.json'))).toBe(false);
    }

    // The monitor the shards ran, from the merging side: orders and credentials come from it, never from the shard folders.
    const merged = await tagwatch(['merge', shard1Dir, second.runDir, '--monitor', monitorFile, '--out', join(dir, 'merged')]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const runDir = join(dir, 'merged', runId);
    const verdict = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
    expect(verdict.runId).toBe(runId);
    expect(verdict.status).toBe('pass');
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdict.journeys.map((j) => j.journeyId).sort()).toEqual(['baseline.purchase.r1', 'baseline.purchase.r2']);
    // Both shards stamped their orders with the shared run id: the backend holds exactly these two.
    const backend = (await (await fetch(`${shop.ordersUrl}/api/orders?q=${runId}`)).json()) as { orders: { id: string }[] };
    expect(backend.orders.map((o) => o.id).sort()).toEqual(verdict.journeys.map((j) => j.orderId).sort());
    expect(new Set(verdict.journeys.map((j) => j.orderId)).size).toBe(2);
    for (const journey of verdict.journeys) {
      expect(journey.orderInBackend).toBe(true);
      expect(Object.values(journey.vendors)).toEqual(['tracked', 'tracked', 'tracked', 'tracked']);
    }
    expect(verdict.loss.map((r) => [r.vendor, r.orders, r.tracked, r.lost, r.duplicated])).toEqual(VENDORS.map((v) => [v, 2, 2, 0, 0]));
    // One run log: the shards' journeys, one run-start and one run-end.
    const events = readEvents(runDir);
    expect(events.filter((e) => e.type === 'run-start')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'run-end')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'journey-start')).toHaveLength(2);
  }, 300_000);

  it('one shard alone is refused, and so are shards of different run ids', async () => {
    expect(shard1Dir, 'needs the shard of the test above').toBeDefined();
    await expect(mergeShards({ shardDirs: [shard1Dir], monitorFile, outDir: join(dir, 'alone'), write: quiet })).rejects.toThrow(
      /has 2 shards, and 2\/2 is missing: one shard cannot be reconciled alone/,
    );
    expect(existsSync(join(dir, 'alone'))).toBe(false);

    // Shard 2/2 of another run: both shards complete a run of 2, the same monitor and site, only the run differs.
    const otherRunId = newRunId();
    const other = asShardOfAnotherRun(shard2Dir, shardsRunId, otherRunId, join(dir, 'other'));
    await expect(mergeShards({ shardDirs: [shard1Dir, other], monitorFile, outDir: join(dir, 'mixed'), write: quiet })).rejects.toThrow(/belong to different runs/);
    const cli = await tagwatch(['merge', shard1Dir, other, '--monitor', monitorFile, '--out', join(dir, 'mixed')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(new RegExp(`different runs: .*shard-1-of-2 \\(run ${shardsRunId}\\), .*${otherRunId}\\.shard-2-of-2 \\(run ${otherRunId}\\)`));
    expect(existsSync(join(dir, 'mixed'))).toBe(false);
  }, 60_000);

  it('--shard without a run id, or without a shop all shards share, is bad input (exit 2) saying what to pass', async () => {
    const noRunId = await tagwatch(['audit', monitorFile, '--shard', '1/2', '--base-url', shop.url, '--out', join(dir, 'bad')]);
    expect(noRunId.code).toBe(2);
    expect(noRunId.stderr).toMatch(/needs the run id all shards share: pass --run-id <id> or set TAGWATCH_RUN_ID/);
    const embeddedShop = await tagwatch(['audit', '--shard', '1/2', '--run-id', newRunId(), '--out', join(dir, 'bad')]);
    expect(embeddedShop.code).toBe(2);
    expect(embeddedShop.stderr).toMatch(/Sharding needs one site every shard reaches: .* starts its own \(site\.webServer\)/);
    const badShard = await tagwatch(['audit', '--shard', '3/2', '--run-id', newRunId()]);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toMatch(/'3\/2' is not a shard/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
