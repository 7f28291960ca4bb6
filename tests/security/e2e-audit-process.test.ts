import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoMonitor from '../../monitors/demo-shop.monitor.ts';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.ts';
import { PACKAGE_DIR } from '../../src/package-paths.ts';
import { descendantsOf } from '../../src/process/process-tree.ts';
import { readRunLog } from '../../src/record/run-log.ts';

/**
 * The audit's own process, as an operator or a CI runner treats it: killed with SIGKILL mid-run,
 * or its stdout closed by `| head -1`. The shop runs in this process, so that it outlives the
 * audit as a real site does: what the audit left running would still place orders there.
 */
const BIN = join(PACKAGE_DIR, 'bin', 'tagwatch.js');

function startAudit(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, 'audit', ...args], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', (code) => resolve(code))));
}

/** A process that ended and was reaped, or a zombie nobody reaped yet: either way it runs nothing. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function runDirs(out: string): string[] {
  return existsSync(out) ? readdirSync(out).filter((name) => /^\d{8}-\d{6}-/.test(name)).map((name) => join(out, name)) : [];
}

describe('an audit killed or cut off from its reader (real Chromium, a shop that outlives the audit)', () => {
  let shop: DemoShop;
  let dir: string;
  let monitorFile: string;

  beforeAll(async () => {
    shop = await startDemoShop();
    dir = mkdtempSync(join(tmpdir(), 'tagwatch-audit-process-'));
    monitorFile = join(dir, 'live-shop.monitor.ts');
    const monitor = {
      ...demoMonitor,
      site: { baseUrl: shop.url },
      conditions: ['baseline'],
      variants: {},
      orders: { ...demoMonitor.orders, url: shop.ordersUrl },
      browser: { ...demoMonitor.browser, workers: 2 },
    };
    writeFileSync(monitorFile, `export default ${JSON.stringify(monitor)};\n`);
  });

  afterAll(async () => {
    await shop?.close();
  });

  const shopOrders = async (): Promise<{ id: string; createdAt: string }[]> => {
    const body = (await (await fetch(`${shop.ordersUrl}/api/orders?from=2000-01-01T00:00:00Z`)).json()) as { orders: { id: string; createdAt: string }[] };
    return body.orders;
  };

  it('kill -9 mid-journey: nothing it started runs on, no order is placed after, and the next audit names the unfinished run', async () => {
    const out = join(dir, 'killed');
    const audit = startAudit([monitorFile, '--out', out, '--repeat', '2']);
    let stderr = '';
    audit.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    audit.stdout!.resume();
    // Killed once a journey is past its banner and before any order: left running, it goes on to
    // place its order seconds later (as the issue saw on a real site; measured: 2 late orders).
    const midJourney = (d: string) => {
      const events = readRunLog(d).events;
      return events.some((e) => e.type === 'consent') && !events.some((e) => e.type === 'order-placed');
    };
    const runDir = await until('a journey past its banner, no order yet', () => runDirs(out).find(midJourney), 90_000);
    const started = descendantsOf(audit.pid!);
    expect(started.length).toBeGreaterThan(3);
    audit.kill('SIGKILL');
    const killedAt = Date.now();
    await exited(audit);

    // Within a second or two when idle; the bound is for a loaded CI machine. Left running (no
    // watchdog), they never end by themselves and the journey places its order.
    await until('every process the audit started to end', () => (started.some(running) ? undefined : true), 15_000).catch(() => {
      throw new Error(`still running 15 s after the kill: ${started.filter(running).join(', ')}`);
    });
    // Before the fix the journey in flight placed its order within seconds of the kill (the issue
    // saw 8-9 s on a real site). Once every process is gone nothing can place one; a second more
    // lets a request the shop had already received land, so it would be seen.
    await new Promise((r) => setTimeout(r, 1_000));
    const late = (await shopOrders()).filter((order) => Date.parse(order.createdAt) > killedAt + 500);
    expect(late).toEqual([]);

    const placed = readRunLog(runDir).events.flatMap((e) => (e.type === 'order-placed' ? [e.orderId] : []));
    // The next audit of this monitor (its site down now, so it ends at once) says what was left.
    const next = startAudit([monitorFile, '--out', out, '--base-url', 'http://127.0.0.1:9']);
    let stdout = '';
    next.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await exited(next)).toBe(2);
    const runId = runDir.split('/').pop()!;
    expect(stdout).toContain(`run ${runId}`);
    expect(stdout).toContain('did not finish');
    for (const orderId of placed) expect(stdout).toContain(orderId);
    expect(stderr).not.toMatch(/unexpected error/);
  }, 180_000);

  it('`| head -1`: the reader gone after the first line, the run still ends with its verdict, results.json and history', async () => {
    const out = join(dir, 'head');
    const audit = startAudit([monitorFile, '--out', out]);
    let stderr = '';
    audit.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // What `head -1` does: read the first line, close the pipe.
    await new Promise<void>((resolve) => audit.stdout!.once('data', () => resolve()));
    audit.stdout!.destroy();
    expect(await exited(audit)).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|unexpected error/);
    const [runDir] = runDirs(out);
    const results = JSON.parse(readFileSync(join(runDir!, 'results.json'), 'utf8')) as { status: string };
    expect(results.status).toBe('pass');
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { runs: { runId: string }[] };
    expect(history.runs.map((r) => r.runId)).toContain(runDir!.split('/').pop());
  }, 180_000);
});
