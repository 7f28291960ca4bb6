import { VENDOR_KIND, VENDORS_DIR } from '../catalog/load-vendors.ts';
import type { VendorDefinition } from '../catalog/define-vendor.ts';
import { collectorVendor, type CollectorDeclaration } from '../catalog/first-party-collector.ts';
import { CONDITION_KIND, CONDITIONS_DIR } from '../conditions/load-conditions.ts';
import type { ConditionDefinition } from '../conditions/define-condition.ts';
import type { OrderSourceDefinition } from '../orders/define-order-source.ts';
import { ORDER_SOURCE_KIND, SOURCES_DIR } from '../orders/load-order-sources.ts';
import { REPORTER_KIND, REPORTERS_DIR } from '../report/run-reporters.ts';
import type { ReporterDefinition } from '../report/define-reporter.ts';
import { loadPluginSources, type PluginKind } from '../plugins/load-plugin-folder.ts';

/** Where a monitor's own plugins are: absolute folders or files per kind (monitor `plugins`, resolved). */
export interface PluginPaths {
  vendors: string[];
  conditions: string[];
  orderSources: string[];
  reporters: string[];
  /** The first-party collectors the monitor declares (`collectors`): vendors, after the files' ones. */
  collectors?: CollectorDeclaration[];
}

export const NO_PROJECT_PLUGINS: PluginPaths = { vendors: [], conditions: [], orderSources: [], reporters: [] };

interface KindOf {
  vendors: VendorDefinition;
  conditions: ConditionDefinition;
  orderSources: OrderSourceDefinition;
  reporters: ReporterDefinition;
}

const KINDS: { [K in keyof KindOf]: { dir: string; kind: PluginKind } } = {
  vendors: { dir: VENDORS_DIR, kind: VENDOR_KIND },
  conditions: { dir: CONDITIONS_DIR, kind: CONDITION_KIND },
  orderSources: { dir: SOURCES_DIR, kind: ORDER_SOURCE_KIND },
  reporters: { dir: REPORTERS_DIR, kind: REPORTER_KIND },
};

export interface ProjectPluginsOf<T> {
  /** Built-in plugins, then the project's, in the order the monitor names them. */
  plugins: T[];
  /** Problems of built-in plugin files: the run goes on without them, and says so in the verdict. */
  diagnostics: string[];
  /** Problems of the project's plugin files: the audit refuses to start (the user named those paths). */
  projectDiagnostics: string[];
}

/** One kind of plugin, built in and the monitor's own: the same checks and diagnostics for both. */
export async function loadProjectPlugins<K extends keyof KindOf>(kind: K, paths: PluginPaths = NO_PROJECT_PLUGINS): Promise<ProjectPluginsOf<KindOf[K]>> {
  const { dir, kind: pluginKind } = KINDS[kind];
  const loaded = await loadPluginSources<KindOf[K]>(dir, paths[kind], pluginKind);
  if (kind !== 'vendors' || !paths.collectors?.length) return loaded;
  return withCollectors(loaded as ProjectPluginsOf<VendorDefinition>, paths.collectors) as ProjectPluginsOf<KindOf[K]>;
}

/**
 * The vendors with the monitor's collectors after them. A collector whose id a vendor file already
 * has, or whose declaration is unusable (a run folder edited by hand), is left out and explained
 * with the project's problems: the audit refuses to start, a worker fails its journeys.
 */
function withCollectors(loaded: ProjectPluginsOf<VendorDefinition>, collectors: CollectorDeclaration[]): ProjectPluginsOf<VendorDefinition> {
  const plugins = [...loaded.plugins];
  const projectDiagnostics = [...loaded.projectDiagnostics];
  collectors.forEach((declaration, index) => {
    if (plugins.some((vendor) => vendor.id === declaration.id)) {
      projectDiagnostics.push(`collectors.${index}.id: '${declaration.id}' is already the id of a vendor plugin; give the collector an id of its own`);
      return;
    }
    try {
      plugins.push(collectorVendor(declaration));
    } catch (error) {
      projectDiagnostics.push(`collectors.${index}: ${(error as Error).message}`);
    }
  });
  return { ...loaded, plugins, projectDiagnostics };
}
