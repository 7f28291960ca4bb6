import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

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

/** A name that is safe as one path segment: no separator, no `..`, not hidden. */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..');
}

const SAFE_NAME = 'a monitor name: letters, digits, dot, dash or underscore, starting with a letter or digit, no "..", at most 100 characters';
const WHOLE = (what: string) => z.number({ error: `a whole number from 1, ${what}` }).int({ error: `a whole number from 1, ${what}` }).min(1, { error: `a whole number from 1, ${what}` }).max(1000, { error: `${what}, at most 1000` });
const ISO_TIME = z.iso.datetime({ error: 'an ISO date-time, e.g. 2026-11-26T03:00:00.000Z' });

/** shard.json as `tagwatch audit --shard i/n` writes it; read from folders other CI jobs uploaded, so checked field by field. */
export const shardManifestSchema = z
  .strictObject(
    {
      runId: z.string({ error: "8 to 40 letters, digits, '-' or '_'" }).superRefine((runId, ctx) => {
        const problem = runIdProblem(runId);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
      shard: z
        .strictObject({ current: WHOLE('this shard'), total: WHOLE('the number of shards') }, { error: '{ current, total }, e.g. { "current": 1, "total": 3 }' })
        .refine((shard) => shard.current <= shard.total, { error: 'current at most total, e.g. { "current": 2, "total": 3 }' }),
      monitor: z.string({ error: SAFE_NAME }).refine(isSafeName, { error: SAFE_NAME }),
      baseUrl: z.url({ protocol: /^https?$/, error: 'the http(s) URL of the audited site' }),
      startedAt: ISO_TIME,
      finishedAt: ISO_TIME,
      runnerExitCode: z.number({ error: 'a whole number (the journey runner\'s exit code)' }).int(),
      siteProblem: z.string({ error: 'a text (why the site could not be reached)' }).max(10_000).optional(),
    },
    { error: (issue) => (issue.input === undefined || typeof issue.input !== 'object' || Array.isArray(issue.input) ? 'an object: the shard manifest `tagwatch audit --shard i/n` writes' : undefined) },
  );

/**
 * `<file>: <field>: <what is accepted>; ...` on one line, at most `max` problems: what a bad file
 * in a shard folder is reported as. Values are never echoed (a file may hold anything).
 */
export function issuesLine(file: string, issues: z.core.$ZodIssue[], max = 5): string {
  const lines = issues.flatMap((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${issue.path.length ? `${path}.` : ''}${key}: unknown field`);
    return [`${path}: ${issue.message}`];
  });
  const shown = lines.slice(0, max).join('; ');
  return `${file}: ${shown}${lines.length > max ? `; and ${lines.length - max} more` : ''}`;
}
