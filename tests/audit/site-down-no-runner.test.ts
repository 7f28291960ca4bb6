import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import { descendantsOf } from '../../src/process/process-tree.ts';
import { closedPort } from '../support/smtp-server.ts';
import { DEMO_SCENARIOS_DIR } from '../support/monitors.ts';

/** Command lines of this process's descendants (src/process/process-tree.ts), polled every 10 ms until stopped. */
function watchDescendants(): { stop(): string[] } {
  const seen = new Set<string>();
  const poll = () => {
    for (const pid of descendantsOf(process.pid)) {
      try {
        seen.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
      } catch {
        // Gone between the listing and the read.
      }
    }
  };
  const timer = setInterval(poll, 10);
  return {
    stop() {
      clearInterval(timer);
      return [...seen];
    },
  };
}

/**
 * A monitor of a deployed site (no web server command) whose site is down: the audit says so
 * (inconclusive, site-unreachable) without starting Playwright's runner and worker, which cost
 * seconds of CPU for nothing. A site with a web server command loads them while it starts
 * (tests/e2e/site-gate.test.ts).
 */
it('a site that does not answer starts no Playwright runner or worker: inconclusive, site-unreachable', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-site-down-'));
  const monitorFile = join(dir, 'down.monitor.ts');
  const monitor = { name: 'down', site: { baseUrl: `http://127.0.0.1:${await closedPort()}` }, scenariosDir: DEMO_SCENARIOS_DIR, expect: { ga4: {} }, orders: { source: 'rest-json', url: 'http://127.0.0.1:9/api/orders', waitSeconds: 0 } };
  writeFileSync(monitorFile, `export default ${JSON.stringify(monitor)};\n`);
  const watch = watchDescendants();
  const { verdict, exitCode } = await runAudit({ monitorFile, outDir: join(dir, 'reports'), write: () => undefined });
  // The poll outlives the audit a little: a runner cancelled as the audit ended would still be seen.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = watch.stop();
  expect(verdict.status).toBe('inconclusive');
  expect(exitCode).toBe(2);
  expect(verdict.findings.map((f) => f.kind)).toContain('site-unreachable');
  expect(started.filter((command) => /playwright|chromium/.test(command))).toEqual([]);
});
