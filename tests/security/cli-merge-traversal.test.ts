import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, makeProject, makeShard, projectMonitor, RUN_ID, shardManifest, shardSettings, startOrdersApi, tagwatch } from './shard-folders.ts';

/**
 * Shard folders come from other CI jobs (downloaded artifacts): `tagwatch merge` must write only
 * inside --out, whatever shard.json, run-settings.json or the folder's files say.
 */
describe('merge keeps what it writes inside --out', () => {
  let api: Awaited<ReturnType<typeof startOrdersApi>>;
  let project: string;

  beforeAll(async () => {
    api = await startOrdersApi();
    project = makeProject(projectMonitor(`${api.url}/orders`));
  });
  afterAll(() => api?.close());

  it("a run id of '../../x' in shard.json is refused (exit 2, the file, the field, what is accepted); nothing is written outside --out", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-traversal-'));
    const shard = makeShard(join(root, 'shards'), { ...shardManifest(), runId: '../../x' }, { ...shardSettings(projectMonitor(`${api.url}/orders`)), runId: '../../x' });
    const out = join(root, 'work', 'reports');
    const merged = await tagwatch(['merge', shard, '--out', out], project);
    expect(merged.code).toBe(2);
    expect(merged.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tagwatch: .*shard\.json: runId: .*8 to 40 letters, digits, '-' or '_'/)]);
    expect(existsSync(join(root, 'x'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['shards']);
    expect(api.seen).toEqual([]);
  });

  it("a monitor named '../../..' in shard.json or run-settings.json is refused before anything is written", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-name-'));
    const settings = shardSettings(projectMonitor(`${api.url}/orders`));
    const inManifest = makeShard(join(root, 'a'), { ...shardManifest(), monitor: '../../..' }, settings);
    const first = await tagwatch(['merge', inManifest, '--out', join(root, 'out')], project);
    expect(first.code).toBe(2);
    expect(first.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tagwatch: .*shard\.json: monitor: a monitor name: letters, digits/)]);

    const inSettings = makeShard(join(root, 'b'), { ...shardManifest(), monitor: '../../..' }, { ...settings, monitor: { ...(settings.monitor as object), name: '../../..' } });
    writeFileSync(join(inSettings, 'shard.json'), JSON.stringify(shardManifest()));
    const second = await tagwatch(['merge', inSettings, '--out', join(root, 'out')], project);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tagwatch: .*run-settings\.json: monitor\.name: /)]);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('artifacts that are symbolic links (to a file of the merging machine) are not carried into the merged run folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-links-'));
    const machine = mkdtempSync(join(tmpdir(), 'tagwatch-merge-machine-'));
    const secretFile = join(machine, 'deploy-key');
    writeFileSync(secretFile, 'PRIVATE-KEY-OF-THE-MERGE-MACHINE');
    const shard = makeShard(join(root, 'shards'), shardManifest(), shardSettings(projectMonitor(`${api.url}/orders`)));
    const journeyArtifacts = join(shard, 'artifacts', 'baseline.purchase.r1');
    mkdirSync(journeyArtifacts, { recursive: true });
    writeFileSync(join(journeyArtifacts, 'page.html'), '<p>kept</p>');
    symlinkSync(secretFile, join(journeyArtifacts, 'screenshot.png'));
    symlinkSync(machine, join(shard, 'artifacts', 'everything'));
    const out = join(root, 'reports');
    const merged = await tagwatch(['merge', shard, '--out', out], project);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const runDir = join(out, RUN_ID);
    const entries = readdirSync(runDir, { recursive: true, encoding: 'utf8' }).map((name) => join(runDir, name));
    expect(entries.filter((entry) => lstatSync(entry).isSymbolicLink())).toEqual([]);
    const files = filesUnder(runDir);
    // Where the journey's events say its artifacts are: the HTML report links them from there.
    expect(readFileSync(join(runDir, 'artifacts', 'baseline.purchase.r1', 'page.html'), 'utf8')).toBe('<p>kept</p>');
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain('PRIVATE-KEY-OF-THE-MERGE-MACHINE');
  });
});
