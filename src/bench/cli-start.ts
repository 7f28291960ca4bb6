import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_DIR, TAGWATCH_BIN } from '../package-paths.ts';
import { UserError } from '../user-error.ts';
import { canPack, installPackage, packRepository } from './pack-install.ts';

/** What a user waits for before tagwatch does anything: `tagwatch --help` from the installed package. */
export const CLI_START_TARGET_SECONDS = 0.3;

export interface CliStartResult {
  /** Each `--help` of the installed package's bin/tagwatch.js, in seconds. */
  installed: number[];
  /** Each `--help` of the repository's bin/tagwatch.js (TypeScript sources through tsx). */
  dev: number[];
  /** Each `node -e 0`: the floor any Node command has on this machine now (a busy machine raises it). */
  bare: number[];
  tarballBytes: number;
}

/**
 * Packs and installs tagwatch into a fresh project, then times `node bin/tagwatch.js --help`
 * there and in the repository, alternately (drift on a busy machine hits both alike), after one
 * untimed start of each (file system caches).
 */
export async function measureCliStart(runs: number): Promise<CliStartResult> {
  if (!canPack()) throw new UserError(`bench cli-start packs tagwatch from its repository, and ${PACKAGE_DIR} is an installed package: run it in a tagwatch checkout (npm run bench -- --only cli-start)`);
  const work = mkdtempSync(join(tmpdir(), 'tagwatch-bench-cli-'));
  try {
    const tarball = await packRepository(mkdtempSync(join(work, 'pack-')));
    const project = join(work, 'project');
    mkdirSync(project);
    await installPackage(project, tarball);
    const installedBin = join(project, 'node_modules', 'tagwatch', 'bin', 'tagwatch.js');
    const installed: number[] = [];
    const dev: number[] = [];
    const bare: number[] = [];
    timeHelp(installedBin, project);
    timeHelp(TAGWATCH_BIN, PACKAGE_DIR);
    for (let run = 0; run < runs; run++) {
      installed.push(timeHelp(installedBin, project));
      dev.push(timeHelp(TAGWATCH_BIN, PACKAGE_DIR));
      bare.push(timeNode(['-e', '0'], project));
    }
    return { installed, dev, bare, tarballBytes: statSync(tarball).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Wall time of one `node <bin> --help`, process start to exit. */
function timeHelp(bin: string, cwd: string): number {
  return timeNode([bin, '--help'], cwd, (stdout) => stdout.includes('Commands:'));
}

function timeNode(args: string[], cwd: string, succeeded: (stdout: string) => boolean = () => true): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0 || !succeeded(result.stdout)) {
    throw new Error(`node ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
  return seconds;
}
