import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';

it('`tagwatch demo-shop --port 0 --faults ...` serves the shop and its orders API until stopped', async () => {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), 'demo-shop', '--port', '0', '--faults', 'meta-purchase-double'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!/orders API: \S+/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const shopUrl = /demo shop: (\S+)/.exec(output)![1]!;
    const ordersUrl = /orders API: (\S+)/.exec(output)![1]!;
    expect(output).toContain('faults: meta-purchase-double');
    const home = await fetch(shopUrl);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Organic cotton T-shirt');
    expect(await (await fetch(ordersUrl)).json()).toEqual({ orders: [] });
  } finally {
    // Only the process this test started, by its PID.
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }
});
