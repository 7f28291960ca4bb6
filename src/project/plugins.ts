import { VENDOR_KIND, VENDORS_DIR } from '../catalog/load-vendors.ts';
import type { VendorDefinition } from '../catalog/define-vendor.ts';
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
export function loadProjectPlugins<K extends keyof KindOf>(kind: K, paths: PluginPaths = NO_PROJECT_PLUGINS): Promise<ProjectPluginsOf<KindOf[K]>> {
  const { dir, kind: pluginKind } = KINDS[kind];
  return loadPluginSources<KindOf[K]>(dir, paths[kind], pluginKind);
}
