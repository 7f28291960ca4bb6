import { fileURLToPath } from 'node:url';
import type { PluginKind } from '../plugins/load-plugin-folder.ts';
import { sourceDefinitionProblems } from './define-order-source.ts';

/** The built-in order sources' folder. */
export const SOURCES_DIR = fileURLToPath(new URL('./sources/', import.meta.url));

/** What an order source file is, for the plugin loader (src/project/plugins.ts loads them with the project's own). */
export const ORDER_SOURCE_KIND: PluginKind = { name: 'order source', defineFunction: 'defineOrderSource', problemsOf: sourceDefinitionProblems };
