import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where tagwatch's own files are. In the repository the code runs as TypeScript from the
 * repository root; in the npm package it runs as compiled JavaScript from dist/, which keeps the
 * same layout (dist/src, dist/scenarios, dist/monitors, dist/reporters, dist/playwright.config.js).
 */

/** Folder holding src/, scenarios/, monitors/, reporters/ and playwright.config: the repository root, or the package's dist/. */
export const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The code runs from its TypeScript sources (the repository's dev loop), not from the compiled package. */
export const RUNS_FROM_SOURCES = new URL(import.meta.url).pathname.endsWith('.ts');

/** Extension of tagwatch's own code files where it runs: '.ts' in the repository, '.js' in the package. */
export const CODE_EXTENSION = RUNS_FROM_SOURCES ? '.ts' : '.js';

/** The installed package's (or the repository's) root: where package.json and bin/ are. */
export const PACKAGE_DIR = findPackageDir(CODE_ROOT);

/** The `tagwatch` command as a script Node runs: bin/tagwatch.js. */
export const TAGWATCH_BIN = join(PACKAGE_DIR, 'bin', 'tagwatch.js');

/** A folder with a `tagwatch` executable, put on the PATH of a site's web server command. */
export const TAGWATCH_PATH_DIR = join(PACKAGE_DIR, 'bin', 'path');

/** A file of tagwatch's own code, by its path without extension: codeFile('monitors/demo-shop.monitor'). */
export function codeFile(pathWithoutExtension: string): string {
  return join(CODE_ROOT, pathWithoutExtension + CODE_EXTENSION);
}

function findPackageDir(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'tagwatch.js'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
