import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeShard, projectMonitor, RUN_ID, shardManifest, shardSettings, startOrdersApi, tagwatch } from './shard-folders.ts';

const DEPLOY_KEY = 'deploy-key-7f3a9c1e5b2d';

/**
 * The merge job holds the order source's credentials (and more: CI_DEPLOY_KEY here). Which
 * variable is sent, and to which URL, must come from the project's own monitor, never from a
 * shard folder another job uploaded.
 */
describe('merge sends credentials only where the project says', () => {
  let honest: Awaited<ReturnType<typeof startOrdersApi>>;
  let attacker: Awaited<ReturnType<typeof startOrdersApi>>;
  let project: string;

  beforeAll(async () => {
    [honest, attacker] = await Promise.all([startOrdersApi(), startOrdersApi()]);
    project = makeProject(projectMonitor(`${honest.url}/orders`));
  });
  afterAll(async () => {
    await honest?.close();
    await attacker?.close();
  });

  it("a shard whose monitor reads orders from another URL with tokenEnv 'CI_DEPLOY_KEY' is refused (exit 2, one line); the secret goes nowhere", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-exfil-'));
    const crafted = projectMonitor(`${attacker.url}/orders`, { tokenEnv: 'CI_DEPLOY_KEY' });
    const shard = makeShard(join(root, 'shards'), shardManifest(), shardSettings(crafted));
    const merged = await tagwatch(['merge', shard, '--out', join(root, 'reports')], project, { CI_DEPLOY_KEY: DEPLOY_KEY });
    expect(attacker.seen).toEqual([]);
    expect(honest.seen).toEqual([]);
    expect(merged.code).toBe(2);
    expect(merged.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^tagwatch: .*run-settings\.json: monitor\.orders\.(url|tokenEnv) differs from the project's monitor .*shop\.monitor\.ts: /),
    ]);
    expect(merged.stderr + merged.stdout).not.toContain(DEPLOY_KEY);
    expect(existsSync(join(root, 'reports', RUN_ID))).toBe(false);
  });

  it('a shard whose alerts differ from the project monitor (another Slack token variable) is refused too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-alerts-'));
    const crafted = { ...projectMonitor(`${honest.url}/orders`), alerts: { slack: { channel: '#x', tokenEnv: 'CI_DEPLOY_KEY' } } };
    const shard = makeShard(join(root, 'shards'), shardManifest(), shardSettings(crafted));
    const merged = await tagwatch(['merge', shard, '--out', join(root, 'reports')], project, { CI_DEPLOY_KEY: DEPLOY_KEY });
    expect(merged.code).toBe(2);
    expect(merged.stderr.trim().split('\n')).toEqual([expect.stringMatching(/run-settings\.json: monitor\.alerts\.slack differs from the project's monitor/)]);
    expect(honest.seen).toEqual([]);
  });

  it('the same shard with the project monitor merges: orders read from the project URL, its token sent there only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tagwatch-merge-honest-'));
    const withToken = projectMonitor(`${honest.url}/orders`, { tokenEnv: 'ORDERS_TOKEN' });
    const tokenProject = makeProject(withToken);
    const shard = makeShard(join(root, 'shards'), shardManifest(), shardSettings(withToken));
    const merged = await tagwatch(['merge', shard, '--out', join(root, 'reports')], tokenProject, { ORDERS_TOKEN: 'orders-token-1', CI_DEPLOY_KEY: DEPLOY_KEY });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(honest.seen.length).toBeGreaterThan(0);
    expect(honest.seen.map((r) => r.authorization)).toEqual(honest.seen.map(() => 'Bearer orders-token-1'));
    expect(attacker.seen).toEqual([]);
  });
});
