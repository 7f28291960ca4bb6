import { fileURLToPath } from 'node:url';
import { loadPluginFolder, type LoadedPlugins } from '../plugins/load-plugin-folder.ts';
import { sourceDefinitionProblems, type OrderSourceDefinition } from './define-order-source.ts';

const SOURCES_DIR = fileURLToPath(new URL('./sources/', import.meta.url));

export function loadOrderSources(dir = SOURCES_DIR): Promise<LoadedPlugins<OrderSourceDefinition>> {
  return loadPluginFolder(dir, { name: 'order source', defineFunction: 'defineOrderSource', problemsOf: sourceDefinitionProblems });
}
