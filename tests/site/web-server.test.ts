import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebServer, WebServerError } from '../../src/site/web-server.ts';
import { freePort, usesRunPort, withRunPort } from '../../src/site/run-port.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';

/** A site as a user's preview command would start it: a Node server on the given port, its pid in a file. */
function siteScript(dir: string): string {
  const script = join(dir, 'site.mjs');
  writeFileSync(
    script,
    `import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
const [port, delayMs] = process.argv.slice(2).map(Number);
writeFileSync(${JSON.stringify(join(dir, 'pid'))}, String(process.pid));
console.log('preview starting, greeting', process.env.GREETING);
setTimeout(() => createServer((req, res) => res.end('shop')).listen(port, '127.0.0.1', () => console.log('ready on', port)), delayMs);
`,
  );
  return script;
}

/** Whether a process still runs (a zombie waiting for its parent to reap it does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A stopped process may take a moment to be gone: polled, bounded. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

function settings(fields: Record<string, unknown>) {
  return validateMonitor({ name: 'm', expect: { ga4: {} }, orders: { source: 'demo', url: 'http://x' }, site: { baseUrl: 'http://127.0.0.1:1', webServer: fields } }, 'm').site.webServer!;
}

describe('the site web server', () => {
  it('starts the command in the project, waits until the URL answers, and stops it and what it started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-web-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const server = await startWebServer(settings({ command: `node ${siteScript(dir)} ${port} 700`, env: { GREETING: 'hello' } }), { projectDir: dir, baseUrl: url, logFile: join(dir, 'web.log') });
    expect(server.reused).toBe(false);
    expect(await (await fetch(url)).text()).toBe('shop');
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    await server.stop();
    await server.stop();
    expect(await gone(pid)).toBe(true);
    await expect(fetch(url)).rejects.toThrow();
    expect(readFileSync(join(dir, 'web.log'), 'utf8')).toMatch(/preview starting, greeting hello\nready on \d+/);
  });

  it('a tagwatch killed outright (SIGKILL, as a scheduler ends a run that overran) leaves no site running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-web-'));
    const port = await freePort();
    const starter = join(dir, 'starter.mts');
    writeFileSync(
      starter,
      `import { startWebServer } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src', 'site', 'web-server.ts'))};
await startWebServer({ command: 'node ${siteScript(dir)} ${port} 0', timeoutSeconds: 30, env: {}, reuseExistingServer: false }, { projectDir: ${JSON.stringify(dir)}, baseUrl: 'http://127.0.0.1:${port}/', logFile: ${JSON.stringify(join(dir, 'web.log'))} });
console.log('UP');
setInterval(() => {}, 1000);
`,
    );
    const audit = spawn(process.execPath, ['--import', 'tsx', starter], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      audit.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('UP') && resolve());
      audit.once('exit', () => reject(new Error('the starter exited before the site was up')));
    });
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    audit.kill('SIGKILL');
    expect(await gone(pid)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('a command that exits first, or a site that never answers, is an error with the end of its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-web-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const crash = startWebServer(settings({ command: 'echo "Error: vite not found" >&2; exit 3' }), { projectDir: dir, baseUrl: url, logFile: join(dir, 'a.log') });
    await expect(crash).rejects.toThrow(WebServerError);
    await expect(crash).rejects.toThrow(/`echo "Error: vite not found" >&2; exit 3` exited \(exit code 3\) before http:\/\/127\.0\.0\.1:\d+\/ answered\.\nIts last output .*\n  Error: vite not found/);

    const slow = startWebServer(settings({ command: `node ${siteScript(dir)} ${port} 60000`, timeoutSeconds: 1 }), { projectDir: dir, baseUrl: url, logFile: join(dir, 'b.log') });
    await expect(slow).rejects.toThrow(/did not answer within 1 s of starting .*\(site\.webServer\.timeoutSeconds\)/);
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    expect(await gone(pid)).toBe(true);
  });

  it('something already answering is an error, unless reuseExistingServer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-web-'));
    const other = createServer((req, res) => res.end('other'));
    const port = await new Promise<number>((resolve) => other.listen(0, '127.0.0.1', () => resolve((other.address() as { port: number }).port)));
    try {
      const url = `http://127.0.0.1:${port}/`;
      await expect(startWebServer(settings({ command: 'exit 1' }), { projectDir: dir, baseUrl: url, logFile: join(dir, 'c.log') })).rejects.toThrow(/already answers .*reuseExistingServer: true/);
      const reused = await startWebServer(settings({ command: 'exit 1', reuseExistingServer: true }), { projectDir: dir, baseUrl: url, logFile: join(dir, 'd.log') });
      expect(reused.reused).toBe(true);
      await reused.stop();
      expect(await (await fetch(url)).text()).toBe('other');
      expect(existsSync(join(dir, 'd.log'))).toBe(false);
    } finally {
      other.close();
    }
  });

  it('`{port}` in site and orders is one free port per run', async () => {
    const monitor = validateMonitor(
      { name: 'm', expect: { ga4: {} }, site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: 'serve --port {port}' } }, orders: { source: 'demo', url: 'http://127.0.0.1:{port}' } },
      'm',
    );
    expect(usesRunPort(monitor)).toBe(true);
    const port = await freePort();
    const filled = withRunPort(monitor, port);
    expect(filled.site).toMatchObject({ baseUrl: `http://127.0.0.1:${port}`, webServer: { command: `serve --port ${port}` } });
    expect(filled.orders?.url).toBe(`http://127.0.0.1:${port}`);
    expect(usesRunPort(filled)).toBe(false);
  });
});
