import { fileURLToPath } from 'node:url';
import { loadPluginFolder, type LoadedPlugins, type PluginKind } from '../plugins/load-plugin-folder.ts';
import { conditionProblems, type ConditionDefinition } from './define-condition.ts';

/** The built-in conditions' folder. */
export const CONDITIONS_DIR = fileURLToPath(new URL('.', import.meta.url));

export const CONDITION_KIND: PluginKind = { name: 'condition', defineFunction: 'defineCondition', problemsOf: conditionProblems };

export function loadConditions(dir = CONDITIONS_DIR): Promise<LoadedPlugins<ConditionDefinition>> {
  return loadPluginFolder(dir, CONDITION_KIND);
}
