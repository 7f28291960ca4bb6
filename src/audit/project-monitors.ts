import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nearestPackageDir } from '../monitor/project.ts';
import { DEFAULT_MONITOR } from './resolve-monitor.ts';

const MONITOR_FILE = /\.monitor\.(ts|mts|js|mjs)$/;

/**
 * The monitors `tagwatch audit` and `tagwatch schedule` run when given none: the project's
 * monitors/*.monitor.ts (as `playwright test` runs the project's tests), sorted; outside a
 * project with monitors, the embedded demo shop's.
 */
export function defaultMonitorFiles(cwd: string = process.cwd()): { files: string[]; fromProject: boolean } {
  const dir = join(nearestPackageDir(cwd) ?? cwd, 'monitors');
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => MONITOR_FILE.test(name)).sort().map((name) => join(dir, name)) : [];
  return files.length ? { files, fromProject: true } : { files: [DEFAULT_MONITOR], fromProject: false };
}
