import { fileURLToPath } from 'node:url';
import { loadPluginFolder, type LoadedPlugins } from '../plugins/load-plugin-folder.ts';
import { conditionProblems, type ConditionDefinition } from './define-condition.ts';

const CONDITIONS_DIR = fileURLToPath(new URL('.', import.meta.url));

export function loadConditions(dir = CONDITIONS_DIR): Promise<LoadedPlugins<ConditionDefinition>> {
  return loadPluginFolder(dir, { name: 'condition', defineFunction: 'defineCondition', problemsOf: conditionProblems });
}
