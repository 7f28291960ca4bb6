import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../package-paths.ts';

/**
 * The npm package as users get it: `npm pack` of the repository (its prepack step builds dist/),
 * installed into a project of its own. For the cli-start bench and the package tests.
 */

/** The repository can be packed: its TypeScript sources are there (an installed package has only dist/). */
export function canPack(repoDir: string = PACKAGE_DIR): boolean {
  return existsSync(join(repoDir, 'src', 'cli', 'main.ts')) && existsSync(join(repoDir, 'tsconfig.build.json'));
}

/** `npm pack` of the repository into `destDir` (an empty folder): the tarball's path. */
export async function packRepository(destDir: string, repoDir: string = PACKAGE_DIR): Promise<string> {
  if (!canPack(repoDir)) throw new Error(`${repoDir} is not a tagwatch repository (no src/cli/main.ts or tsconfig.build.json): only a checkout can be packed`);
  await npm(['pack', '--pack-destination', destDir], repoDir);
  const tarballs = readdirSync(destDir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destDir}: ${tarballs.join(', ')}`);
  return join(destDir, tarballs[0]!);
}

/**
 * `npm install <tarball>` into a project (a folder with a package.json), with the Playwright
 * the repository runs as the peer dependency: the same version, so the browser build it expects
 * is the one already downloaded, and npm's cache already holds it.
 */
export async function installPackage(projectDir: string, tarball: string): Promise<void> {
  if (!existsSync(join(projectDir, 'package.json'))) await npm(['init', '-y'], projectDir);
  await npm(['install', tarball, `playwright@${repositoryPlaywrightVersion()}`, '--prefer-offline', '--no-audit', '--no-fund'], projectDir);
  for (const name of ['tagwatch', 'playwright']) {
    if (!existsSync(join(projectDir, 'node_modules', name, 'package.json'))) throw new Error(`npm install left no node_modules/${name} in ${projectDir}`);
  }
}

function repositoryPlaywrightVersion(): string {
  const file = createRequire(import.meta.url).resolve('playwright/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * npm in `cwd`, output collected and shown only when it fails. npm_* variables of an enclosing
 * `npm test` or `npm run` (its package, its prefix) are left out: they would point this npm at
 * the repository instead of `cwd`. The cache and registry settings stay.
 */
function npm(args: string[], cwd: string): Promise<void> {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.has(name.toLowerCase())));
  delete env.INIT_CWD;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} in ${cwd} failed (${signal ?? `exit code ${code}`}):\n${output.slice(-8000)}`));
    });
  });
}
