import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeShard, projectMonitor, shardManifest, shardSettings, startOrdersApi, tagwatch } from './shard-folders.ts';

/**
 * A shard folder that is broken (a truncated upload, a file edited by hand, another tool's JSON):
 * bad input, exit 2, one line naming the file, the field and what is accepted, no stack trace.
 */
describe('merge on malformed shard files', () => {
  let api: Awaited<ReturnType<typeof startOrdersApi>>;
  let project: string;
  let settings: Record<string, unknown>;

  beforeAll(async () => {
    api = await startOrdersApi();
    const monitor = projectMonitor(`${api.url}/orders`);
    project = makeProject(monitor);
    settings = shardSettings(monitor);
  });
  afterAll(() => api?.close());

  async function mergeOne(manifest: Record<string, unknown> | string, runSettings: Record<string, unknown> | string) {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-bad-'));
    const shard = makeShard(join(root, 'shards'), manifest, runSettings);
    const result = await tagwatch(['merge', shard, '--out', join(root, 'reports')], project);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(shard);
    return lines[0]!;
  }

  it('shard.json that is not JSON', async () => {
    const line = await mergeOne('{"runId": "20261203-204345-644a", "shard": ', settings);
    expect(line).toMatch(/shard\.json: not valid JSON: a shard manifest as `tagwatch audit --shard i\/n` writes it/);
  });

  it('shard.json with a shard number that is not one, and a missing start time', async () => {
    const { startedAt: _startedAt, ...manifest } = shardManifest();
    const line = await mergeOne({ ...manifest, shard: { current: 'one', total: 1 } }, settings);
    expect(line).toMatch(/shard\.json: shard\.current: a whole number from 1/);
    expect(line).toMatch(/startedAt: .*ISO date-time/);
  });

  it('shard.json holding an array', async () => {
    const line = await mergeOne('[1, 2]', settings);
    expect(line).toMatch(/shard\.json: \(root\): an object/);
  });

  it('run-settings.json that is not JSON', async () => {
    const line = await mergeOne(shardManifest(), '{"runId": ');
    expect(line).toMatch(/run-settings\.json: not valid JSON: the run settings `tagwatch audit --shard i\/n` writes/);
  });

  it('run-settings.json whose monitor has no site, and an unknown field', async () => {
    const { site: _site, ...monitor } = settings.monitor as Record<string, unknown>;
    const line = await mergeOne(shardManifest(), { ...settings, monitor, extra: 1 });
    expect(line).toMatch(/run-settings\.json: .*monitor\.site: required/);
    expect(line).toMatch(/extra: unknown field/);
  });

  it('run-settings.json of another run than its shard.json', async () => {
    const line = await mergeOne(shardManifest(), { ...settings, runId: 'another-run-0001' });
    expect(line).toMatch(/run-settings\.json: runId: 'another-run-0001' is not the run of .*shard\.json \('20261203-204345-644a'\)/);
  });
});
