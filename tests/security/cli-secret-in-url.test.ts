import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Monitor } from '../../src/monitor/schema.ts';
import { writeRunSettings, type RunSettings } from '../../src/record/run-settings.ts';
import { filesUnder, makeProject, makeShard, projectMonitor, RUN_ID, shardManifest, shardSettings, startOrdersApi, tagwatch } from './shard-folders.ts';

const API_KEY = 'sk-live-4f1c2b9e8d7a6';

/**
 * A credential written in a URL of the monitor (`orders.url: '...?api_key=...'`, `user:pass@`)
 * stays out of the run folder (reports are uploaded as CI artifacts), while whatever needs the
 * real URL still gets it.
 */
describe('secrets in URLs', () => {
  it('run-settings.json holds the URLs with credential parameters and user:password masked, the other parameters as written', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'tagwatch-secret-settings-'));
    const url = 'https://backoffice:hunter2pw@shop.example/api/orders?api_key=K1secret&page=2&Access_Token=K2secret&sig=K3secret&authKey=K4secret&X-Amz-Signature=K5secret&client_secret=K6secret&per_page=50';
    const recorded = JSON.parse(readFileSync(join('tests', 'fixtures', 'runs', 'demo-pass', 'run-settings.json'), 'utf8')) as RunSettings;
    const monitor = { ...recorded.monitor, orders: { source: 'rest-json', waitSeconds: 0, cleanup: false, url } } as Monitor;
    const settings: RunSettings = { ...recorded, runDir, monitor };
    writeRunSettings(settings);
    const written = readFileSync(join(runDir, 'run-settings.json'), 'utf8');
    expect(written).not.toMatch(/K\dsecret|hunter2pw/);
    const { monitor: saved } = JSON.parse(written) as RunSettings;
    expect(saved.orders?.url).toBe('https://***@shop.example/api/orders?api_key=***&page=2&Access_Token=***&sig=***&authKey=***&X-Amz-Signature=***&client_secret=***&per_page=50');
    // The caller's settings keep the real URL: the audit reads orders with it after the journeys.
    expect(settings.monitor.orders?.url).toBe(url);
  });

  describe('a merge whose project monitor reads orders from a URL with an api_key', () => {
    let api: Awaited<ReturnType<typeof startOrdersApi>>;
    let root: string;
    let merged: Awaited<ReturnType<typeof tagwatch>>;
    let project: string;

    beforeAll(async () => {
      api = await startOrdersApi();
      const monitor = projectMonitor(`${api.url}/orders?api_key=${API_KEY}&shop=main`);
      project = makeProject(monitor);
      root = mkdtempSync(join(tmpdir(), 'tagwatch-secret-merge-'));
      // As the shard wrote it: with the key masked.
      const shard = makeShard(join(root, 'shards'), shardManifest(), shardSettings(projectMonitor(`${api.url}/orders?api_key=***&shop=main`)));
      merged = await tagwatch(['merge', shard, '--out', join(root, 'reports')], project);
    });
    afterAll(() => api?.close());

    it('reads the orders with the real key, and no file of the run folder, nor the output, holds it', () => {
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(0);
      expect(api.seen.length).toBeGreaterThan(0);
      for (const request of api.seen) expect(new URL(request.url, api.url).searchParams.get('api_key')).toBe(API_KEY);
      expect(merged.stdout).not.toContain(API_KEY);
      const files = filesUnder(join(root, 'reports'));
      expect(files.map((f) => f.slice(join(root, 'reports', RUN_ID).length + 1))).toEqual(expect.arrayContaining(['run-settings.json', 'inputs.json', 'results.json', 'report.html', 'junit.xml', 'run-log.ndjson']));
      for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(API_KEY);
      expect(readFileSync(join(root, 'reports', RUN_ID, 'run-settings.json'), 'utf8')).toContain('api_key=***&shop=main');
    });

    it('`tagwatch report` judges the run folder again offline to the same verdict, with the key still out of it', async () => {
      const results = readFileSync(join(root, 'reports', RUN_ID, 'results.json'), 'utf8');
      const before = api.seen.length;
      const outcomeFile = join(root, 'outcome.json');
      const again = await tagwatch(['report', join(root, 'reports', RUN_ID)], project, { TAGWATCH_OUTCOME_FILE: outcomeFile });
      expect(again.stderr).toBe('');
      expect(again.code).toBe(merged.code);
      expect(api.seen.length).toBe(before);
      expect(readFileSync(join(root, 'reports', RUN_ID, 'results.json'), 'utf8')).toBe(results);
      for (const file of filesUnder(root)) expect(readFileSync(file, 'utf8'), file).not.toContain(API_KEY);
    });
  });
});
