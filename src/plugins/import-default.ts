import { existsSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUNS_FROM_SOURCES } from '../package-paths.ts';

/** Users' monitors and plugins: TypeScript files tagwatch imports (`.tsx` too, though a plugin has no JSX). */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/i;

/**
 * The default export of a user's file (a monitor, a vendor, a condition, an order source, a
 * reporter). Outside an ESM package (no "type": "module") a TypeScript file is compiled as
 * CommonJS and Node hands back `{ default: { default: value } }`: unwrap it.
 */
export async function importDefault(path: string): Promise<unknown> {
  const typescript = TYPESCRIPT_FILE.test(path);
  if (typescript) await ensureTypeScriptLoader();
  // A TypeScript file of a CommonJS project goes through the CommonJS loader when one compiles
  // TypeScript (Playwright's in its runner and workers, tsx's): their ESM hooks would hand Node
  // the file's `import` statements as CommonJS ("Cannot use import statement outside a module").
  const required = typescript && compilesAsCommonJs(path) && createRequire(import.meta.url).extensions['.ts'] !== undefined;
  const module = (required ? createRequire(path)(path) : await import(pathToFileURL(path).href)) as { default?: unknown };
  let value = module.default;
  if (value && typeof value === 'object' && Object.keys(value).length === 1 && 'default' in value) {
    value = (value as { default: unknown }).default;
  }
  return value;
}

let registration: Promise<void> | undefined;

/**
 * The compiled package registers tsx (ESM and CommonJS: a user's project may be either) the first
 * time it imports a user's TypeScript file, never at start: `tagwatch --help` or `decode` load
 * no compiler. Nothing is registered where TypeScript is compiled already: tagwatch's own
 * sources run (the repository's bin registered tsx; vitest and Playwright compile), or Playwright
 * Test's runner and workers, which load tagwatch's playwright.config and journey fixtures. There,
 * Playwright compiles every file outside node_modules with its own loader; tsx chained on top of
 * it would compile them again and break the source maps of its test locations and errors.
 */
export function ensureTypeScriptLoader(): Promise<void> {
  if (registration) return registration;
  if (RUNS_FROM_SOURCES || typeScriptLoaderPresent()) return Promise.resolve();
  registration = (async () => {
    const [{ register }, { register: registerCommonJs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    register();
    registerCommonJs();
    useDefinitionsEntry();
  })();
  return registration;
}

/**
 * From now on in this process (tagwatch's own: the compiled CLI, or a script calling runAudit),
 * an ES module importing 'tagwatch' (a monitor, a plugin) gets its definitions without Playwright
 * (package.json's `tagwatch-definitions` condition, src/definitions.ts): loading Playwright there
 * took most of a second before the site started. Never in Playwright's runner and workers, which
 * need the whole entry for the scenarios (they have a TypeScript loader: not called there). The
 * repository's bin sets the same condition for the sources.
 */
function useDefinitionsEntry(): void {
  register(`data:text/javascript,${encodeURIComponent(`export function resolve(specifier, context, next) {
    return next(specifier, { ...context, conditions: [...context.conditions, 'tagwatch-definitions'] });
  }`)}`);
}

/** Whether this process already compiles TypeScript on import, with more than Node's own type stripping. */
export function typeScriptLoaderPresent(): boolean {
  // A Playwright Test worker (set before it loads the config, the fixtures and the test files).
  if (process.env.TEST_WORKER_INDEX !== undefined) return true;
  const extensions = createRequire(import.meta.url).extensions as unknown as Record<string, unknown>;
  const handler = extensions['.ts'];
  if (handler === undefined) return false;
  // A Node without TypeScript of its own (Node 20): the handler is Playwright's runner's, tsx's, ts-node's.
  if (!(process.features as { typescript?: unknown }).typescript) return true;
  // Node's own type stripping loads no enum and no `./x.js` import of x.ts: tsx is still needed.
  // Playwright's in-thread hooks (Node 22.15+) give .ts the .js handler, which they compile.
  return handler === extensions['.js'];
}

/** Whether Node runs this TypeScript file as CommonJS: `.cts`, or `.ts` in a package that is not "type": "module". */
function compilesAsCommonJs(path: string): boolean {
  if (/\.cts$/i.test(path)) return true;
  if (/\.mts$/i.test(path)) return false;
  for (let dir = dirname(path); ; ) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type !== 'module';
      } catch {
        return true;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}
