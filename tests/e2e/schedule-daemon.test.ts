import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../../src/package-paths.ts';
import { readOutcome } from '../../src/record/outcome.ts';
import { openHistory } from '../../src/storage/history.ts';
import { endAll, exitWithin, leftRunning, RUN_FOLDER, runFolders, runLines, startTagwatch, tempDir, type Daemon } from '../support/schedule-daemon.ts';

/**
 * The one scheduler test with a real audit: the daemon's run is `tagwatch audit` of the demo shop,
 * Chromium and all. What the daemon does with runs that fail, crash, overrun or are signalled is
 * in tests/schedule/daemon.test.ts, against a fake audit, in seconds.
 */
const DEMO_MONITOR = join(PACKAGE_DIR, 'monitors', 'demo-shop.monitor.ts');

let started: Daemon | undefined;
afterEach(() => {
  if (started) endAll(started);
  started = undefined;
});

describe('tagwatch schedule with a real audit', () => {
  it('--once audits the demo shop in a child process: its verdict, run folder, outcome, log and history, exit 0, nothing left running', async () => {
    const dir = tempDir();
    const outDir = join(dir, 'reports');
    // A copy of the demo monitor, kept small: baseline only, one journey, one browser.
    const file = join(dir, 'demo-once.monitor.ts');
    writeFileSync(file, `import demo from ${JSON.stringify(DEMO_MONITOR)};\nexport default { ...demo, name: 'demo-once', conditions: ['baseline'], variants: {}, repeat: 1, browser: { workers: 1 } };\n`);
    started = startTagwatch(['schedule', file, '--once', '--out', outDir]);
    const end = await exitWithin(started, 240_000);
    expect(end.code, started.stdout() + started.stderr()).toBe(0);

    const lines = runLines(started.stdout());
    expect(lines.map((l) => `${l.monitor} ${l.event}`)).toEqual(['demo-once start', 'demo-once end']);
    expect(lines[0]!.fields.trigger).toBe('once');
    const { run, status, exit, log } = lines[1]!.fields as Record<string, string>;
    expect({ status, exit }).toEqual({ status: 'pass', exit: '0' });
    expect(run).toMatch(RUN_FOLDER);
    expect(runFolders(outDir)).toEqual([run]);
    expect(JSON.parse(readFileSync(join(outDir, run!, 'results.json'), 'utf8'))).toMatchObject({ runId: run, monitor: 'demo-once', status: 'pass' });
    // What the daemon read: the outcome the audit wrote, kept in the run folder; the daemon's copy removed.
    expect(readOutcome(join(outDir, run!, 'outcome.json'))).toMatchObject({ runId: run, monitor: 'demo-once', runDir: join(outDir, run!), status: 'pass', exitCode: 0 });
    expect(readdirSync(join(outDir, '.schedule-logs'))).toEqual([]);
    // The audit's own output went to its log, beside its report, not to the daemon's.
    expect(log).toBe(join(outDir, run!, 'audit.log'));
    expect(readFileSync(log!, 'utf8')).toContain(`tagwatch demo-once · run ${run} · PASS`);
    expect(started.stdout()).not.toContain('Running 1 journey');
    expect(started.stdout()).toMatch(/done: 1 of 1 monitor\(s\) ran, exit 0/);

    // The history opens as is (nothing moved aside) and holds the run.
    const historyFile = join(outDir, 'history.json');
    expect(existsSync(historyFile)).toBe(true);
    const history = await openHistory(historyFile);
    expect(history.movedAside).toEqual([]);
    expect(history.runsOf('demo-once').map((r) => r.runId)).toEqual([run]);
    expect(await leftRunning(started.marker)).toEqual([]);
  }, 300_000);
});
