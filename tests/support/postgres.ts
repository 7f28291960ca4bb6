import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
// runuser lives in /usr/sbin, which a non-login root PATH may lack.
const RUNUSER = existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser';

/** A fresh, empty database on a real PostgreSQL server, for one test file. */
export interface TestDatabase {
  /** Connection string of the fresh database, password included. */
  url: string;
  /** Drops the database, and stops the server when this helper started it. */
  drop(): Promise<void>;
}

const HOW_TO_GET_POSTGRES = [
  'These tests need a real PostgreSQL server and found none:',
  '  - TAGWATCH_TEST_DATABASE_URL is not set, and',
  '  - no initdb on PATH nor in /usr/lib/postgresql/<version>/bin.',
  'Either install the server (Debian/Ubuntu: apt-get install postgresql; the tests start their own throwaway cluster),',
  'or run the tests through `bin/with-postgres.sh npx vitest run ...`,',
  'or set TAGWATCH_TEST_DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/postgres (a role allowed to CREATE DATABASE).',
].join('\n');

/**
 * Creates a fresh database for one test file: on the server TAGWATCH_TEST_DATABASE_URL names (CI
 * starts one in bin/with-postgres.sh), else on a throwaway cluster this helper starts in a temp dir.
 * Throws with install instructions when neither is possible: a silent skip would hide the tests.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const given = process.env.TAGWATCH_TEST_DATABASE_URL;
  const cluster = given ? undefined : await startThrowawayCluster();
  const serverUrl = given ?? cluster!.url;
  const name = `tagwatch_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  try {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      } finally {
        await cluster?.stop();
      }
    },
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Directory holding initdb/pg_ctl: PATH first, else the newest Debian server package. */
function findServerBinaries(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) {
    const real = spawnSync('readlink', ['-f', onPath], { encoding: 'utf8' }).stdout.trim() || onPath;
    return real.replace(/\/initdb$/, '');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * initdb + pg_ctl in a temp dir, on 127.0.0.1 with password auth. initdb and postgres refuse to
 * run as root, so as root they run as the `postgres` OS user the Debian package creates.
 */
async function startThrowawayCluster(): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = findServerBinaries();
  if (!bin) throw new Error(HOW_TO_GET_POSTGRES);
  const asRoot = process.getuid?.() === 0;
  const runAs = (tool: string, args: string[]) =>
    asRoot ? run(RUNUSER, ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-pg-'));
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const uid = id('-u');
    if (!uid) throw new Error(`Running as root, but there is no \`postgres\` OS user to run initdb as.\n${HOW_TO_GET_POSTGRES}`);
    chownSync(dir, uid, id('-g'));
    chownSync(pwfile, uid, id('-g'));
  }
  const data = join(dir, 'data');
  await runAs('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale']);
  const port = await freePort();
  const stopNow = () => spawnSync(asRoot ? RUNUSER : join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop']);
  // A crashed test worker must not leave a server behind.
  const onExit = () => {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await runAs('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`, 'start']);
  } catch (error) {
    process.off('exit', onExit);
    onExit();
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off('exit', onExit);
      await runAs('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => stopNow());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
