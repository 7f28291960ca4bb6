import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { monitorSchema, type Monitor } from '../monitor/schema.ts';
import { RUN_SETTINGS_FILE } from '../record/run-settings.ts';
import { UserError } from '../user-error.ts';
import { isSafeName, issuesLine, SHARD_FILE, shardManifestSchema, type ShardManifest } from './shard.ts';

/**
 * A shard folder as `tagwatch merge` reads it. The folders come from other CI jobs (downloaded
 * artifacts): untrusted input. Every file read is a regular file of the folder (no symbolic
 * link out of it), every field is checked (zod), and nothing read here decides where a
 * credential is sent: the merge takes the order source, the notifications and the plugins from
 * the project's own monitor (merge-shards.ts).
 */
export interface ShardFolder {
  dir: string;
  manifest: ShardManifest;
  settings: ShardSettings;
}

/** The monitor as the shard wrote it (collectors back where a monitor file has them), checked again. */
function asWritten(monitor: unknown): unknown {
  if (!monitor || typeof monitor !== 'object' || Array.isArray(monitor)) return monitor;
  const { plugins } = monitor as { plugins?: unknown };
  if (!plugins || typeof plugins !== 'object' || Array.isArray(plugins) || !('collectors' in plugins)) return monitor;
  const { collectors, ...rest } = plugins as Record<string, unknown>;
  return { ...monitor, plugins: rest, collectors };
}

const shardNumbers = z.strictObject({ current: z.number().int().min(1), total: z.number().int().min(1) });

/**
 * run-settings.json of a shard. Its paths (runDir, projectDir, plan's files) are the shard
 * machine's and are never used by the merge; its monitor is compared with the project's.
 */
const shardSettingsSchema = z.strictObject(
  {
    runId: z.string({ error: 'the run id, as in shard.json' }),
    runDir: z.string({ error: "the shard's run folder (a path)" }),
    baseUrl: z.string({ error: 'the audited site, as in shard.json' }),
    monitor: z.preprocess(asWritten, monitorSchema),
    projectDir: z.string({ error: "the shard's project folder (a path)" }),
    plan: z.array(z.strictObject({ condition: z.string(), scenarios: z.array(z.strictObject({ name: z.string(), file: z.string() })) }), { error: 'the journey plan: [{ condition, scenarios: [{ name, file }] }]' }),
    capture: z.boolean({ error: 'true or false' }),
    shard: shardNumbers,
    conditionFacts: z.array(z.strictObject({ id: z.string(), lossIsExpected: z.boolean().optional(), optOutSignal: z.string().optional(), leavesAtLoad: z.boolean().optional() })).optional(),
  },
  { error: (issue) => (issue.input === undefined || typeof issue.input !== 'object' || Array.isArray(issue.input) ? 'an object: the run settings `tagwatch audit --shard i/n` writes' : undefined) },
);
export type ShardSettings = Omit<z.output<typeof shardSettingsSchema>, 'monitor'> & { monitor: Monitor };

/** At most this much of a shard's JSON file is read: a run-settings.json is a few kilobytes. */
const MAX_JSON_BYTES = 5_000_000;

/** A regular file of `dir` (not a link to somewhere else), or undefined when absent. */
function regularFile(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new UserError(`${path}: not a regular file (a symbolic link or a folder): a shard folder holds the files \`tagwatch audit --shard i/n\` wrote, nothing else.`);
  if (stat.size > MAX_JSON_BYTES) throw new UserError(`${path}: ${stat.size} bytes, more than a shard's ${name} ever holds (at most ${MAX_JSON_BYTES}): not written by \`tagwatch audit --shard i/n\`.`);
  return path;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    // The parser's message quotes the file: it is not repeated (it may be anything).
    throw new UserError(`${path}: not valid JSON: ${what}.`);
  }
}

/** The shard folder at `path`, every file and field checked; a UserError naming the file and field otherwise. */
export function readShardFolder(path: string): ShardFolder {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new UserError(`Shard folder ${dir} does not exist: pass the run folders \`tagwatch audit --shard i/n\` wrote (reports/<runId>.shard-i-of-n).`);
  if (!lstatSync(dir).isDirectory()) throw new UserError(`${dir} is not a folder: pass the run folders \`tagwatch audit --shard i/n\` wrote (reports/<runId>.shard-i-of-n).`);
  const manifestFile = regularFile(dir, SHARD_FILE);
  if (!manifestFile) {
    const hint = existsSync(join(dir, 'results.json'))
      ? 'it is the folder of a whole audit, which has its verdict already'
      : `no ${SHARD_FILE}: not written by \`tagwatch audit --shard i/n\`, or that shard did not finish`;
    throw new UserError(`${dir} is not a finished shard folder (${hint}).`);
  }
  const parsedManifest = shardManifestSchema.safeParse(readJson(manifestFile, 'a shard manifest as `tagwatch audit --shard i/n` writes it'));
  if (!parsedManifest.success) throw new UserError(issuesLine(manifestFile, parsedManifest.error.issues));
  const manifest = parsedManifest.data;

  const settingsFile = regularFile(dir, RUN_SETTINGS_FILE);
  if (!settingsFile) throw new UserError(`${dir} has ${SHARD_FILE} but no ${RUN_SETTINGS_FILE}: copy the whole shard folder.`);
  const parsedSettings = shardSettingsSchema.safeParse(readJson(settingsFile, 'the run settings `tagwatch audit --shard i/n` writes'));
  if (!parsedSettings.success) throw new UserError(issuesLine(settingsFile, parsedSettings.error.issues));
  const settings = parsedSettings.data as ShardSettings;
  const differs = (field: string, value: string) => new UserError(`${settingsFile}: ${field}: '${value}' is not the ${field === 'runId' ? 'run' : field} of ${manifestFile} ('${field === 'runId' ? manifest.runId : field === 'baseUrl' ? manifest.baseUrl : manifest.monitor}'): the files of one shard folder agree; copy the whole folder of one shard.`);
  if (!isSafeName(settings.monitor.name)) throw new UserError(`${settingsFile}: monitor.name: a monitor name: letters, digits, dot, dash or underscore, no ".."`);
  if (settings.runId !== manifest.runId) throw differs('runId', settings.runId);
  if (settings.baseUrl !== manifest.baseUrl) throw differs('baseUrl', settings.baseUrl);
  if (settings.monitor.name !== manifest.monitor) throw new UserError(`${settingsFile}: monitor.name: not the monitor of ${manifestFile}: the files of one shard folder agree; copy the whole folder of one shard.`);
  if (settings.shard.current !== manifest.shard.current || settings.shard.total !== manifest.shard.total) {
    throw new UserError(`${settingsFile}: shard: ${settings.shard.current}/${settings.shard.total}, and ${manifestFile} says ${manifest.shard.current}/${manifest.shard.total}: copy the whole folder of one shard.`);
  }
  // The run log parts are read next (readRunLog): each must be a file of this folder, not a link to another.
  for (const name of readdirSync(dir)) if (/^run-log(\..+)?\.ndjson$/.test(name)) regularFile(dir, name);
  return { dir, manifest, settings };
}

/** `child` resolved inside `parent`, or a UserError: no path the merge writes leaves --out. */
export function inside(parent: string, ...segments: string[]): string {
  const path = resolve(parent, ...segments);
  const rel = relative(resolve(parent), path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UserError(`${segments.join('/')}: would be written outside ${parent}: names in shard folders are single path segments.`);
  return path;
}

/**
 * Copies the shard's artifacts (screenshots, traces of failed journeys) into `dest`: regular
 * files and folders with plain names only. A symbolic link (to a file of the merging machine) or
 * any other entry is skipped and named in the returned lines; so is a file already at its path
 * (another shard's: the first one's is kept).
 */
export function copyArtifacts(source: string, dest: string): string[] {
  const skipped: string[] = [];
  const walk = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      const stat = lstatSync(path);
      if (!isSafeArtifactName(name) || !(stat.isFile() || stat.isDirectory())) {
        skipped.push(`${path}: not copied (${stat.isSymbolicLink() ? 'a symbolic link' : isSafeArtifactName(name) ? 'not a file' : 'not a plain file name'})`);
        continue;
      }
      if (stat.isDirectory()) walk(path, inside(to, name));
      else if (existsSync(inside(to, name))) {
        // Playwright's own bookkeeping (.last-run.json) is in every shard: not worth a line.
        if (!name.startsWith('.')) skipped.push(`${path}: not copied (another shard's file has that path)`);
      } else copyFileSync(path, inside(to, name));
    }
  };
  const stat = lstatSync(source);
  if (!stat.isDirectory()) return [`${source}: not copied (${stat.isSymbolicLink() ? 'a symbolic link' : 'not a folder'})`];
  walk(source, dest);
  return skipped;
}

function isSafeArtifactName(name: string): boolean {
  return /^[\w.@+=,-]{1,200}$/.test(name) && name !== '.' && name !== '..';
}
