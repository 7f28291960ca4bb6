import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { descendantsOf } from '../../src/process/process-tree.ts';
import { auditDemo } from '../support/audit.ts';
import { demoShopFields, tempProject } from '../support/monitors.ts';

const CHROMIUM_NAMES = new Set(['chromium', 'chrome', 'chromium-browser', 'headless_shell', 'chrome-headless-shell']);

/** What this test process has started, by kind, from each process's command line. */
function running(): { runner: boolean; worker: boolean; chromium: boolean; workerCpuTicks?: number } {
  const commands = descendantsOf(process.pid).map((pid) => {
    try {
      return { pid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') };
    } catch {
      return { pid, argv: [] };
    }
  });
  const worker = commands.find(({ argv }) => argv.join(' ').includes('workerProcessEntry'));
  return {
    runner: commands.some(({ argv }) => argv.join(' ').includes('cli.js test --config')),
    worker: worker !== undefined,
    ...(worker ? { workerCpuTicks: cpuTicks(worker.pid) } : {}),
    // The browser itself, or Debian's script that starts it (argv: the shell, then the script).
    chromium: commands.some(({ argv }) => argv.slice(0, 2).some((arg) => CHROMIUM_NAMES.has(basename(arg)))),
  };
}

/** CPU time a process has used, in clock ticks (/proc/<pid>/stat: utime + stime). */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * A project whose site command waits while a hold file exists, then runs `then`. The test lets it
 * go only once Playwright's worker has loaded and sits waiting (no CPU for a second): the overlap
 * is shown by the order of events, not by timing, so a loaded machine changes the wall time and
 * nothing else. A worker that did not wait for the site would be starting its browser by then.
 */
function heldSite(then: string): { monitorFile: string; held: () => boolean; release: () => void } {
  const hold = join(mkdtempSync(join(tmpdir(), 'tagwatch-held-site-')), 'hold');
  writeFileSync(hold, '');
  const fields = demoShopFields();
  const monitor = {
    name: 'held-site',
    ...fields,
    site: { ...fields.site, webServer: { ...fields.site.webServer, command: `while [ -f ${hold} ]; do sleep 0.1; done; ${then}`, timeoutSeconds: 300 } },
    conditions: ['baseline'],
    expect: { ga4: {}, 'google-ads': {}, meta: {}, tiktok: {} },
  };
  const project = tempProject({ 'monitors/held-site.monitor.ts': `export default ${JSON.stringify(monitor, null, 2)};\n` });
  return { monitorFile: join(project, 'monitors', 'held-site.monitor.ts'), held: () => existsSync(hold), release: () => rmSync(hold, { force: true }) };
}

/** Runs the audit, looking at what runs every 100 ms; the site goes once Playwright's worker waits. */
async function auditWatched(site: ReturnType<typeof heldSite>) {
  const seen = { runnerWhileSiteHeld: false, workerWhileSiteHeld: false, chromiumWhileSiteHeld: false, chromiumEver: false };
  /** The worker's CPU ticks over the last second of samples. */
  const workerTicks: (number | undefined)[] = [];
  let finished = false;
  const audit = auditDemo({ monitorFile: site.monitorFile }).finally(() => (finished = true));
  try {
    // Bounded by the web server's own timeout (300 s): the audit ends by itself past it.
    while (!finished) {
      const held = site.held();
      const now = running();
      if (held) {
        seen.runnerWhileSiteHeld ||= now.runner;
        seen.workerWhileSiteHeld ||= now.worker;
        seen.chromiumWhileSiteHeld ||= now.chromium;
        workerTicks.push(now.workerCpuTicks);
        const lastSecond = workerTicks.slice(-10);
        const waiting = lastSecond.length === 10 && lastSecond.every((ticks) => ticks !== undefined) && lastSecond.at(-1)! - lastSecond[0]! <= 2;
        // A browser already started: the gate is broken, said by the assertions below, not by a time-out.
        if (waiting || now.chromium) site.release();
      }
      seen.chromiumEver ||= now.chromium;
      await sleep(100);
    }
  } finally {
    site.release();
  }
  return { result: await audit, seen };
}

/** Gate files (src/process/site-gate.ts) this process's audits left in the temp folder. */
function gateFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('tagwatch-site-gate-') && name.endsWith(`-${process.pid}`));
}

describe('Playwright starts while the site comes up (real Chromium, demo shop)', () => {
  it('the runner and its worker load while the site is not up yet; the browser starts only once it answers; the audit passes', async () => {
    const { result, seen } = await auditWatched(heldSite('exec tagwatch demo-shop --port {port}'));
    expect(seen).toEqual({ runnerWhileSiteHeld: true, workerWhileSiteHeld: true, chromiumWhileSiteHeld: false, chromiumEver: true });
    expect(result.verdict.status).toBe('pass');
    expect(result.verdict.journeys.map((j) => [j.condition, j.status, j.orderInBackend])).toEqual([['baseline', 'passed', true]]);
    // What the runner printed while it waited is said once the site answered, after the audit's own line.
    expect(result.output.indexOf('tagwatch: auditing held-site')).toBeGreaterThan(-1);
    expect(result.output.indexOf('tagwatch: auditing held-site')).toBeLessThan(result.output.indexOf('Running 1 journey'));
    expect(gateFiles()).toEqual([]);
  });

  it('a site that never comes up: the runner that loaded meanwhile ends, no browser ever started, nothing left running, inconclusive', async () => {
    const { result, seen } = await auditWatched(heldSite('echo "build failed" >&2; exit 3'));
    expect(seen).toEqual({ runnerWhileSiteHeld: true, workerWhileSiteHeld: true, chromiumWhileSiteHeld: false, chromiumEver: false });
    expect(result.exitCode).toBe(2);
    expect(result.verdict.status).toBe('inconclusive');
    expect(result.verdict.journeys).toEqual([]);
    expect(result.verdict.findings.map((f) => f.kind)).toContain('site-unreachable');
    // Nothing the runner printed while it waited is shown: the site is the news.
    expect(result.output).not.toContain('Running 1 journey');
    expect(running()).toEqual({ runner: false, worker: false, chromium: false });
    expect(gateFiles()).toEqual([]);
  });
});
