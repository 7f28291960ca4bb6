import { spawnSync } from 'node:child_process';

/** Installs Debian packages where this process may (root, apt-get present); false otherwise. */
export function aptInstall(packages: string[], log: (line: string) => void): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isRoot || spawnSync('which', ['apt-get']).status !== 0) return false;
  log(`installing the OS package${packages.length > 1 ? 's' : ''} ${packages.join(', ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}
