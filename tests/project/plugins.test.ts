import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectPlugins, NO_PROJECT_PLUGINS } from '../../src/project/plugins.ts';
import { tempProject } from '../support/monitors.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** A vendor for a shop's own first-party collector, as a team writes it. */
const shopCollector = `import { defineVendor } from '${SRC}/catalog/define-vendor.ts';
export default defineVendor({
  id: 'shop-collector',
  label: 'Shop collector',
  category: 'analytics',
  patterns: [/\\/collect\\/v1\\b/],
  decode: (request, url) => [{ vendor: 'shop-collector', eventName: url.searchParams.get('e') ?? '', kind: 'other', params: {} }],
});
`;

describe("a monitor's own plugins", () => {
  it('load beside the built-in ones, from a folder or a single file, with the same checks', async () => {
    const project = tempProject({
      'plugins/vendors/shop-collector.ts': shopCollector,
      'plugins/vendors/broken.ts': "export default { id: 'broken', label: 'x' };\n",
      'plugins/conditions/slow-3g.ts': `import { defineCondition } from '${SRC}/conditions/define-condition.ts';\nexport default defineCondition({ id: 'slow-3g', description: 'a slow phone network' });\n`,
    });
    const vendors = await loadProjectPlugins('vendors', { ...NO_PROJECT_PLUGINS, vendors: [join(project, 'plugins/vendors')] });
    const ids = vendors.plugins.map((v) => v.id);
    expect(ids).toContain('ga4');
    expect(ids.at(-1)).toBe('shop-collector');
    expect(vendors.diagnostics).toEqual([]);
    expect(vendors.projectDiagnostics).toEqual([expect.stringMatching(/^.*\/plugins\/vendors\/broken\.ts: skipped, needs a `category`.*needs `patterns`.*needs a `decode/)]);

    const conditions = await loadProjectPlugins('conditions', { ...NO_PROJECT_PLUGINS, conditions: [join(project, 'plugins/conditions/slow-3g.ts')] });
    expect(conditions.plugins.map((c) => c.id)).toEqual(expect.arrayContaining(['baseline', 'adblock', 'slow-3g']));
    expect(conditions.projectDiagnostics).toEqual([]);
  });

  it('a path that does not exist, or an id that is built in, is a problem of the project, never a silent skip', async () => {
    const project = tempProject({ 'vendors/ga4.ts': shopCollector.replace("id: 'shop-collector'", "id: 'ga4'") });
    const loaded = await loadProjectPlugins('vendors', { ...NO_PROJECT_PLUGINS, vendors: [join(project, 'nope'), join(project, 'vendors')] });
    expect(loaded.projectDiagnostics).toEqual([
      `${join(project, 'nope')}: no such vendor file or folder; fix the path in the monitor (relative to the project)`,
      `${join(project, 'vendors')}: vendor id 'ga4' is built in; give yours another id`,
    ]);
    expect(loaded.plugins.filter((v) => v.id === 'ga4')).toHaveLength(1);
  });
});
