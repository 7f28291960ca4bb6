import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo shop's scenarios in this repository, for test monitors written outside it. */
export const DEMO_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The fields every monitor must have, for tests about the others: a site and an order source. */
export const REQUIRED_FIELDS = {
  site: { baseUrl: 'https://shop.example' },
  orders: { source: 'rest-json', url: 'https://shop.example/api/orders' },
} as const;

/**
 * The fields that make a test monitor audit the embedded demo shop as its own monitor does: the
 * shop started as the site's web server (with fault switches), its orders API, the repository's
 * demo scenarios. Spread into a monitor object written to a temp file.
 */
export function demoShopFields(options: { faults?: string[]; waitSeconds?: number } = {}) {
  const faults = options.faults?.length ? ` --faults ${options.faults.join(',')}` : '';
  return {
    site: { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: `tagwatch demo-shop --port {port}${faults}`, url: 'http://127.0.0.1:{port}/' } },
    orders: { source: 'demo', url: 'http://127.0.0.1:{port}', waitSeconds: options.waitSeconds ?? 3 },
    scenariosDir: DEMO_SCENARIOS_DIR,
  };
}

/** A monitor object with the required fields filled, `fields` on top. */
export function minimalMonitor<T extends object>(fields: T): typeof REQUIRED_FIELDS & T {
  return { ...REQUIRED_FIELDS, ...fields };
}

/**
 * A project folder in the temp dir: package.json (ESM: its TypeScript files import tagwatch's
 * sources by path, which are ESM), and the files given (path -> content).
 */
export function tempProject(files: Record<string, string> = {}, prefix = 'tagwatch-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }, null, 2));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
