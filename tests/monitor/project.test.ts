import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectDir, resolveProjectPaths } from '../../src/monitor/project.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { defaultMonitorFiles } from '../../src/audit/project-monitors.ts';
import { DEFAULT_MONITOR } from '../../src/audit/resolve-monitor.ts';
import { minimalMonitor, tempProject } from '../support/monitors.ts';

describe("a monitor's project", () => {
  it('is the nearest folder with a package.json above the monitor; its paths are relative to it', () => {
    const project = tempProject({ 'monitors/shop/checkout.monitor.ts': '' });
    const file = join(project, 'monitors/shop/checkout.monitor.ts');
    expect(findProjectDir(file)).toBe(project);
    const monitor = resolveProjectPaths(
      validateMonitor(minimalMonitor({ name: 'shop', expect: { ga4: {} }, plugins: { vendors: ['plugins/vendors', '/abs/vendor.ts'] }, site: { baseUrl: 'http://localhost:4173', webServer: { command: 'npm run preview', cwd: 'site' } } }), file),
      project,
    );
    expect(monitor.scenariosDir).toBe(join(project, 'scenarios'));
    expect(monitor.plugins.vendors).toEqual([join(project, 'plugins/vendors'), '/abs/vendor.ts']);
    expect(monitor.site.webServer?.cwd).toBe(join(project, 'site'));
    expect(resolveProjectPaths(validateMonitor(minimalMonitor({ name: 'shop', expect: { ga4: {} }, scenariosDir: 'e2e/journeys' }), file), project).scenariosDir).toBe(join(project, 'e2e/journeys'));
  });

  it('without a package.json, the folder holding monitors/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-bare-'));
    mkdirSync(join(dir, 'monitors'));
    expect(findProjectDir(join(dir, 'monitors', 'a.monitor.ts'))).toBe(dir);
    expect(findProjectDir(join(dir, 'a.monitor.ts'))).toBe(dir);
  });

  it("`tagwatch audit` without a file runs the project's monitors, else the demo shop's", () => {
    const project = tempProject({ 'monitors/b.monitor.ts': '', 'monitors/a.monitor.mjs': '', 'monitors/notes.md': '' });
    mkdirSync(join(project, 'src'));
    expect(defaultMonitorFiles(join(project, 'src'))).toEqual({ files: [join(project, 'monitors/a.monitor.mjs'), join(project, 'monitors/b.monitor.ts')], fromProject: true });
    const empty = mkdtempSync(join(tmpdir(), 'tagwatch-empty-'));
    writeFileSync(join(empty, 'package.json'), '{}');
    expect(defaultMonitorFiles(empty)).toEqual({ files: [DEFAULT_MONITOR], fromProject: false });
  });
});
