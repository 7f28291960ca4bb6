import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Monitor } from './schema.ts';

/**
 * The project a monitor belongs to: the nearest folder above the monitor file holding a
 * package.json (the shop team's repository, where tagwatch is installed). Without one, the folder
 * holding `monitors/`, else the monitor's own folder. Relative paths in a monitor (scenariosDir,
 * plugins, webServer.cwd) are relative to it, as Playwright's are to its config.
 */
export function findProjectDir(monitorFile: string): string {
  const start = dirname(resolve(monitorFile));
  return nearestPackageDir(start) ?? (basename(start) === 'monitors' ? dirname(start) : start);
}

/** The nearest folder at or above `folder` holding a package.json, if any. */
export function nearestPackageDir(folder: string): string | undefined {
  for (let dir = resolve(folder); ; ) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function inProject(projectDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(projectDir, path);
}

/**
 * The monitor with its paths made absolute against its project, so the journey workers (which
 * run elsewhere) read the same folders: scenariosDir (default <project>/scenarios), plugins,
 * webServer.cwd (default the project).
 */
export function resolveProjectPaths(monitor: Monitor, projectDir: string): Monitor {
  const plugins = monitor.plugins;
  return {
    ...monitor,
    scenariosDir: inProject(projectDir, monitor.scenariosDir ?? 'scenarios'),
    plugins: {
      vendors: plugins.vendors.map((p) => inProject(projectDir, p)),
      conditions: plugins.conditions.map((p) => inProject(projectDir, p)),
      orderSources: plugins.orderSources.map((p) => inProject(projectDir, p)),
      reporters: plugins.reporters.map((p) => inProject(projectDir, p)),
      ...(plugins.collectors ? { collectors: plugins.collectors } : {}),
    },
    site: {
      ...monitor.site,
      ...(monitor.site.webServer ? { webServer: { ...monitor.site.webServer, cwd: inProject(projectDir, monitor.site.webServer.cwd ?? '.') } } : {}),
    },
  };
}
