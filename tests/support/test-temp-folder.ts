import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest's globalSetup: every temporary file of one `npm test` (the folders tests make with
 * mkdtemp, Chromium's profiles, the runs of the tagwatch processes they start) goes in one folder
 * of the machine's temp dir, removed when the run ends. Without it each run left ~430 folders
 * behind (7,000 and 2.7 GB on this machine after some sessions: a CI machine that keeps its /tmp fills).
 */
const MARK = 'TAGWATCH_TEST_TEMP_FOLDER';

export default function setup(): (() => void) | undefined {
  // Each project of vitest.config.ts inherits the setup: the first one to run makes the folder.
  if (process.env[MARK]) return undefined;
  const before = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), 'tagwatch-tests-'));
  // Traversable by other users, not listable: as root, the PostgreSQL tests run initdb as the
  // `postgres` user in a folder of their own in here (tests/support/postgres.ts), which mkdtemp's
  // 0700 kept it out of (`npm run test:cli` alone, without bin/with-postgres.sh, failed so).
  chmodSync(folder, 0o711);
  // Read by os.tmpdir() in every test worker and in every process a test starts (set before they start).
  process.env.TMPDIR = folder;
  process.env[MARK] = folder;
  return () => {
    delete process.env[MARK];
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, { recursive: true, force: true });
  };
}
