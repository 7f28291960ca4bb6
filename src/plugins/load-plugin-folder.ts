import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { importDefault } from './import-default.ts';

export interface LoadedPlugins<T> {
  plugins: T[];
  /** One line per file that could not be used: which file, what is wrong, what to do. */
  diagnostics: string[];
}

/**
 * Adding a plugin is one new file: every `<id>.ts` in the folder is imported, its default export
 * checked, and its `id` must equal the file name. A broken file becomes a diagnostic, never a
 * crashed run, so one bad plugin cannot take the others down.
 */
export async function loadPluginFolder<T extends { id: string }>(
  dir: string,
  kind: string,
  isPlugin: (value: unknown) => value is T,
): Promise<LoadedPlugins<T>> {
  const diagnostics: string[] = [];
  const plugins: T[] = [];
  const seen = new Map<string, string>();
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.(test|d)\.ts$/.test(f)).sort();
  } catch (error) {
    return { plugins, diagnostics: [`${kind} folder ${dir} cannot be read: ${(error as Error).message}`] };
  }
  for (const file of files) {
    const expectedId = basename(file).replace(/\.(ts|js|mjs)$/, '');
    // The folder also holds its own contract and loader (define-*.ts, load-*.ts, index.ts).
    if (/^(define-|load-)/.test(expectedId) || expectedId === 'index') continue;
    const path = join(dir, file);
    let exported: unknown;
    try {
      exported = await importDefault(path);
    } catch (error) {
      diagnostics.push(`${kind} ${path} failed to load: ${(error as Error).message}. Fix the file or remove it.`);
      continue;
    }
    if (!isPlugin(exported)) {
      diagnostics.push(`${kind} ${path} does not export a ${kind} as default. Write: export default define…({ id: '${expectedId}', … }).`);
      continue;
    }
    if (exported.id !== expectedId) {
      diagnostics.push(`${kind} ${path} has id '${exported.id}' but its file is named '${expectedId}'. Make them equal.`);
      continue;
    }
    const previous = seen.get(exported.id);
    if (previous) {
      diagnostics.push(`${kind} id '${exported.id}' is defined twice (${previous} and ${path}). Keep one.`);
      continue;
    }
    seen.set(exported.id, path);
    plugins.push(exported);
  }
  return { plugins, diagnostics };
}
