#!/usr/bin/env node
// `npm run build` (and `prepack`): the npm package's compiled JavaScript and declarations in dist/.
// dist/ mirrors the repository (dist/src, dist/scenarios, dist/monitors, dist/reporters,
// dist/playwright.config.js) so that src/package-paths.ts finds tagwatch's own files the same
// way from the sources and from the package. The repository's dev loop needs no build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

/**
 * Files the code reads at run time beside its modules (readFileSync(new URL(..., import.meta.url))):
 * tsc emits only what it compiles, so they are copied as they are.
 */
const RUNTIME_ASSETS = ['src/demo-shop/assets'];

const log = (line) => process.stdout.write(`tagwatch build: ${line}\n`);

rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
log('tsc -p tsconfig.build.json');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  // A package built from code that does not type-check is not published: prepack fails with it.
  process.stderr.write(`tagwatch build: tsc failed (${compiled.status === null ? `signal ${compiled.signal}` : `exit code ${compiled.status}`}); dist/ is incomplete, fix the errors above\n`);
  process.exit(1);
}

// tsc 5.9 leaves `import('./x.ts')` unrewritten inside `export default <expression>` (write the
// definition to a const first): compiled code still naming a .ts file would fail in the package.
const RELATIVE_TS_SPECIFIER = /\bimport\s*\(\s*(['"])\.{1,2}\/[^'"\n]*?\.(ts|tsx|mts|cts)\1/;
const unrewritten = listFiles(dist).filter((file) => /\.[cm]?js$/.test(file) && RELATIVE_TS_SPECIFIER.test(readFileSync(join(root, file), 'utf8')));
if (unrewritten.length) {
  process.stderr.write(`tagwatch build: compiled code still imports .ts files in ${unrewritten.join(', ')}: move \`export default defineX({...})\` into a const exported after it\n`);
  process.exit(1);
}

for (const asset of RUNTIME_ASSETS) {
  const from = join(root, asset);
  if (!existsSync(from)) throw new Error(`runtime asset ${asset} is missing`);
  cpSync(from, join(dist, asset), { recursive: true });
  log(`copied ${asset}/ (${countFiles(from)} files)`);
}

// Only compiled code and declarations: a .ts source here would be a file tsc copied by mistake.
const stray = listFiles(dist).filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file));
if (stray.length) {
  process.stderr.write(`tagwatch build: TypeScript sources in dist/: ${stray.join(', ')}\n`);
  process.exit(1);
}
log(`dist/: ${listFiles(dist).length} files`);

function listFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dirname(dist), path));
}

function countFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((name) => statSync(join(dir, String(name))).isFile()).length;
}
