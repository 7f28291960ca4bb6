/**
 * Shard folders built by hand for the merge's security tests: the run log of a recorded run
 * (tests/fixtures/runs/demo-pass), a shard.json and a run-settings.json as `tagwatch audit
 * --shard 1/1` writes them, each field open to be crafted. And a project of the user's own (a
 * package.json and monitors/shop.monitor.ts) to run `tagwatch merge` in, with an orders API on
 * loopback that records what it was asked.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../../src/package-paths.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';
import { startLocalServer } from '../support/local-server.ts';

const RUN = join(PACKAGE_DIR, 'tests', 'fixtures', 'runs', 'demo-pass');
/** The recorded run's id, its site and its only order (stamped with the run id). */
export const RUN_ID = '20261203-204345-644a';
export const BASE_URL = 'http://127.0.0.1:46143';
const ORDER = { id: 'DS-100001', total: 29.8, currency: 'EUR', created_at: '2026-12-03T20:43:56.675Z', email: 'tagwatch+20261203-204345-644a-bb81d3@example.com' };

type Json = Record<string, unknown>;

/** What the monitor of the user's project says: the same in the shards unless a test crafts them. */
export function projectMonitor(ordersUrl: string, orders: Json = {}): Json {
  return {
    name: 'shop',
    site: { baseUrl: BASE_URL },
    scenariosDir: DEMO_SCENARIOS_DIR,
    expect: { ga4: { eventName: 'purchase' }, 'google-ads': { eventName: 'conversion' }, meta: { eventName: 'Purchase' }, tiktok: { eventName: 'CompletePayment' } },
    orders: { source: 'rest-json', url: ordersUrl, waitSeconds: 0, ...orders },
  };
}

/** A folder holding package.json and monitors/shop.monitor.ts: where `tagwatch merge` runs. */
export function makeProject(monitor: Json): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-merge-project-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop-checks', private: true, type: 'module' }));
  mkdirSync(join(dir, 'monitors'));
  writeFileSync(join(dir, 'monitors', 'shop.monitor.ts'), `export default ${JSON.stringify(monitor, null, 2)};\n`);
  return dir;
}

/** The recorded run's settings with `monitor` as a shard that resolved it would have written it. */
export function shardSettings(monitor: Json): Json {
  const recorded = JSON.parse(readFileSync(join(RUN, 'run-settings.json'), 'utf8')) as { monitor: Json } & Json;
  const { conditionFacts: _facts, ...settings } = recorded;
  return {
    ...settings,
    runDir: '/ci/shards/run',
    monitor: { ...recorded.monitor, ...monitor, site: { baseUrl: BASE_URL }, orders: { cleanup: false, ...(monitor.orders as Json) } },
    shard: { current: 1, total: 1 },
  };
}

export function shardManifest(): Json {
  return { runId: RUN_ID, shard: { current: 1, total: 1 }, monitor: 'shop', baseUrl: BASE_URL, startedAt: '2026-12-03T20:43:45.902Z', finishedAt: '2026-12-03T20:44:00.000Z', runnerExitCode: 0 };
}

/**
 * `<parent>/<runId>.shard-1-of-1` with the recorded run log; `manifest` and `settings` are
 * written as given (a string verbatim, for files that are not JSON).
 */
export function makeShard(parent: string, manifest: Json | string, settings: Json | string): string {
  const dir = join(parent, `${RUN_ID}.shard-1-of-1`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(RUN, 'run-log.ndjson'), join(dir, 'run-log.ndjson'));
  writeFileSync(join(dir, 'shard.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'run-settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings, null, 2));
  return dir;
}

export interface SeenRequest {
  url: string;
  authorization?: string;
}

/** An orders API (rest-json's default fields) answering the recorded run's order, recording each request. */
export async function startOrdersApi() {
  const seen: SeenRequest[] = [];
  const api = await startLocalServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ orders: [ORDER] }));
  });
  return { ...api, seen };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tagwatch <args>` as a child process in `cwd`; async, since the servers it talks to run in this process. */
export function tagwatch(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [join(PACKAGE_DIR, 'bin', 'tagwatch.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every file under `dir` (recursively), as paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}
