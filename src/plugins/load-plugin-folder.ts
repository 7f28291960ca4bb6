import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { importDefault } from './import-default.ts';

export interface LoadedPlugins<T> {
  /** Valid plugins, sorted by file name (= id) so behaviour never depends on directory order. */
  plugins: T[];
  /** One line per file that could not be used: which file, what is wrong, what to do. */
  diagnostics: string[];
}

export interface PluginKind {
  /** Singular name for messages: 'vendor', 'condition', 'order source', 'reporter'. */
  name: string;
  /** The define function authors call, for messages: 'defineVendor'. */
  defineFunction: string;
  /** Kind-specific problems of an exported object (besides its id). Empty when it is valid. */
  problemsOf(candidate: Record<string, unknown>): string[];
}

/** Plugin files: sources, not their tests, declarations, nor the folder's own contract and loader. */
function isPluginFile(name: string): boolean {
  if (!/\.(ts|mts|js|mjs)$/.test(name) || /\.(test|spec|d)\.m?ts$/.test(name)) return false;
  return !/^(define-|load-|index\.)/.test(name);
}

function declaredId(exported: unknown): string | undefined {
  const id = (exported as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Every problem of a default export, so an author fixes them in one go. */
function problemsOf(candidate: unknown, file: string, expectedId: string, kind: PluginKind): string[] {
  if (candidate === undefined) return [`has no default export; add \`export default ${kind.defineFunction}({ ... })\``];
  if (candidate === null || typeof candidate !== 'object') return [`its default export is not a ${kind.name} definition; export \`${kind.defineFunction}({ ... })\``];
  const problems: string[] = [];
  const id = (candidate as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '') problems.push(`needs a string \`id\`; set id: '${expectedId}'`);
  else if (id !== expectedId) problems.push(`declares id '${id}' but the file is named ${file}; make them equal`);
  return [...problems, ...kind.problemsOf(candidate as Record<string, unknown>)];
}

/**
 * Adding a plugin is one new file: every `<id>.ts` of the folder is imported and checked, and
 * its `id` must equal the file name. There is no central list. Never throws: a file that fails
 * to load or validate is left out and explained, so one bad plugin cannot take the others down.
 */
export async function loadPluginFolder<T>(dir: string, kind: PluginKind): Promise<LoadedPlugins<T>> {
  const diagnostics: string[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isPluginFile).sort();
  } catch (error) {
    return { plugins: [], diagnostics: [`${dir}: cannot read the ${kind.name} folder (${(error as Error).message}); check the path`] };
  }

  const loaded: { file: string; expectedId: string; exported: unknown }[] = [];
  for (const file of names) {
    try {
      loaded.push({ file, expectedId: basename(file).replace(/\.(ts|mts|js|mjs)$/, ''), exported: await importDefault(join(dir, file)) });
    } catch (error) {
      diagnostics.push(`${file}: failed to load (${(error as Error).message}); fix the error in this file`);
    }
  }

  // All ids first, so a copied file is reported whichever name sorts first: the file named
  // after the id keeps it, the copy is skipped.
  const filesById = new Map<string, string[]>();
  for (const { file, exported } of loaded) {
    const id = declaredId(exported);
    if (id !== undefined) filesById.set(id, [...(filesById.get(id) ?? []), file]);
  }

  const plugins: T[] = [];
  for (const { file, expectedId, exported } of loaded) {
    const problems = problemsOf(exported, file, expectedId, kind);
    const id = declaredId(exported);
    const others = (id === undefined ? [] : (filesById.get(id) ?? [])).filter((other) => other !== file);
    // A correctly named file loses its id only to another correctly named one (x.js beside x.ts).
    const sameName = others.filter((other) => other.replace(/\.(ts|mts|js|mjs)$/, '') === expectedId && other < file);
    if (others.length > 0 && (id !== expectedId || sameName.length > 0)) {
      problems.push(`${kind.name} id '${id}' is also declared in ${others.join(', ')}; keep one definition per id`);
    }
    if (problems.length > 0) diagnostics.push(`${file}: skipped, ${problems.join('; ')}`);
    else plugins.push(exported as T);
  }
  return { plugins, diagnostics };
}

/**
 * The built-in plugins of a kind plus the project's own (monitor `plugins.<kind>`: folders or
 * single files). A project plugin whose id is built in, or declared by another project file, is
 * left out. `projectDiagnostics` holds the problems of the project's files apart: the user named
 * those paths, so the audit refuses to start with them rather than silently skip one.
 */
export async function loadPluginSources<T>(builtInDir: string, projectPaths: string[], kind: PluginKind): Promise<LoadedPlugins<T> & { projectDiagnostics: string[] }> {
  const builtIn = await loadPluginFolder<T>(builtInDir, kind);
  const plugins = [...builtIn.plugins];
  const projectDiagnostics: string[] = [];
  const owner = new Map<string, string>(plugins.map((plugin) => [declaredId(plugin)!, 'built in']));
  for (const path of projectPaths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch {
      projectDiagnostics.push(`${path}: no such ${kind.name} file or folder; fix the path in the monitor (relative to the project)`);
      continue;
    }
    const loaded = isFolder ? await loadPluginFolder<T>(path, kind) : await loadPluginFile<T>(path, kind);
    const where = isFolder ? `${path}/` : '';
    projectDiagnostics.push(...loaded.diagnostics.map((line) => (isFolder ? `${where}${line}` : line)));
    for (const plugin of loaded.plugins) {
      const id = declaredId(plugin)!;
      const other = owner.get(id);
      if (other) {
        projectDiagnostics.push(`${path}: ${kind.name} id '${id}' is ${other === 'built in' ? 'built in' : `also declared in ${other}`}; give yours another id`);
        continue;
      }
      owner.set(id, path);
      plugins.push(plugin);
    }
  }
  return { plugins, diagnostics: builtIn.diagnostics, projectDiagnostics };
}

/** One plugin file named directly by a monitor: the same checks as a file of a folder. */
async function loadPluginFile<T>(path: string, kind: PluginKind): Promise<LoadedPlugins<T>> {
  const file = basename(path);
  const expectedId = file.replace(/\.(ts|mts|js|mjs)$/, '');
  let exported: unknown;
  try {
    exported = await importDefault(path);
  } catch (error) {
    return { plugins: [], diagnostics: [`${path}: failed to load (${(error as Error).message}); fix the error in this file`] };
  }
  const problems = problemsOf(exported, file, expectedId, kind);
  return problems.length ? { plugins: [], diagnostics: [`${path}: skipped, ${problems.join('; ')}`] } : { plugins: [exported as T], diagnostics: [] };
}
