import { fileURLToPath } from 'node:url';
import type { PluginKind } from '../plugins/load-plugin-folder.ts';
import { conditionProblems } from './define-condition.ts';

/** The built-in conditions' folder. */
export const CONDITIONS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** What a condition file is, for the plugin loader (src/project/plugins.ts loads them with the project's own). */
export const CONDITION_KIND: PluginKind = { name: 'condition', defineFunction: 'defineCondition', problemsOf: conditionProblems };
