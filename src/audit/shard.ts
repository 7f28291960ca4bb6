import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One slice of a run's journeys: `--shard 2/3` is { current: 2, total: 3 }. */
export interface Shard {
  current: number;
  total: number;
}

/** Env variable naming the run all shards belong to, as `--run-id` does. */
export const RUN_ID_ENV = 'TAGWATCH_RUN_ID';

/** Written last into a shard's run folder: its presence says the shard finished and can be merged. */
export const SHARD_FILE = 'shard.json';

/** What `tagwatch merge` needs to know of each shard besides its run log and run settings. */
export interface ShardManifest {
  runId: string;
  shard: Shard;
  monitor: string;
  baseUrl: string;
  startedAt: string;
  finishedAt: string;
  /** Exit code of this shard's journey runner; non-zero when journeys failed or the runner crashed. */
  runnerExitCode: number;
  /** Why the site could not be reached from this shard, when its journeys could not run. */
  siteProblem?: string;
}

/** `2/3` -> { current: 2, total: 3 }; throws with what is expected otherwise. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || current < 1 || total < 1 || current > total) {
    throw new Error(`'${value}' is not a shard: expected <current>/<total> with 1 <= current <= total, e.g. 1/3`);
  }
  return { current, total };
}

/**
 * Problem with a run id chosen by the user, or undefined. It names folders and goes into every
 * test order's stamp (an e-mail local part, at most 64 characters), and order sources search for
 * it as text: long enough not to be found inside other runs' stamps by chance.
 */
export function runIdProblem(runId: string): string | undefined {
  if (/^[A-Za-z0-9][A-Za-z0-9_-]{7,39}$/.test(runId)) return undefined;
  return `'${runId}' is not a usable run id: 8 to 40 letters, digits, '-' or '_', starting with a letter or digit, unique to this run (e.g. gh-\${{ github.run_id }}-\${{ github.run_attempt }})`;
}

/** `<runId>.shard-2-of-3`: shards of one run can share a report folder without clashing. */
export function shardFolderName(runId: string, shard: Shard): string {
  return `${runId}.shard-${shard.current}-of-${shard.total}`;
}

export function writeShardManifest(runDir: string, manifest: ShardManifest): void {
  writeFileSync(join(runDir, SHARD_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The shard's manifest, or undefined when the folder holds none (not a shard, or it did not finish). */
export function readShardManifest(runDir: string): ShardManifest | undefined {
  const path = join(runDir, SHARD_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as ShardManifest;
}
