import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackage, packRepository } from '../../src/bench/pack-install.ts';

let packed: Promise<string> | undefined;

/**
 * `npm pack` of the repository, as it would be published: its prepack step builds dist/ (the
 * whole project is compiled: a minute or more). Once per test process; the tarball's path.
 */
export function packTagwatch(): Promise<string> {
  packed ??= packRepository(mkdtempSync(join(tmpdir(), 'tagwatch-pack-')));
  return packed;
}

/**
 * `npm install <tarball> --prefer-offline --no-audit --no-fund` into a project (created with
 * `npm init -y` when it has no package.json), with Playwright as the peer dependency: the
 * repository's version, which npm's cache holds after `npm ci`.
 */
export function installInto(projectDir: string, tarball: string): Promise<void> {
  return installPackage(projectDir, tarball);
}
