import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { openHistory } from '../../src/storage/history.ts';
import { lossError, lossRow, verdict } from '../storage/verdicts.ts';

function tagwatch(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'tagwatch-cli-')), timeout: 60_000, env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Five runs of `shop`: ga4 breaks in run 3 and recovers in run 5; meta never breaks; one run of another monitor. */
async function buildHistory(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'tagwatch-history-cmd-'));
  const history = await openHistory(join(outDir, 'history.json'));
  const rows = (gaLost: number) => [lossRow('ga4', 'baseline', gaLost, 4), lossRow('meta', 'baseline', 0, 4), lossRow('ga4', 'adblock', 4, 4)];
  await history.appendRun(verdict(1, { loss: rows(0) }));
  await history.appendRun(verdict(2, { loss: rows(0) }));
  await history.appendRun(verdict(3, { status: 'fail', loss: rows(4), findings: [lossError('ga4', 'baseline')] }));
  await history.appendRun(verdict(4, { status: 'fail', loss: rows(2), findings: [lossError('ga4', 'baseline')] }));
  await history.appendRun(verdict(5, { loss: rows(0) }));
  await history.appendRun(verdict(6, { monitor: 'other-shop' }));
  return outDir;
}

describe('tagwatch history', () => {
  it('per condition the loss rate of each vendor across runs, then where ga4 broke and recovered', async () => {
    const outDir = await buildHistory();
    const { code, stdout, stderr } = tagwatch(['history', 'shop', '--out', outDir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`shop: 5 runs in ${join(outDir, 'history.json')}`);
    expect(stdout).not.toContain('other-shop');
    expect(stdout).toMatch(/baseline:\nrun \(UTC\)\s+status\s+ga4\s+meta/);
    expect(stdout).toMatch(/2026-01-01 03:00:00\s+fail\s+100%!\s+0%/);
    expect(stdout).toMatch(/2026-01-01 04:00:00\s+fail\s+50%!\s+0%/);
    expect(stdout).toMatch(/adblock:\nrun \(UTC\)\s+status\s+ga4\n/);
    expect(stdout).toContain('ga4 under baseline broke (loss 100%) in run run-0003');
    expect(stdout).toContain('ga4 under baseline recovered (loss 0%) in run run-0005');
    // Expected loss under adblock is no break.
    expect(stdout).not.toMatch(/under adblock (broke|recovered)/);
  });

  it('--json: the same as JSON; --limit keeps the newest runs', async () => {
    const outDir = await buildHistory();
    const { code, stdout } = tagwatch(['history', '--out', outDir, '--json', '--limit', '2']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.file).toBe(join(outDir, 'history.json'));
    expect(parsed.monitors.map((m: { monitor: string }) => m.monitor)).toEqual(['other-shop', 'shop']);
    const shop = parsed.monitors[1];
    expect(shop.totalRuns).toBe(5);
    expect(shop.runs.map((r: { runId: string }) => r.runId)).toEqual(['run-0004', 'run-0005']);
    expect(shop.runs[0].loss[0]).toEqual({ vendor: 'ga4', condition: 'baseline', lossRate: 0.5, broken: true });
    expect(shop.events).toEqual([{ vendor: 'ga4', condition: 'baseline', change: 'recovered', runId: 'run-0005', startedAt: '2026-01-01T05:00:00.000Z', lossRate: 0 }]);
  });

  it('TAGWATCH_HISTORY_FILE points at another history', async () => {
    const outDir = await buildHistory();
    const { code, stdout } = tagwatch(['history', 'other-shop'], { TAGWATCH_HISTORY_FILE: join(outDir, 'history.json') });
    expect(code).toBe(0);
    expect(stdout).toContain('other-shop: 1 run in');
  });

  it('no history: a clear message, exit 0; an unknown monitor names the known ones', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tagwatch-history-cmd-'));
    const none = tagwatch(['history', '--out', empty]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(`No run history yet in ${join(empty, 'history.json')}`);
    const outDir = await buildHistory();
    const unknown = tagwatch(['history', 'nope', '--out', outDir]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain("No runs of monitor 'nope'");
    expect(unknown.stdout).toContain('monitors with runs: other-shop, shop');
  });

  it('a corrupt history: moved aside, the message says where, exit 2; the next call finds a new empty history', async () => {
    const outDir = await buildHistory();
    const file = join(outDir, 'history.json');
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, whole.length - 40));
    const { code, stderr } = tagwatch(['history', '--out', outDir]);
    expect(code).toBe(2);
    const aside = readdirSync(outDir).find((name) => name.startsWith('history.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(stderr).toContain(`moved aside to ${join(outDir, aside!)}`);
    expect(readFileSync(join(outDir, aside!), 'utf8')).toBe(whole.slice(0, whole.length - 40));
    expect(existsSync(file)).toBe(true);
    const again = tagwatch(['history', '--out', outDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No run history yet');
  });
});
