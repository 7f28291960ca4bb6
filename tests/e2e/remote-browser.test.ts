import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoMonitor from '../../monitors/demo-shop.monitor.ts';
import { remoteEndpoint, remoteLaunchOptions, WS_ENDPOINT_ENV, wsEndpointEnvProblem } from '../../src/audit/remote-browser.ts';
import { resolveChromium } from '../../src/browser/resolve-chromium.ts';
import { monitorSchema } from '../../src/monitor/schema.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';
import { auditDemo } from '../support/audit.ts';

const require = createRequire(import.meta.url);

interface BrowserServer {
  process: ChildProcess;
  wsEndpoint: string;
  /** The server's debug log (pw:server): one "engaged launch mode" line per browser it launched. */
  log: () => string;
}

/**
 * A real `playwright run-server` on loopback, port chosen by the OS. `--unsafe` lets clients name
 * the executable and flags: without it the server drops them and wants Playwright's own Chromium
 * download, which this machine does not have.
 */
async function startBrowserServer(): Promise<BrowserServer> {
  const cli = join(require.resolve('playwright/package.json'), '..', 'cli.js');
  const child = spawn(process.execPath, [cli, 'run-server', '--port', '0', '--host', '127.0.0.1', '--unsafe'], {
    env: { ...process.env, DEBUG: 'pw:server' },
    // run-server exits (closing its browsers) when its stdin closes; it does not stop on SIGTERM.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /Listening on (ws:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`playwright run-server exited with ${code}: ${output}`)));
  });
  return { process: child, wsEndpoint, log: () => output };
}

describe('journeys in a remote browser (Playwright connect)', () => {
  let server: BrowserServer;
  // The server launches the same Chromium a local audit would: resolved here, named explicitly.
  const { executablePath } = resolveChromium();

  beforeAll(async () => {
    server = await startBrowserServer();
  });

  afterAll(async () => {
    if (!server || server.process.exitCode !== null) return;
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.stdin!.end();
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    // Only the server this test started, by its PID.
    if (!stopped) process.kill(server.process.pid!, 'SIGKILL');
  });

  it('a baseline demo audit through browser.wsEndpoint passes, its hits captured by the browser-level CDP tap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-remote-'));
    const monitorFile = join(dir, 'remote.monitor.ts');
    const monitor = { ...demoMonitor, browser: { ...demoMonitor.browser, wsEndpoint: server.wsEndpoint, executablePath } };
    writeFileSync(monitorFile, `export default ${JSON.stringify(monitor)};\n`);

    const launchesBefore = server.log().match(/engaged launch mode for "chromium"/g)?.length ?? 0;
    const { verdict, exitCode, runLog } = await auditDemo({ monitorFile, conditions: ['baseline'], repeat: 1 });

    // The journey's browser came from the server, not from a local launch.
    expect(server.log().match(/engaged launch mode for "chromium"/g)?.length ?? 0).toBe(launchesBefore + 1);
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdict.status).toBe('pass');
    expect(exitCode).toBe(0);
    expect(verdict.journeys).toHaveLength(1);
    expect(verdict.journeys[0]!.orderInBackend).toBe(true);
    expect(Object.values(verdict.journeys[0]!.vendors)).toEqual(['tracked', 'tracked', 'tracked', 'tracked']);
    // 'captured' is only ever written by the CDP Fetch tap answering the hit: it worked over connect().
    const captured = runLog.filter((e) => e.type === 'hit' && e.status === 'captured');
    expect(captured.length).toBeGreaterThan(0);
    expect(captured.some((e) => e.type === 'hit' && e.url.includes('/g/collect') && e.body?.includes('en=purchase'))).toBe(true);
  });

  it('the launch options travel in the connect request: the server starts our Chromium with our flags', async () => {
    // What Playwright Test's browser fixture sends with connectOptions (x-playwright-launch-options).
    const options = remoteLaunchOptions({ executablePath });
    const browser = await chromium.connect(server.wsEndpoint, { headers: { 'x-playwright-launch-options': JSON.stringify(options) } });
    try {
      const page = await browser.newPage();
      // --disable-blink-features=AutomationControlled is one of our flags: a default launch says true.
      expect(await page.evaluate(() => navigator.webdriver)).toBe(false);
    } finally {
      await browser.close();
    }
  });

  it('TAGWATCH_WS_ENDPOINT wins over the monitor; a bad value is named with what is expected', () => {
    const monitor = monitorSchema.parse({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} }, browser: { wsEndpoint: 'ws://127.0.0.1:1/' } });
    expect(remoteEndpoint(monitor, {})).toBe('ws://127.0.0.1:1/');
    expect(remoteEndpoint(monitor, { [WS_ENDPOINT_ENV]: 'ws://127.0.0.1:2/' })).toBe('ws://127.0.0.1:2/');
    expect(remoteEndpoint(monitorSchema.parse({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }), {})).toBeUndefined();
    expect(wsEndpointEnvProblem({ [WS_ENDPOINT_ENV]: 'http://127.0.0.1:2/' })).toMatch(/TAGWATCH_WS_ENDPOINT: expected a ws:\/\/ or wss:\/\/ URL/);
    expect(() => monitorSchema.parse({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} }, browser: { wsEndpoint: 'http://x/' } })).toThrow(/ws:\/\/ or wss:\/\//);
  });
});
